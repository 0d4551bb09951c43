import Foundation
import StoreModels
import StoreService

/// The channel map: per platform, tracks × risks (and branches) with what each serves.
enum ChannelMapView {
    /// One drawn row of the channel map.
    struct Row: Hashable {
        enum Kind: Hashable { case platform(String), header, channel, blank }
        var kind: Kind
        var cells: [String] = []
        var source: Serving.Source = .closed
        var isProgressive = false
        /// The revision the channel serves of its own (what Space selects).
        var ownRevision: Int?
    }

    static func columns(width: Int) -> [Column] {
        Column.layout([
            Column("TRACK", 10),
            Column("CHANNEL", 16),
            Column("VERSION", 12, wide: 18),
            Column("REVISION", 8),
            Column("PROGRESS", 12),
            Column("EXPIRES", 10),
        ], totalWidth: width)
    }

    /// The rows for a map: a heading per platform, then every channel.
    static func rows(_ map: ChannelMap, versions: [Int: String], now: Date) -> [Row] {
        var rows: [Row] = []
        let platforms = map.platforms
        if platforms.isEmpty { return [Row(kind: .platform("Nothing has been released yet."))] }
        for platform in platforms {
            if !rows.isEmpty { rows.append(Row(kind: .blank)) }
            rows.append(Row(kind: .platform(platform.description)))
            rows.append(Row(kind: .header))
            var lastTrack = ""
            for channel in map.channels {
                let serving = map.serving(channel, on: platform)
                let track = channel.track == lastTrack ? "" : channel.track
                lastTrack = channel.track
                let name = channel.branch.map { "\(channel.risk)/\($0)" } ?? channel.risk.description
                var cells = [track, name]
                switch serving.source {
                case .own:
                    let number = serving.revision ?? serving.progressive?.revision
                    cells.append(number.map { versions[$0] ?? "?" } ?? "–")
                    cells.append(number.map(String.init) ?? "–")
                case .following:
                    cells += ["↑", "↑"]
                case .closed:
                    cells += ["–", "–"]
                }
                if let progressive = serving.progressive, let percentage = progressive.progressivePercentage, serving.source == .own {
                    cells.append("→ r\(progressive.revision) \(percentage)%")
                } else {
                    cells.append("")
                }
                let expires = serving.source == .own ? serving.release?.expiresAt : nil
                cells.append(expires.map { Formatting.relative($0, to: now) } ?? "")
                let own = serving.source == .own ? (serving.revision ?? serving.progressive?.revision) : nil
                rows.append(Row(kind: .channel, cells: cells, source: serving.source,
                                isProgressive: serving.progressive != nil && serving.source == .own, ownRevision: own))
            }
        }
        return rows
    }

    static func render(_ state: AppState, _ package: PackageState, body: Rect, into canvas: inout Canvas, theme: Theme) {
        if let (message, isError) = PackageView.placeholder(package.channelMap, what: "channel map") {
            canvas.text(message, x: 2, y: body.y + 1, width: canvas.width - 4, style: isError ? theme.error : theme.dim)
            return
        }
        guard let map = package.channelMap.value else { return }
        let legend = canvas.width >= 100 ? "version \(map.version) · ↑ follows a safer risk · – closed " : "version \(map.version) "
        PackageView.toolbarRight(package.selectedRevisions.isEmpty ? legend : "selected \(ReleaseSelection.list(package.selectedRevisions)) · R release ",
                                 y: body.y - 1, into: &canvas, style: theme.dim)
        let all = rows(map, versions: package.versions, now: state.now)
        let columns = columns(width: canvas.width)
        let scroll = min(package.channelScroll, max(0, all.count - body.height))
        let channelRowsBefore = all.prefix(scroll).filter { $0.kind == .channel }.count
        var channelIndex = channelRowsBefore
        for (offset, row) in all.dropFirst(scroll).prefix(body.height).enumerated() {
            let y = body.y + offset
            if row.kind == .channel {
                defer { channelIndex += 1 }
                let isSelected = channelIndex == package.channelSelection
                if isSelected { canvas.fill(x: 0, y: y, width: canvas.width, style: theme.selected) }
                if let own = row.ownRevision, package.selectedRevisions.contains(own) {
                    canvas.label("●", x: 0, y: y, width: 1, style: isSelected ? theme.selected : theme.key)
                }
                drawChannel(row, y: y, columns: columns, isSelected: isSelected, into: &canvas, theme: theme)
                continue
            }
            switch row.kind {
            case .blank: break
            case .platform(let title): canvas.label(title, x: 1, y: y, style: theme.title)
            case .header:
                for column in columns { canvas.label(column.title, x: column.x, y: y, width: column.width, style: theme.header) }
            case .channel: break
            }
        }
    }

    static func drawChannel(_ row: Row, y: Int, columns: [Column], isSelected: Bool, into canvas: inout Canvas, theme: Theme) {
        let style: Style
        switch row.source {
        case .own: style = theme.text
        case .following, .closed: style = theme.following
        }
        for (index, (column, cell)) in zip(columns, row.cells).enumerated() {
            var cellStyle = index == 0 ? theme.text.adding(.bold) : (index == 4 ? theme.progressive : style)
            if isSelected { cellStyle = index == 0 ? theme.selected.adding(.bold) : theme.selected }
            if index == 2 { canvas.text(cell, x: column.x, y: y, width: column.width, style: cellStyle) }
            else { canvas.label(cell, x: column.x, y: y, width: column.width, style: cellStyle) }
        }
    }
}

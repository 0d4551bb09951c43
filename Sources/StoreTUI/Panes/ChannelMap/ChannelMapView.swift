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
    }

    static func columns(width: Int) -> [Column] {
        Column.layout([
            Column("TRACK", 10),
            Column("CHANNEL", 16),
            Column("VERSION", width >= 120 ? 18 : 12),
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
                rows.append(Row(kind: .channel, cells: cells, source: serving.source, isProgressive: serving.progressive != nil && serving.source == .own))
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
        canvas.labelRight("version \(map.version) · ↑ follows a safer risk · – closed ", right: canvas.width, y: body.y - 1, style: theme.dim)
        let all = rows(map, versions: PackageView.versions(package), now: state.now)
        let columns = columns(width: canvas.width)
        let scroll = min(package.channelScroll, max(0, all.count - body.height))
        for (offset, row) in all.dropFirst(scroll).prefix(body.height).enumerated() {
            let y = body.y + offset
            switch row.kind {
            case .blank: break
            case .platform(let title): canvas.label(title, x: 1, y: y, style: theme.title)
            case .header:
                for column in columns { canvas.label(column.title, x: column.x, y: y, width: column.width, style: theme.header) }
            case .channel:
                let style: Style
                switch row.source {
                case .own: style = theme.text
                case .following, .closed: style = theme.following
                }
                for (index, (column, cell)) in zip(columns, row.cells).enumerated() {
                    let cellStyle = index == 0 ? theme.text.adding(.bold) : (index == 4 ? theme.progressive : style)
                    if index == 2 { canvas.text(cell, x: column.x, y: y, width: column.width, style: cellStyle) }
                    else { canvas.label(cell, x: column.x, y: y, width: column.width, style: cellStyle) }
                }
            }
        }
    }
}

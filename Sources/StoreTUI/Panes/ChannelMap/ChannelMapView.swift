import Foundation
import StoreModels
import StoreService

/// The channel map as a matrix: a row per channel (full names, the default track first and marked,
/// branches under their risk), a column per platform, each cell what the channel serves there
/// (`6.8 r25`, `↑` following a safer risk, `–` closed) with a progressive release inline. The
/// highlighted cell's detail is the last row.
enum ChannelMapView {
    /// The narrowest platform column (`…8 r25`); the channel column takes what names need up to a cap.
    static let minimumCellWidth = 7
    static let maximumNameWidth = 28

    /// The name column and one column per platform, sharing `width`.
    static func columns(_ grid: ChannelMapGrid, width: Int) -> (name: Rect, cells: [Rect]) {
        let longest = grid.channels.map { title($0, in: grid).count }.max() ?? 8
        // The cells come first: the names get about a cell's share, at least 16 columns.
        let share = max(16, width / (grid.platforms.count + 1))
        let room = width - 2 - grid.platforms.count * (minimumCellWidth + 1)
        let nameWidth = max(8, min(maximumNameWidth, longest + 1, share, room))
        let parts = Rect(x: 1, y: 0, width: width - 2, height: 1)
            .columns([.fixed(nameWidth)] + grid.platforms.map { _ in .fill }, spacing: 1)
        return (parts[0], Array(parts.dropFirst()))
    }

    /// A channel's row title: its full name, a star on the default track's.
    static func name(_ channel: Channel, in grid: ChannelMapGrid) -> String {
        channel.fullName + (channel.track == grid.defaultTrack && channel.branch == nil && channel.risk == .stable ? " ★" : "")
    }

    /// A row's title: the name, branches indented under their risk; a branch whose full name does
    /// not fit `width` shows `…/` and its own name (its risk is the row above).
    static func title(_ channel: Channel, in grid: ChannelMapGrid, width: Int = .max) -> String {
        guard let branch = channel.branch else { return name(channel, in: grid) }
        let full = "  " + name(channel, in: grid)
        return full.count <= width ? full : "  …/" + branch
    }

    /// What a cell says, fitted to `width` columns: the revision is never cut, the version is. A
    /// following channel shows `↑` and only a progressive release of its own; a branch the time
    /// left before it closes, when there is room.
    static func cell(_ serving: Serving, channel: Channel, versions: [Int: String], now: Date, width: Int, wasClosed: Bool = true) -> String {
        let ownProgressive = serving.progressive.flatMap { $0.channel == channel ? $0 : nil }
        switch serving.source {
        case .closed:
            return ownProgressive.map { progressive($0) } ?? (wasClosed ? "–" : "·")
        case .following:
            return ownProgressive.map { "↑ " + progressive($0) } ?? "↑"
        case .own:
            guard let number = serving.revision else { return serving.progressive.map { progressive($0) } ?? "–" }
            let revision = "r\(number)"
            var suffix = ownProgressive.map { " " + progressive($0) } ?? ""
            if let expires = serving.release?.expiresAt, channel.isBranch {
                let left = " · " + Formatting.relative(expires, to: now)
                if (versions[number] ?? "?").count + revision.count + suffix.count + left.count + 1 <= width { suffix += left }
            }
            let room = width - revision.count - suffix.count - 1
            guard room >= 4 else { return revision + (revision.count + suffix.count <= width ? suffix : "") }
            let version = versions[number] ?? "?"
            let shown = version.count > room ? String(version.prefix(room - 1)) + "…" : version
            return shown + " " + revision + suffix
        }
    }

    private static func progressive(_ release: ChannelRelease) -> String {
        "→r\(release.revision)" + (release.progressivePercentage.map { " \($0)%" } ?? "")
    }

    static func render(_ state: AppState, _ package: PackageState, body: Rect, into canvas: inout Canvas, theme: Theme) {
        if let (message, isError) = PackageView.placeholder(package.channelMap, what: "channel map") {
            canvas.text(message, x: 2, y: body.y + 1, width: canvas.width - 4, style: isError ? theme.error : theme.dim)
            return
        }
        guard let map = package.channelMap.value, let grid = package.channelGrid else { return }
        let layout = state.layout(of: .package(package))
        let legend = canvas.width >= 110
            ? "version \(map.version) · ★ default track · ↑ follows a safer risk · – closed · · never released " : "version \(map.version) "
        if package.actsOnAllPlatforms {
            PackageView.toolbarRight("* every platform: p promote · x close · % progressive ", y: layout.toolbar.y, into: &canvas, style: theme.key)
        } else {
            PackageView.toolbarRight(package.selectedRevisions.isEmpty ? legend : "selected \(ReleaseSelection.list(package.selectedRevisions)) · R release ",
                                     y: layout.toolbar.y, into: &canvas, style: theme.dim)
        }
        guard !grid.platforms.isEmpty else {
            canvas.label("Nothing has been released yet.", x: 2, y: layout.list.y, style: theme.dim)
            return
        }
        let (nameColumn, cells) = columns(grid, width: canvas.width)
        canvas.within(layout.header) { canvas in
            canvas.label("CHANNEL", x: nameColumn.x, y: layout.header.y, width: nameColumn.width, style: theme.header)
            for (platform, column) in zip(grid.platforms, cells) {
                canvas.text(ReleasePreviewView.platformLabel(platform), x: column.x, y: layout.header.y, width: column.width, style: theme.header)
            }
        }
        let versions = package.versions
        let rows = layout.listRows
        let scroll = min(package.channelScroll, max(0, grid.rows.count - rows))
        let highlighted = grid.target(at: package.channelSelection)
        canvas.within(layout.list) { canvas in
            for (offset, row) in grid.rows.dropFirst(scroll).prefix(rows).enumerated() {
                guard case .channel(let index) = row else { continue }
                let y = layout.list.y + offset
                let channel = grid.channels[index]
                let isRow = highlighted?.channel == channel
                canvas.text(title(channel, in: grid, width: nameColumn.width), x: nameColumn.x, y: y, width: nameColumn.width, style: isRow ? theme.text.adding(.bold) : theme.text)
                for (platform, column) in zip(grid.platforms, cells) {
                    let serving = map.serving(channel, on: platform)
                    let isHighlighted = isRow && highlighted?.platform == platform
                    var style: Style
                    switch serving.source {
                    case .own: style = serving.progressive != nil ? theme.progressive : theme.text
                    case .following, .closed: style = theme.following
                    }
                    if isHighlighted {
                        style = theme.selected
                        canvas.fill(x: column.x - 1, y: y, width: column.width + 1, style: style)
                    }
                    let own = serving.source == .own ? (serving.revision ?? serving.progressive?.revision) : nil
                    if let own, package.selectedRevisions.contains(own) {
                        canvas.label("●", x: column.x - 1, y: y, width: 1, style: isHighlighted ? style : theme.key)
                    }
                    canvas.text(cell(serving, channel: channel, versions: versions, now: state.now, width: column.width,
                                     wasClosed: map.wasClosed(channel, on: platform)),
                                x: column.x, y: y, width: column.width, style: style)
                }
            }
        }
        if let highlighted {
            canvas.within(layout.footer) { canvas in
                canvas.text(detail(highlighted, map: map, versions: versions, now: state.now, devices: package.devicesOnCells), x: 1, y: layout.footer.y,
                            width: canvas.width - 2, style: theme.dim)
            }
        }
    }

    /// The highlighted cell in full: `latest/stable on amd64: 6.8 (r25) · 1,204 devices · expires in 3 d`;
    /// a progressive release with the share of the cell's devices it has reached, when known.
    static func detail(_ target: ChannelTarget, map: ChannelMap, versions: [Int: String], now: Date, devices: ReleaseDevices? = nil) -> String {
        // The parts of `Serving` are taken apart once, up front: Swift 6.3.1's optimizer crashed
        // ("Found ownership error", CopyPropagation) on this function reading them from the value in place.
        let serving = map.serving(target.channel, on: target.platform)
        let source = serving.source
        let served = serving.revision
        let progressive = serving.progressive
        let expires = serving.release?.expiresAt
        var text = "\(target.channel.fullName) on \(ReleasePreviewView.platformLabel(target.platform)): "
        func revision(_ number: Int) -> String { "\(versions[number] ?? "?") (r\(number))" }
        switch source {
        case .closed:
            text += progressive != nil ? "nothing to most devices"
                : map.wasClosed(target.channel, on: target.platform) ? "closed" : "never released"
        case .following(let safer): text += "follows \(safer.fullName)" + (served.map { ", " + revision($0) } ?? "")
        case .own: text += served.map(revision) ?? "nothing to most devices"
        }
        let isOwn = source == .own
        let onCell = devices?.devices(target.channel, on: target.platform)
        if let onCell, isOwn {
            text += " · \(MetricsChart.full(onCell)) device\(onCell == 1 ? "" : "s")"
        }
        if let progressive {
            text += " · progressive " + revision(progressive.revision) + (progressive.progressivePercentage.map { " at \($0)%" } ?? "")
            if let onCell, onCell > 0, let reached = devices?.devices(target.channel, on: target.platform, revision: progressive.revision) {
                text += ", reached \(reached * 100 / onCell)% (\(MetricsChart.full(reached)))"
            }
        }
        if isOwn, let expires {
            text += " · branch closes \(Formatting.relative(expires, to: now))"
        }
        return text
    }
}

import StoreModels
import StoreService

/// The revisions table: sortable, filterable, virtualized.
enum RevisionsView {
    /// The table's columns; BASE only on screens of 100 columns or more (a wide-only column).
    static func columns(width: Int) -> [Column] {
        let wide = width >= 120
        var columns = [
            Column("REV", 5),
            Column("VERSION", wide ? 16 : 10),
            Column("ARCHES", wide ? 20 : 11),
            Column("BASE", wide ? 14 : 8),
            Column("SIZE", 8),
            Column("REVIEW", 8),
            Column("CREATED", 10),
            Column("CHANNELS", 8),
        ]
        if width < 100 { columns.remove(at: 3) }
        return Column.layout(columns, totalWidth: width)
    }

    static func render(_ state: AppState, _ package: PackageState, body: Rect, into canvas: inout Canvas, theme: Theme) {
        let revisions = package.revisions
        let columns = columns(width: canvas.width)
        for column in columns { canvas.label(column.title, x: column.x, y: body.y, width: column.width, style: theme.header) }
        let visible = revisions.visible
        var filters = package.selectedRevisions.isEmpty ? "" : "selected \(ReleaseSelection.list(package.selectedRevisions)) · R release · "
        filters += "sort: \(revisions.sort.rawValue)"
        if let architecture = revisions.architecture { filters += " · arch: \(architecture)" }
        if let status = revisions.reviewStatus { filters += " · review: \(status)" }
        filters += " · \(visible.count)/\(revisions.items.count)\(revisions.nextCursor != nil ? "+" : "")"
        PackageView.toolbarRight(filters + " ", y: body.y - 1, into: &canvas, style: theme.dim)

        if visible.isEmpty {
            let message: String
            if let error = revisions.error { message = error.description + "  (r to retry)" }
            else if !revisions.hasLoaded { message = "Loading revisions…" }
            else { message = revisions.items.isEmpty ? "No revisions uploaded yet." : "No revision matches these filters (a, f)." }
            canvas.text(message, x: 2, y: body.y + 2, width: canvas.width - 4, style: revisions.error != nil ? theme.error : theme.dim)
            return
        }
        let released = releasedChannels(package.channelMap.value)
        // The last row tells the highlighted revision's download: its exact size and SHA3-384.
        let rows = body.height - 2
        if visible.indices.contains(revisions.selection) {
            let revision = visible[revisions.selection]
            let line = "r\(revision.number) download: \(Formatting.size(revision.size)) (\(revision.size) bytes) · sha3-384 \(revision.sha3_384)"
            canvas.text(line, x: 1, y: body.y + body.height - 1, width: canvas.width - 2, style: theme.dim)
        }
        let end = min(visible.count, revisions.scroll + rows)
        guard revisions.scroll < end else { return }
        for index in revisions.scroll..<end {
            let revision = visible[index]
            let y = body.y + 1 + index - revisions.scroll
            let isSelected = index == revisions.selection
            let base = isSelected ? theme.selected : theme.text
            if isSelected { canvas.fill(x: 0, y: y, width: canvas.width, style: base) }
            if package.selectedRevisions.contains(revision.number) {
                canvas.label("●", x: 0, y: y, width: 1, style: isSelected ? base : theme.key)
            }
            var cells: [(String, Style, Bool)] = [
                ("\(revision.number)", base.adding(.bold), false),
                (revision.version, base, true),
                (revision.architectures.map(\.rawValue).joined(separator: ","), base, true),
                (Formatting.size(revision.size), base, false),
                (revision.review.word, isSelected ? base : reviewStyle(revision.review, theme), false),
                (Formatting.day(revision.createdAt), isSelected ? base : theme.dim, false),
                channelsCell(revision, released: released[revision.number], base: base, isSelected: isSelected, theme: theme),
            ]
            if columns.count == 8 { cells.insert((revision.base ?? "–", base, true), at: 3) }
            for (column, cell) in zip(columns, cells) {
                if cell.2 {
                    canvas.text(cell.0, x: column.x, y: y, width: column.width, style: cell.1)
                } else {
                    canvas.label(cell.0, x: column.x, y: y, width: column.width, style: cell.1)
                }
            }
        }
    }

    /// The channels a revision is released to; for a rejected one (never released) the reason its
    /// publisher is shown, as untrusted text.
    static func channelsCell(_ revision: Revision, released: [String]?, base: Style, isSelected: Bool, theme: Theme) -> (String, Style, Bool) {
        if case .rejected(let reason) = revision.review, !reason.isEmpty {
            return ("✗ " + reason, isSelected ? base : theme.error, true)
        }
        return ((released ?? []).joined(separator: ", "), base, false)
    }

    static func reviewStyle(_ review: ReviewStatus, _ theme: Theme) -> Style {
        switch review {
        case .approved: theme.success
        case .pending: theme.warning
        case .rejected: theme.error
        }
    }

    /// Channel names (short form) each revision is released to, on any platform.
    static func releasedChannels(_ map: ChannelMap?) -> [Int: [String]] {
        guard let map else { return [:] }
        var result: [Int: [String]] = [:]
        for release in map.releases {
            let name = release.channel.shortName + (release.progressivePercentage.map { " \($0)%" } ?? "")
            if result[release.revision]?.contains(name) != true { result[release.revision, default: []].append(name) }
        }
        return result
    }
}

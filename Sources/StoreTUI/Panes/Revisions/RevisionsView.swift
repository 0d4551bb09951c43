import StoreModels
import StoreService

/// The revisions table: sortable, filterable, virtualized.
enum RevisionsView {
    /// The table's columns; BASE only on screens of 100 columns or more (a wide-only column).
    static func columns(width: Int) -> [Column] {
        var columns = [
            Column("REV", 5), Column("VERSION", 10, wide: 16), Column("ARCHES", 11, wide: 20), Column("BASE", 8, wide: 14),
            Column("SIZE", 8), Column("REVIEW", 8), Column("CREATED", 10), Column("CHANNELS", 8),
        ]
        if width < 100 { columns.remove(at: 3) }
        return Column.layout(columns, totalWidth: width)
    }

    static func render(_ state: AppState, _ package: PackageState, layout: PaneLayout, into canvas: inout Canvas, theme: Theme) {
        let revisions = package.revisions
        let columns = columns(width: canvas.width)
        let visible = revisions.visible
        var filters = package.selectedRevisions.isEmpty ? "" : "selected \(ReleaseSelection.list(package.selectedRevisions)) · R release · "
        filters += "sort: \(revisions.sort.rawValue)"
        if let architecture = revisions.architecture { filters += " · arch: \(architecture)" }
        if let status = revisions.reviewStatus { filters += " · review: \(status)" }
        filters += " · \(visible.count)/\(revisions.items.count)\(revisions.list.nextCursor != nil ? "+" : "")"
        PackageView.toolbarRight(filters + " ", y: layout.toolbar.y, into: &canvas, style: theme.dim)

        let empty = TableView.placeholder(
            revisions.list, loading: "Loading revisions…",
            none: revisions.items.isEmpty ? "No revisions uploaded yet." : "No revision matches these filters (a, f).")
        let released = releasedChannels(package.channelMap.value)
        // The footer tells the highlighted revision's download: its exact size and SHA3-384.
        if let revision = revisions.highlighted {
            let line = "r\(revision.number) download: \(Formatting.size(revision.size)) (\(revision.size) bytes) · sha3-384 \(revision.sha3_384)"
            canvas.within(layout.footer) { canvas in
                canvas.text(line, x: 1, y: layout.footer.y, width: canvas.width - 2, style: theme.dim)
            }
        }
        TableView.draw(
            visible, highlighted: revisions.list.highlighted, scroll: revisions.list.scroll, hasMore: false, columns: columns,
            layout: layout, empty: empty, into: &canvas, theme: theme
        ) { revision, row, canvas in
            let (y, base, isSelected) = (row.y, row.base, row.isHighlighted)
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

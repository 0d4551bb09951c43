import StoreModels
import StoreService

/// Draws the search field, filters and the virtualized results list.
enum SearchView {
    /// The results table: name, publisher, type, version, summary.
    static let table = [Column("NAME", 20, wide: 28), Column("PUBLISHER", 15, wide: 24), Column("TYPE", 5), Column("VERSION", 9, wide: 14), Column("SUMMARY", 10)]

    static func columns(width: Int) -> [Column] { Column.layout(table, totalWidth: width) }

    /// The table for `sort`: the sorted column's title marked `↑`/`↓`, and sorted by date, an
    /// UPDATED column in place of the type (the summary keeps what is left).
    static func columns(width: Int, sort: SearchSort?) -> [Column] {
        guard let sort else { return columns(width: width) }
        var table = table
        let index: Int
        switch sort.key {
        case .name: index = 0
        case .publisher: index = 1
        case .version: index = 3
        case .updated:
            table[2] = Column("UPDATED", 10)
            index = 2
        }
        table[index].title += sort.descending ? " ↓" : " ↑"
        return Column.layout(table, totalWidth: width)
    }

    static func render(_ state: AppState, layout: PaneLayout, into canvas: inout Canvas, theme: Theme) {
        let search = state.search
        // Toolbar: the query field and the filters.
        let fieldY = layout.toolbar.y
        let x = canvas.label(" / ", x: 0, y: fieldY, style: search.isEditing ? theme.key : theme.dim)
        let fieldWidth = max(10, min(40, canvas.width / 2 - 4))
        FilterFieldView.draw(search.query, isEditing: search.isEditing, hint: "type / to search", x: x, y: fieldY, width: fieldWidth,
                             into: &canvas, theme: theme)
        // The filters and the count, right-aligned, never over the query field: the filters go first
        // when both do not fit, then the count.
        let count = search.list.place("package", "packages")
        let room = canvas.width - (x + fieldWidth + 1)
        let status = ["\(search.filterSummary) · \(count) ", "\(count) "].first { SafeText(trusted: $0).width <= room }
        if let status { canvas.labelRight(status, right: canvas.width, y: fieldY, style: theme.dim) }

        let empty = TableView.placeholder(
            search.list, loading: "Searching…",
            none: search.query.isEmpty ? "The catalogue is empty." : "No packages match this search and these filters.", retryHint: false)
        let columns = columns(width: canvas.width, sort: search.sort)
        let words = search.query.split(separator: " ").map(String.init)
        let showsUpdated = search.sort?.key == .updated
        TableView.draw(search.list, columns: columns, layout: layout, empty: empty, into: &canvas, theme: theme) { item, row, canvas in
            drawRow(item, y: row.y, columns: columns, base: row.base, isSelected: row.isHighlighted, words: words,
                    showsUpdated: showsUpdated, into: &canvas, theme: theme)
        }
    }

    /// One result; the parts of its name and summary that match `words` are underlined.
    /// With `showsUpdated` the third column is the date the package last changed instead of its type.
    static func drawRow(_ row: PackageSummary, y: Int, columns: [Column], base: Style, isSelected: Bool, words: [String] = [],
                        showsUpdated: Bool = false, into canvas: inout Canvas, theme: Theme) {
        canvas.text(row.name.rawValue, highlighting: words, x: columns[0].x, y: y, width: columns[0].width, style: base.adding(.bold),
                    emphasis: base.adding(.bold).adding(.underline))
        let badge = Badge.of(row.publisher.validation)
        var used = canvas.text(row.publisher.displayName, x: columns[1].x, y: y, width: columns[1].width - (badge.isEmpty ? 0 : 2), style: base)
        if !badge.isEmpty {
            used += canvas.label(" " + badge, x: columns[1].x + used, y: y, width: 2,
                                 style: isSelected ? base : (row.publisher.validation == .verified ? theme.verified : theme.starred))
        }
        let third = showsUpdated ? row.updatedAt.map { CivilDay($0).iso } ?? "–" : row.type.rawValue
        canvas.label(third, x: columns[2].x, y: y, width: columns[2].width, style: isSelected ? base : theme.dim)
        canvas.text(row.latestStableVersion ?? "–", x: columns[3].x, y: y, width: columns[3].width, style: base)
        let summaryStyle = isSelected ? base : theme.dim
        canvas.text(row.summary, highlighting: words, x: columns[4].x, y: y, width: columns[4].width, style: summaryStyle,
                    emphasis: summaryStyle.adding(.underline))
    }
}

/// The publisher badges: ✓ verified, ✪ starred (the stores' own symbols).
enum Badge {
    static func of(_ validation: Publisher.Validation) -> String {
        switch validation {
        case .verified: "✓"
        case .starred: "✪"
        case .unproven: ""
        }
    }
}

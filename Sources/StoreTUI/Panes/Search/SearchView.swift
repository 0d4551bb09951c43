import StoreModels
import StoreService

/// Draws the search field, filters and the virtualized results list.
enum SearchView {
    static func columns(width: Int) -> [Column] {
        let wide = width >= 120
        return Column.layout([
            Column("NAME", wide ? 28 : 20),
            Column("PUBLISHER", wide ? 24 : 15),
            Column("TYPE", 5),
            Column("VERSION", wide ? 14 : 9),
            Column("SUMMARY", 10),
        ], totalWidth: width)
    }

    static func render(_ state: AppState, body: Rect, into canvas: inout Canvas, theme: Theme) {
        let search = state.search
        // Toolbar: the query field and the filters.
        let fieldY = body.y - 1
        var x = canvas.label(" / ", x: 0, y: fieldY, style: search.isEditing ? theme.key : theme.dim)
        let fieldWidth = max(10, min(40, canvas.width / 2 - 4))
        canvas.fill(x: x, y: fieldY, width: fieldWidth, style: theme.field)
        if search.query.isEmpty && !search.isEditing {
            canvas.label("type / to search", x: x, y: fieldY, width: fieldWidth, style: theme.dim.adding(.underline))
        } else {
            x += canvas.text(search.query, x: x, y: fieldY, width: fieldWidth - 1, style: theme.field)
            if search.isEditing { canvas.label("▏", x: x, y: fieldY, width: 1, style: theme.key) }
        }
        let count = search.list.count("package", "packages")
        canvas.labelRight("\(search.filterSummary) · \(count) ", right: canvas.width, y: fieldY, style: theme.dim)

        let columns = columns(width: canvas.width)
        for column in columns { canvas.label(column.title, x: column.x, y: body.y, width: column.width, style: theme.header) }

        let rows = body.height - 1
        if search.list.items.isEmpty {
            let text: String
            if let error = search.list.error { text = error.description }
            else if !search.list.hasLoaded || search.list.pending != nil { text = "Searching…" }
            else if search.query.isEmpty { text = "The catalogue is empty." }
            else { text = "No packages match this search and these filters." }
            canvas.text(text, x: 2, y: body.y + 2, width: canvas.width - 4, style: search.list.error != nil ? theme.error : theme.dim)
            return
        }
        let end = min(search.list.items.count, search.list.scroll + rows)
        guard search.list.scroll < end else { return }
        for index in search.list.scroll..<end {
            let y = body.y + 1 + index - search.list.scroll
            let isSelected = index == search.list.highlighted
            let base = isSelected ? theme.selected : theme.text
            if isSelected { canvas.fill(x: 0, y: y, width: canvas.width, style: base) }
            drawRow(search.list.items[index], y: y, columns: columns, base: base, isSelected: isSelected, into: &canvas, theme: theme)
        }
        if search.list.nextCursor != nil, end == search.list.items.count, rows > end - search.list.scroll {
            canvas.label("Loading more…", x: 2, y: body.y + 1 + end - search.list.scroll, style: theme.dim)
        }
    }

    static func drawRow(_ row: PackageSummary, y: Int, columns: [Column], base: Style, isSelected: Bool, into canvas: inout Canvas, theme: Theme) {
        canvas.text(row.name.rawValue, x: columns[0].x, y: y, width: columns[0].width, style: base.adding(.bold))
        let badge = Badge.of(row.publisher.validation)
        var used = canvas.text(row.publisher.displayName, x: columns[1].x, y: y, width: columns[1].width - (badge.isEmpty ? 0 : 2), style: base)
        if !badge.isEmpty {
            used += canvas.label(" " + badge, x: columns[1].x + used, y: y, width: 2,
                                 style: isSelected ? base : (row.publisher.validation == .verified ? theme.verified : theme.starred))
        }
        canvas.label(row.type.rawValue, x: columns[2].x, y: y, width: columns[2].width, style: isSelected ? base : theme.dim)
        canvas.text(row.latestStableVersion ?? "–", x: columns[3].x, y: y, width: columns[3].width, style: base)
        canvas.text(row.summary, x: columns[4].x, y: y, width: columns[4].width, style: isSelected ? base : theme.dim)
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

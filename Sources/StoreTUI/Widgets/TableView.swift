/// The one table every list pane draws (search, review queue, publishers, audit, revisions):
/// column titles in the layout's header, the visible window of rows in its list rectangle, the
/// highlighted row filled, a placeholder when there is nothing to show, and "Loading more…" while
/// the next page is on its way.
enum TableView {
    /// How one row is drawn: where, and whether it is the highlighted one.
    struct Row {
        /// The index of the item among all rows.
        var index: Int
        /// The screen row.
        var y: Int
        var isHighlighted: Bool
        /// The row's base style: the selection's when highlighted.
        var base: Style
    }

    /// Draws `items` (the rows in display order) with `highlighted` and `scroll` as the list keeps
    /// them; `empty` is the placeholder when there are no rows (and whether it is an error).
    static func draw<Item>(
        _ items: [Item], highlighted: Int, scroll: Int, hasMore: Bool, columns: [Column], layout: PaneLayout,
        empty: (text: String, isError: Bool), into canvas: inout Canvas, theme: Theme,
        row drawRow: (Item, Row, inout Canvas) -> Void
    ) {
        canvas.within(layout.header) { canvas in
            for column in columns { canvas.label(column.title, x: column.x, y: layout.header.y, width: column.width, style: theme.header) }
        }
        canvas.within(layout.list) { canvas in
            guard !items.isEmpty else {
                canvas.text(empty.text, x: 2, y: layout.list.y + 1, width: canvas.width - 4, style: empty.isError ? theme.error : theme.dim)
                return
            }
            let rows = layout.listRows
            let end = min(items.count, scroll + rows)
            guard scroll < end else { return }
            for index in scroll..<end {
                let isHighlighted = index == highlighted
                let row = Row(index: index, y: layout.list.y + index - scroll, isHighlighted: isHighlighted,
                              base: isHighlighted ? theme.selected : theme.text)
                if isHighlighted { canvas.fill(x: layout.list.x, y: row.y, width: layout.list.width, style: row.base) }
                drawRow(items[index], row, &canvas)
            }
            if hasMore, end == items.count, rows > end - scroll {
                canvas.label("Loading more…", x: 2, y: layout.list.y + end - scroll, style: theme.dim)
            }
        }
    }

    /// Draws a ``PagedList``'s rows.
    static func draw<Item>(
        _ list: PagedList<Item>, columns: [Column], layout: PaneLayout, empty: (text: String, isError: Bool),
        into canvas: inout Canvas, theme: Theme, row drawRow: (Item, Row, inout Canvas) -> Void
    ) {
        draw(list.items, highlighted: list.highlighted, scroll: list.scroll, hasMore: list.nextCursor != nil, columns: columns,
             layout: layout, empty: empty, into: &canvas, theme: theme, row: drawRow)
    }

    /// The placeholder of an empty list: its error (with the retry key), `loading` while the first
    /// answer is awaited, else `none`.
    static func placeholder<Item>(_ list: PagedList<Item>, loading: String, none: String, retryHint: Bool = true) -> (text: String, isError: Bool) {
        if let error = list.error { return (error.description + (retryHint ? error.retryHint : ""), true) }
        if !list.hasLoaded || (list.pending != nil && !list.isNextPage) { return (loading, false) }
        return (none, false)
    }

    /// The separator and the rectangle under it for the highlighted item in full, from a layout's detail.
    static func drawSeparator(_ layout: PaneLayout, into canvas: inout Canvas, theme: Theme) -> Rect? {
        guard layout.detail.height > 0 else { return nil }
        canvas.label(String(repeating: "─", count: layout.detail.width), x: layout.detail.x, y: layout.detail.y, style: theme.border)
        return layout.detail.insetBy(top: 1)
    }
}

import StoreService

extension Page {
    /// The first `limit` of `items`, fetched one more than `limit` to learn whether more remain;
    /// when they do, the cursor points after the last item kept.
    /// - Parameter position: the keyset position after an item, encoded with ``OpaqueCursor``.
    package init<Position: Encodable>(trimming items: [Item], to limit: Int, cursorAfter position: (Item) -> Position) {
        var items = items
        var next: String?
        if items.count > limit {
            items.removeLast(items.count - limit)
            next = items.last.flatMap { OpaqueCursor.encode(position($0)) }
        }
        self.init(items: items, nextCursor: next)
    }
}

extension Page {
    /// The first `limit` items of `rows`, each given with the keyset position after it, fetched one
    /// more than `limit`; when more remain, the cursor points after the last item kept.
    /// - Parameter total: all the matches, when the engine counts them.
    package init<Position: Encodable>(trimming rows: [(item: Item, position: Position)], to limit: Int, total: Int? = nil) {
        let kept = rows.prefix(limit)
        let next = rows.count > limit ? kept.last.flatMap { OpaqueCursor.encode($0.position) } : nil
        self.init(items: kept.map(\.item), nextCursor: next, total: total)
    }
}

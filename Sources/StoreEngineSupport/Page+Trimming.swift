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

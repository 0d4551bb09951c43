import StoreService

/// A list loaded page by page from the store, with the highlighted row and the scroll position:
/// the one list every list pane (search, review queue, publishers, audit, revisions) keeps.
///
/// Vocabulary: the *highlighted* row is the cursor's (arrows move it, Enter opens it); rows a
/// pane lets you pick with Space are *marked* (kept by the pane, keyed by what they are).
/// The list knows nothing of the screen: callers pass the rows it may show.
public struct PagedList<Item: Hashable & Sendable>: Hashable, Sendable {
    /// What is loaded so far, in order.
    public var items: [Item] = []
    /// Where the next page starts; `nil` when everything is loaded.
    public var nextCursor: String?
    /// The request in flight, if any; answers to any other ticket are stale.
    public var pending: Ticket?
    /// Whether the request in flight asks for the next page (appended) rather than the first (replacing).
    public var isNextPage = false
    /// Why the last request failed; cleared by the next answer.
    public var error: StoreError?
    /// Whether a first answer arrived.
    public var hasLoaded = false
    /// The highlighted row, an index into ``items``.
    public var highlighted = 0
    /// The first row shown.
    public var scroll = 0
    /// How many items the store has in all, when it counted (search, the review queue).
    public var total: Int?
    /// Whether the highlight is on its way to the true end: each page that arrives is followed by
    /// the next, and the highlight moves to the last item (`G` before everything is loaded).
    public var seeksEnd = false

    /// An empty list that has loaded nothing.
    public init() {}

    /// The highlighted item, if any.
    public var highlightedItem: Item? { items.indices.contains(highlighted) ? items[highlighted] : nil }

    /// Records that `ticket` asks for the first page (`nextPage` false: its answer replaces the items)
    /// or the next one (appended).
    public mutating func request(_ ticket: Ticket, nextPage: Bool = false) {
        pending = ticket
        isNextPage = nextPage
    }

    /// What an answer did to the list.
    public enum Answer: Equatable {
        /// It answered another request (or none): nothing changed.
        case stale
        /// A page was taken in.
        case loaded
        /// The request failed; ``error`` says why, and the items are kept.
        case failed(StoreError)
    }

    /// Takes the answer to `ticket`. A first page replaces the items and highlights the first row;
    /// a next page is added with `merge` (appended by default).
    public mutating func take(
        _ ticket: Ticket, _ result: Result<Page<Item>, StoreError>,
        merge: (_ loaded: [Item], _ page: [Item]) -> [Item] = { $0 + $1 }
    ) -> Answer {
        guard ticket == pending else { return .stale }
        pending = nil
        let appending = isNextPage
        switch result {
        case .success(let page):
            if appending {
                items = merge(items, page.items)
            } else {
                items = page.items
                highlighted = 0
                scroll = 0
            }
            isNextPage = false
            nextCursor = page.nextCursor
            // A next page without a count keeps the first page's; a first page brings its own.
            if page.total != nil || !appending { total = page.total }
            hasLoaded = true
            error = nil
            return .loaded
        case .failure(let failure):
            error = failure
            seeksEnd = false
            return .failed(failure)
        }
    }

    /// Forgets the request in flight (a new one will replace it, or none is wanted).
    public mutating func cancel() {
        pending = nil
        isNextPage = false
        seeksEnd = false
    }

    /// The cursor to load next while seeking the true end, moving the highlight to the last item
    /// loaded so far; `nil` once the end is reached (the highlight is then on the last item).
    public mutating func continueToEnd(rows: Int) -> String? {
        guard seeksEnd else { return nil }
        move(by: items.count, rows: rows)
        guard let nextCursor else {
            seeksEnd = false
            return nil
        }
        return pending == nil ? nextCursor : nil
    }

    /// `row N of M`: where the highlight is among everything the store has (or what is loaded).
    public var position: String {
        guard !items.isEmpty else { return "" }
        let all = total.map(String.init) ?? "\(items.count)\(nextCursor != nil ? "+" : "")"
        return "row \(highlighted + 1) of \(all)"
    }

    /// Where the highlight is, with the count in words: `row 3 of 2953 packages`, or just the
    /// count (`0 packages`, `1 package`) when there is no row to be on.
    public func place(_ singular: String, _ plural: String) -> String {
        let count = count(singular, plural)
        return items.isEmpty ? count : "row \(highlighted + 1) of \(count)"
    }

    /// Moves the highlight by `delta` rows within the items, scrolling so it stays among `rows` shown.
    public mutating func move(by delta: Int, rows: Int) {
        move(by: delta, rows: rows, among: items.count)
    }

    /// Moves the highlight by `delta` within `count` rows of the pane's own view of the items (the
    /// revisions table sorts and filters them locally), scrolling so it stays among `rows` shown.
    public mutating func move(by delta: Int, rows: Int, among count: Int) {
        guard count > 0 else {
            highlighted = 0
            scroll = 0
            return
        }
        highlighted = min(max(0, highlighted + delta), count - 1)
        follow(rows: rows, among: count)
    }

    /// Scrolls so the highlighted row is among the `rows` shown, leaving no empty rows at the bottom.
    public mutating func follow(rows: Int) {
        follow(rows: rows, among: items.count)
    }

    /// ``follow(rows:)`` over `count` rows of the pane's own view of the items.
    public mutating func follow(rows: Int, among count: Int) {
        ListCursor.follow(selection: highlighted, scroll: &scroll, count: count, rows: rows)
    }

    /// The cursor of the next page when it should be asked for now: none is in flight and the
    /// highlight is within `distance` rows of the end of what is loaded.
    public func cursorToPrefetch(within distance: Int) -> String? {
        guard let nextCursor, pending == nil, highlighted + distance >= items.count else { return nil }
        return nextCursor
    }

    /// How many items there are, in words: `1 package`, `12 packages`, or `100+ packages` while more
    /// pages exist; `total` (when the store counted) wins over what is loaded.
    public func count(_ singular: String, _ plural: String, total: Int? = nil) -> String {
        if let total = total ?? self.total { return "\(total) \(total == 1 ? singular : plural)" }
        let more = nextCursor != nil
        return "\(items.count)\(more ? "+" : "") \(items.count == 1 && !more ? singular : plural)"
    }

    /// The index of the item drawn on the list's `row`-th visible row (0 for the first shown), if any.
    public func index(atVisibleRow row: Int) -> Int? {
        let index = scroll + row
        return row >= 0 && items.indices.contains(index) ? index : nil
    }
}

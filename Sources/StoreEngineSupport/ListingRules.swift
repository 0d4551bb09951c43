import StoreModels
import StoreService

/// The page of a list a call asks for: its size clamped and its cursor decoded, as every engine
/// starts a list.
package struct PageRequest<Position: Decodable & Sendable>: Sendable {
    /// How many items the page holds (engines fetch one more to learn whether more remain).
    package var limit: Int
    /// Where the previous page ended; `nil` for the first page.
    package var after: Position?

    /// The page `limit` and `cursor` name.
    /// - Throws: `.invalidInput` for a cursor that is not one of this list's.
    package init(limit: Int, maximum: Int = PageSize.maximum, cursor: String?) throws(StoreError) {
        self.limit = PageSize.clamped(limit, maximum: maximum)
        self.after = try OpaqueCursor.decode(Position.self, from: cursor)
    }
}

/// Position after the last revision of a page.
package struct RevisionCursor: Codable, Sendable {
    package var number: Int
    package init(number: Int) { self.number = number }
    enum CodingKeys: String, CodingKey { case number = "r" }
}

extension RevisionQuery {
    /// The query checked (``validated()``, a known review status) with the page it asks for.
    /// - Throws: `.invalidInput` for a bad filter or cursor.
    package func listing() throws(StoreError) -> (query: RevisionQuery, page: PageRequest<RevisionCursor>) {
        let query = try validated()
        if let status = query.reviewStatus, ReviewStatus(word: status, note: nil) == nil {
            throw .invalidInput("unknown review status '\(status)' (use pending, approved or rejected)")
        }
        return (query, try PageRequest(limit: query.limit, cursor: query.cursor))
    }
}

extension AuditQuery {
    /// The query checked (``validated()``) with the page it asks for.
    package func listing() throws(StoreError) -> (query: AuditQuery, page: PageRequest<AuditCursor>) {
        let query = try validated()
        return (query, try PageRequest(limit: query.limit, cursor: query.cursor))
    }
}

/// How a search runs, decided before any statement: the text as words, the page, and whether it
/// browses by name (no text) or searches (the mode of its first page, when this is a later one).
package struct SearchPlan<Text: Sendable>: Sendable {
    /// The query checked (``SearchQuery/validated()``).
    package var query: SearchQuery
    /// The engine's form of the text (its own `SearchText`).
    package var text: Text
    /// The page asked for.
    package var page: PageRequest<SearchCursor>
    /// Whether the search has no text: results by name (or by its ``SearchQuery/sort``).
    package var browses: Bool
    /// The explicit order, if any (``SortedSearch``).
    package var sorted: SortedSearch? { query.sort.map(SortedSearch.init) }
    /// Whether the page also counts the results (``SearchTotal``): the first page does, later ones not,
    /// nor a first page whose caller shows no total (``SearchQuery/countsTotal``).
    package var countsTotal: Bool { page.after == nil && query.countsTotal }

    /// The plan of `query`, the text parsed by `parse` (`isBlank` says whether it has any).
    /// - Throws: `.invalidInput` for a bad filter, or a cursor of another kind of search.
    package init(_ query: SearchQuery, parse: (String) -> (text: Text, isBlank: Bool)) throws(StoreError) {
        self.query = try query.validated()
        let parsed = parse(self.query.text)
        text = parsed.text
        browses = parsed.isBlank
        page = try PageRequest(limit: query.limit, maximum: SearchQuery.maximumLimit, cursor: query.cursor)
        if let cursor = page.after {
            let sameOrder = self.query.sort.map { cursor.mode == .sorted && cursor.sort == $0.parameter }
                ?? (cursor.mode != .sorted && (cursor.mode == .browse) == browses)
            if !sameOrder { throw .invalidInput("the page cursor belongs to another search; start again") }
        }
    }
}

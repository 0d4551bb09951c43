import PostgresNIO
import StoreModels
import StoreService
import StoreEngineSupport

extension PostgresStore {
    /// Searches the public catalogue; see ``SearchText`` for how text is matched and
    /// ``SearchQueries`` for the statements.
    ///
    /// Private and quarantined packages and those of suspended publishers are hidden from every
    /// caller (`packages.listed`). Without text, results come by name. With text, the exact name
    /// comes first, then by score (or by name when the words match too many packages to rank; see
    /// `SearchQueries.rankingLimit`). Cursors carry the order's keys, and scores depend only on the
    /// row and the query, so adding packages between pages neither skips nor repeats results.
    func search(_ query: SearchQuery) async throws(StoreError) -> Page<PackageSummary> {
        let plan = try SearchPlan(query) { text in let parsed = SearchText(text); return (parsed, parsed.isBlank) }
        let (query, text, page) = (plan.query, plan.text, plan.page)
        if let order = plan.sorted {
            return try await sortedSearch(plan, order: order)
        }
        if plan.browses {
            return try await backend.read { db in
                var result = try await SearchQueries.browse(query, after: page.after?.name, limit: page.limit, db)
                if plan.countsTotal { result.total = try await SearchQueries.total(query, match: nil, db) }
                return result
            }
        }
        guard let match = text.tsquery else { return Page(items: []) }
        let rankingLimit = PostgresSearchTuning.rankingLimit ?? SearchQueries.rankingLimit
        return try await backend.read { db in
            // A first page counts its hits once: the count is its total and decides its mode.
            var total: Int?
            let mode: SearchCursor.Mode
            if let cursorMode = page.after?.mode {
                mode = cursorMode
            } else {
                total = try await SearchQueries.total(query, match: match, db)
                mode = SearchQueries.mode(forHits: total, rankingLimit: rankingLimit)
            }
            let search = mode == .broad ? SearchQueries.broad : SearchQueries.ranked
            var result = try await search(query, match, text.exactName, page.after, page.limit, db)
            if plan.countsTotal { result.total = total }
            return result
        }
    }

    /// A search in an explicit order: every listed package, or the text's matches.
    private func sortedSearch(_ plan: SearchPlan<SearchText>, order: SortedSearch) async throws(StoreError) -> Page<PackageSummary> {
        let (query, page) = (plan.query, plan.page)
        let match = plan.browses ? nil : plan.text.tsquery
        if !plan.browses, match == nil { return Page(items: []) }
        return try await backend.read { db in
            var result = try await SortedSearchQueries.page(query, order: order, matching: match, after: page.after, limit: page.limit, db)
            if plan.countsTotal { result.total = try await SearchQueries.total(query, match: match, db) }
            return result
        }
    }
}

/// Test-only knobs of the search (`@_spi(Testing) import StorePostgres`).
@_spi(Testing) public enum PostgresSearchTuning {
    /// Overrides `SearchQueries.rankingLimit` for calls made by the current task, so a small
    /// catalogue can exercise broad mode.
    @TaskLocal public static var rankingLimit: Int?
}

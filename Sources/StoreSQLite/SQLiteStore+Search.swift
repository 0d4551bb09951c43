import GRDB
import StoreModels
import StoreService
import StoreEngineSupport

extension SQLiteStore {
    /// Searches the public catalogue; see ``SearchText`` for how text is matched, ``SearchRanking``
    /// for scores and ``SearchQueries`` for the statements.
    ///
    /// Private and quarantined packages and those of suspended publishers are hidden from every
    /// caller (`packages.listed`). Without text, results come by name. With text, the exact name
    /// comes first, then by score; when the words match more than `SearchQueries.scoringLimit`
    /// packages, by ``SearchTier`` with only the few strong hits scored (``TieredSearchQueries``); by
    /// name when they match too many to rank (`SearchQueries.rankingLimit`). Cursors carry the order's keys, and scores depend only on the
    /// row and the query, so adding packages between pages neither skips nor repeats results.
    func search(_ query: SearchQuery) async throws(StoreError) -> Page<PackageSummary> {
        let plan = try SearchPlan(query) { text in let parsed = SearchText(text); return (parsed, parsed.isBlank) }
        let (query, text, page) = (plan.query, plan.text, plan.page)
        if let order = plan.sorted {
            return try await sortedSearch(plan, order: order)
        }
        if plan.browses {
            return try await backend.read { db in
                var result = try SearchQueries.browse(query, after: page.after?.name, limit: page.limit, db)
                if plan.countsTotal { result.total = try SearchQueries.total(query, match: nil, db) }
                return result
            }
        }
        guard let match = text.match else { return Page(items: []) }
        let rankingLimit = SearchTuning.rankingLimit ?? SearchQueries.rankingLimit
        let scoringLimit = SearchTuning.scoringLimit ?? SearchQueries.scoringLimit
        return try await backend.read { db in
            // A first page counts its hits once: the count is its total and decides its mode.
            var total: Int?
            let mode: SearchCursor.Mode
            if let cursorMode = page.after?.mode {
                mode = cursorMode
            } else if plan.countsTotal {
                total = try SearchQueries.total(query, match: match, db)
                mode = SearchQueries.mode(forHits: total, scoringLimit: scoringLimit, rankingLimit: rankingLimit)
            } else {
                mode = try SearchQueries.mode(query, match: match, scoringLimit: scoringLimit, rankingLimit: rankingLimit, db)
            }
            var result: Page<PackageSummary>
            switch mode {
            case .broad:
                let matched = try SearchExpansion.probeMatch(for: text, db) ?? match
                result = try SearchQueries.broad(query, match: matched, exactName: text.exactName, after: page.after, limit: page.limit, db)
            case .tiered:
                result = try TieredSearchQueries.page(
                    query, match: match, exactName: text.exactName, after: page.after, limit: page.limit,
                    scoringLimit: scoringLimit, db)
            default:
                result = try SearchQueries.ranked(query, match: match, exactName: text.exactName, after: page.after, limit: page.limit, db)
            }
            if plan.countsTotal { result.total = total }
            return result
        }
    }

    /// A search in an explicit order: every listed package, or the text's matches taken from the
    /// FTS index when few, probed along the order's index when too many to rank.
    private func sortedSearch(_ plan: SearchPlan<SearchText>, order: SortedSearch) async throws(StoreError) -> Page<PackageSummary> {
        let (query, page) = (plan.query, plan.page)
        let match = plan.browses ? nil : plan.text.match
        if !plan.browses, match == nil { return Page(items: []) }
        let rankingLimit = SearchTuning.rankingLimit ?? SearchQueries.rankingLimit
        return try await backend.read { db in
            var source = SortedSearchQueries.Source.all
            if let match {
                let mode = try SearchQueries.mode(for: match, rankingLimit: rankingLimit, db)
                source = mode == .broad ? .probing(match) : .hits(match)
            }
            var result = try SortedSearchQueries.page(query, order: order, from: source, after: page.after, limit: page.limit, db)
            if plan.countsTotal { result.total = try SearchQueries.total(query, match: match, db) }
            return result
        }
    }
}

/// Test-only knobs of the search (`@_spi(Testing) import StoreSQLite`).
@_spi(Testing) public enum SearchTuning {
    /// Overrides ``SearchQueries/rankingLimit`` for calls made by the current task, so a small
    /// catalogue can exercise broad mode.
    @TaskLocal public static var rankingLimit: Int?
    /// Overrides ``SearchQueries/scoringLimit`` for calls made by the current task, so a small
    /// catalogue can exercise tiered mode (and its unscored strong tier).
    @TaskLocal public static var scoringLimit: Int?
}

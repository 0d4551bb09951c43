import GRDB
import StoreModels
import StoreService
import StoreEngineSupport

/// The statements of a tiered (top-k) search, ``SearchCursor/Mode/tiered``: a page is read tier by
/// tier (``SearchTier``) until it is full, and no statement touches more than a page of hits
/// except the scored tier, which holds at most ``SearchQueries/scoringLimit`` of them.
///
/// The tiers are FTS5 column filters over the same words: the strong hits are
/// `{name title summary} : (words)`, the weak ones `(words) NOT {name title summary} : (words)`.
/// The unscored tiers walk the FTS index in row-key order (`rowid > ?` … `ORDER BY rowid LIMIT ?`,
/// which FTS5 answers from its doclists without sorting) and probe the narrow
/// `packages_search_cover` index for the filters; only the page's rows are read in full.
enum TieredSearchQueries {
    /// The match of the strong hits: every word in the name, title or summary.
    static func strongMatch(_ match: String) -> String { "{name title summary} : (\(match))" }
    /// The match of the weak hits: the words found, but not all in the name, title and summary.
    static func weakMatch(_ match: String) -> String { "(\(match)) NOT \(strongMatch(match))" }

    /// One page of a tiered search after `after` (a tiered cursor, or `nil` for the first page).
    static func page(
        _ query: SearchQuery, match: String, exactName: String, after: SearchCursor?, limit: Int, scoringLimit: Int,
        _ db: Database
    ) throws -> Page<PackageSummary> {
        let wanted = limit + 1
        let current = SearchTier(of: after)
        var rows: [(item: PackageSummary, position: SearchCursor)] = []
        if current == nil {
            let (sql, arguments) = SearchQueries.exactStatement(query, exactName: exactName, match: match)
            rows += try SearchRows.summaries(sql, arguments, db).map { summary in
                (item: summary, position: SearchCursor(mode: .tiered, tier: SearchTier.exactName.rawValue, name: summary.name.rawValue))
            }
        }
        /// The cursor's position when it stands in `tier`, else `nil` (the tier is read from its start).
        func position(in tier: SearchTier) -> SearchCursor? { current == tier ? after : nil }

        if current.map({ $0 < .weak }) ?? true {
            let strong: SearchTier
            if let current, current != .exactName {
                strong = current  // keep the decision the first page of this tier took
            } else {
                let strongHits = try hits(strongMatch(match), upTo: scoringLimit + 1, db)
                strong = SearchTier.strong(hits: strongHits, scoringLimit: scoringLimit)
            }
            let (sql, arguments) = strong.isScored
                ? scoredStatement(query, match: strongMatch(match), exactName: exactName, after: position(in: strong), limit: wanted - rows.count)
                : unscoredStatement(query, match: strongMatch(match), exactName: exactName, after: position(in: strong), limit: wanted - rows.count)
            rows += try positions(sql, arguments, tier: strong, db)
        }
        if rows.count < wanted {
            let (sql, arguments) = unscoredStatement(
                query, match: weakMatch(match), exactName: exactName, after: position(in: .weak), limit: wanted - rows.count)
            rows += try positions(sql, arguments, tier: .weak, db)
        }
        return Page(trimming: rows, to: limit)
    }

    /// How many FTS hits `match` has, counted up to `limit`.
    static func hits(_ match: String, upTo limit: Int, _ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM (SELECT 1 FROM package_search WHERE package_search MATCH ? LIMIT ?)
            """), arguments: [match, limit]) ?? 0
    }

    /// The summaries a tier's statement returns, each with the cursor after it.
    private static func positions(
        _ sql: String, _ arguments: StatementArguments, tier: SearchTier, _ db: Database
    ) throws -> [(item: PackageSummary, position: SearchCursor)] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        return try Array(rows.map { row in
            let summary = try PackageRecord.summary(row)
            if tier.isScored {
                let score: Double = try row.value("score")
                return (item: summary, position: SearchCursor(mode: .tiered, tier: tier.rawValue, score: score, name: summary.name.rawValue))
            }
            let key: Int64 = try row.value("pk")
            return (item: summary, position: SearchCursor(mode: .tiered, tier: tier.rawValue, name: summary.name.rawValue, key: String(key)))
        })
    }

    /// The scored tier: its hits (at most the scoring limit) scored once, filtered and ordered on
    /// `packages_search_cover`, one page kept, then that page's rows read in full.
    static func scoredStatement(
        _ query: SearchQuery, match: String, exactName: String, after: SearchCursor?, limit: Int
    ) -> (String, StatementArguments) {
        var sql = """
            WITH hits(pk, score) AS MATERIALIZED (
                SELECT rowid, \(SearchRanking.functionName)(package_search) FROM package_search
                WHERE package_search MATCH ?
            ),
            page(pk, score, name) AS MATERIALIZED (
                SELECT c.pk, h.score, c.name
                FROM hits h JOIN packages c INDEXED BY packages_search_cover ON c.pk = h.pk
            """
        var arguments: StatementArguments = [match]
        appendJoins(query, to: &sql, &arguments, join: "JOIN")
        sql += " WHERE c.listed = 1 AND c.name <> ?"
        arguments += [exactName]
        SearchQueries.appendFilters(query, to: &sql, &arguments, package: "c", account: "ca")
        if let after {
            let score = after.score ?? 0
            sql += " AND (h.score < ? OR (h.score = ? AND c.name > ?))"
            arguments += [score, score, after.name]
        }
        sql += """
             ORDER BY 2 DESC, 3 LIMIT ?
            )
            SELECT \(PackageRecord.summarySelection), t.score AS score
            FROM page t JOIN packages p ON p.pk = t.pk JOIN accounts a ON a.id = p.publisher_id
            ORDER BY t.score DESC, t.name
            """
        arguments += [limit]
        return (sql, arguments)
    }

    /// An unscored tier: the FTS index walked in row-key order after the cursor's key (`CROSS JOIN`
    /// keeps it the outer loop), each hit probed on `packages_search_cover` for the filters, and the
    /// walk stopped after `limit` rows; then those rows read in full.
    static func unscoredStatement(
        _ query: SearchQuery, match: String, exactName: String, after: SearchCursor?, limit: Int
    ) -> (String, StatementArguments) {
        var sql = """
            WITH page(pk) AS MATERIALIZED (
                SELECT c.pk FROM package_search s CROSS JOIN packages c INDEXED BY packages_search_cover ON c.pk = s.rowid
            """
        var arguments = StatementArguments()
        appendJoins(query, to: &sql, &arguments, join: "CROSS JOIN")
        sql += " WHERE s.package_search MATCH ? AND c.listed = 1 AND c.name <> ?"
        arguments += [match, exactName]
        SearchQueries.appendFilters(query, to: &sql, &arguments, package: "c", account: "ca")
        sql += " AND s.rowid > ?"
        arguments += [after?.key.flatMap { Int64($0) } ?? 0]
        sql += """
             ORDER BY s.rowid LIMIT ?
            )
            SELECT \(PackageRecord.summarySelection), t.pk AS pk
            FROM page t JOIN packages p ON p.pk = t.pk JOIN accounts a ON a.id = p.publisher_id
            ORDER BY t.pk
            """
        arguments += [limit]
        return (sql, arguments)
    }

    /// The joins the verified-only and category filters need, on the cover alias `c`; `join` is
    /// `CROSS JOIN` where the FTS walk must stay the outer loop.
    private static func appendJoins(
        _ query: SearchQuery, to sql: inout String, _ arguments: inout StatementArguments, join: String
    ) {
        if query.verifiedOnly {
            sql += " \(join) accounts ca ON ca.id = c.publisher_id"
        }
        if let category = query.category {
            sql += " \(join) package_categories pc ON pc.category = ? AND pc.package_name = c.name"
            arguments += [category]
        }
    }
}

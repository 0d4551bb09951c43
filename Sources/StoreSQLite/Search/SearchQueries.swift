import GRDB
import StoreModels
import StoreService
import StoreEngineSupport

/// The search statements, one per ``SearchCursor/Mode``. Every statement fetches one row more
/// than the page so the caller knows whether another page follows.
///
/// The query plans are in `docs/sqlite-query-plans.md`: browsing walks a name-ordered index;
/// ranked search scores every FTS hit once, then sorts; tiered search (``TieredSearchQueries``)
/// scores only a few strong hits and walks the rest in row-key order; broad search walks the name
/// index and probes the FTS index row by row.
enum SearchQueries {
    /// Above this many hits a query is searched in broad mode. A ranked search costs about
    /// 1.2 µs a hit (scoring, filtering, sorting): some 13 ms at 10 000 hits, while ranking a word
    /// found in all of 100 000 packages would take over 100 ms (`docs/sqlite-query-plans.md`).
    static let rankingLimit = 10_000

    /// At most this many hits are scored by ``SearchRanking``: up to it a search ranks every hit
    /// (ranked mode); above it only the strong hits are scored, and only when they are this few
    /// (tiered mode, ``TieredSearchQueries``). About 1 ms of scoring at most.
    static let scoringLimit = 1_000

    /// The mode of a first page whose words have `hits` listed matches passing the filters
    /// (counted up to ``SearchTotal/limit`` + 1; `nil` beyond it, as ``total(_:match:_:)`` says):
    /// ranked up to `scoringLimit`, broad above `rankingLimit`, tiered between.
    static func mode(forHits hits: Int?, scoringLimit: Int, rankingLimit: Int) -> SearchCursor.Mode {
        guard let hits, hits <= rankingLimit else { return .broad }
        return hits > scoringLimit ? .tiered : .ranked
    }

    /// The mode ``mode(forHits:scoringLimit:rankingLimit:)`` gives the total of `query`'s hits, found
    /// without counting them all when no total is wanted. The words' index hits alone (no filter, no
    /// join: the cheap count) are counted first, up to `rankingLimit` + 1; the hits passing the filters
    /// are never more, so few index hits decide the mode by themselves, and the filtered hits are
    /// counted only where they can change it: up to `scoringLimit` + 1 between the two limits, in full
    /// above the ranking limit.
    static func mode(
        _ query: SearchQuery, match: String, scoringLimit: Int, rankingLimit: Int, _ db: Database
    ) throws -> SearchCursor.Mode {
        let indexed = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM (SELECT 1 FROM package_search WHERE package_search MATCH ? LIMIT ?)
            """), arguments: [match, rankingLimit + 1]) ?? 0
        if indexed <= min(scoringLimit, rankingLimit) { return .ranked }
        if indexed <= rankingLimit {
            return try count(query, match: match, upTo: scoringLimit + 1, db) <= scoringLimit ? .ranked : .tiered
        }
        return mode(forHits: try total(query, match: match, db), scoringLimit: scoringLimit, rankingLimit: rankingLimit)
    }

    /// Ranked mode when the words match at most `rankingLimit` packages, broad otherwise: for
    /// sorted searches, which decide on every page.
    ///
    /// Counting stops at the limit, so the check costs little even for very common words.
    static func mode(for match: String, rankingLimit: Int, _ db: Database) throws -> SearchCursor.Mode {
        let hits = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM (SELECT 1 FROM package_search WHERE package_search MATCH ? LIMIT ?)
            """), arguments: [match, rankingLimit + 1]) ?? 0
        return hits > rankingLimit ? .broad : .ranked
    }

    // MARK: Browse

    /// Lists the catalogue by name.
    static func browse(_ query: SearchQuery, after name: String?, limit: Int, _ db: Database) throws -> Page<PackageSummary> {
        let (sql, arguments) = browseStatement(query, after: name, limit: limit)
        let items = try SearchRows.summaries(sql, arguments, db)
        return Page(trimming: items, to: limit) { SearchCursor(mode: .browse, name: $0.name.rawValue) }
    }

    /// The SQL of a browse page: by name after `name`, optionally only packages that `match`
    /// (probed per row) and not named `excluding`.
    static func browseStatement(
        _ query: SearchQuery, after name: String?, matching match: String? = nil, excluding: String? = nil, limit: Int
    ) -> (String, StatementArguments) {
        var sql = "SELECT \(PackageRecord.summarySelection) FROM "
        var arguments = StatementArguments()
        let nameColumn: String
        if let category = query.category {
            // Driven by the category's primary key, already in name order.
            sql += """
                package_categories c JOIN packages p ON p.pk = c.package_pk JOIN accounts a ON a.id = p.publisher_id
                WHERE c.category = ? AND p.listed = 1
                """
            arguments += [category]
            nameColumn = "c.package_name"
        } else {
            sql += "packages p JOIN accounts a ON a.id = p.publisher_id WHERE p.listed = 1"
            nameColumn = "p.name"
        }
        appendFilters(query, to: &sql, &arguments)
        if let name {
            sql += " AND \(nameColumn) > ?"
            arguments += [name]
        }
        if let excluding {
            sql += " AND p.name <> ?"
            arguments += [excluding]
        }
        if let match {
            sql += " AND EXISTS (SELECT 1 FROM package_search s WHERE s.package_search MATCH ? AND s.rowid = p.pk)"
            arguments += [match]
        }
        sql += " ORDER BY \(nameColumn) LIMIT ?"
        arguments += [limit + 1]
        return (sql, arguments)
    }

    // MARK: Ranked

    /// Full-text search with every hit scored: exact name, then score descending, then name.
    static func ranked(
        _ query: SearchQuery, match: String, exactName: String, after: SearchCursor?, limit: Int, _ db: Database
    ) throws -> Page<PackageSummary> {
        let (sql, arguments) = rankedStatement(query, match: match, exactName: exactName, after: after, limit: limit)
        // Decoded from the cursor's rows, which find columns by name in a dictionary (fetched copies compare
        // every column name, lowercased, for each lookup).
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        return Page(trimming: try Array(rows.map { row in
            (try PackageRecord.summary(row),
             SearchCursor(mode: .ranked, tier: try row.value("tier"), score: try row.value("score"), name: try row.value("name")))
        }), to: limit)
    }

    /// The SQL of a ranked page.
    ///
    /// Three steps: score every hit once (`hits`); filter and order them on the narrow covering
    /// index `packages_search_cover` rather than the wide table rows, keeping one page (`page`);
    /// then read the full rows of that page only.
    static func rankedStatement(
        _ query: SearchQuery, match: String, exactName: String, after: SearchCursor?, limit: Int
    ) -> (String, StatementArguments) {
        var sql = """
            WITH hits(pk, score) AS MATERIALIZED (
                SELECT rowid, \(SearchRanking.functionName)(package_search) FROM package_search
                WHERE package_search MATCH ?
            ),
            page(pk, tier, score, name) AS MATERIALIZED (
                SELECT c.pk, (c.name <> ?), h.score, c.name
                FROM hits h JOIN packages c INDEXED BY packages_search_cover ON c.pk = h.pk
            """
        var arguments: StatementArguments = [match, exactName]
        if query.verifiedOnly {
            sql += " JOIN accounts ca ON ca.id = c.publisher_id"
        }
        if let category = query.category {
            sql += " JOIN package_categories pc ON pc.category = ? AND pc.package_name = c.name"
            arguments += [category]
        }
        sql += " WHERE c.listed = 1"
        appendFilters(query, to: &sql, &arguments, package: "c", account: "ca")
        if let after {
            let tier = after.tier ?? 1
            let score = after.score ?? 0
            sql += " AND ((c.name <> ?) > ? OR ((c.name <> ?) = ? AND (h.score < ? OR (h.score = ? AND c.name > ?))))"
            arguments += [exactName, tier, exactName, tier, score, score, after.name]
        }
        sql += """
             ORDER BY 2, 3 DESC, 4 LIMIT ?
            )
            SELECT \(PackageRecord.summarySelection), t.tier AS tier, t.score AS score
            FROM page t JOIN packages p ON p.pk = t.pk JOIN accounts a ON a.id = p.publisher_id
            ORDER BY t.tier, t.score DESC, t.name
            """
        arguments += [limit + 1]
        return (sql, arguments)
    }

    // MARK: Broad

    /// Full-text search for words too common to rank: the exact name first, then by name.
    static func broad(
        _ query: SearchQuery, match: String, exactName: String, after: SearchCursor?, limit: Int, _ db: Database
    ) throws -> Page<PackageSummary> {
        var summaries: [PackageSummary] = []
        if after == nil {
            let (sql, arguments) = exactStatement(query, exactName: exactName, match: match)
            summaries = try SearchRows.summaries(sql, arguments, db)
        }
        let exactFound = !summaries.isEmpty
        let (sql, arguments) = browseStatement(
            query, after: after?.tier == 1 ? after?.name : nil, matching: match, excluding: exactName,
            limit: limit - summaries.count)
        summaries += try SearchRows.summaries(sql, arguments, db)
        return Page(trimming: BroadSearchPage.positions(summaries, exactFound: exactFound), to: limit)
    }

    /// The SQL fetching the package named exactly like the text, if it matches and passes the filters.
    static func exactStatement(_ query: SearchQuery, exactName: String, match: String) -> (String, StatementArguments) {
        var sql = """
            SELECT \(PackageRecord.summarySelection) FROM packages p JOIN accounts a ON a.id = p.publisher_id
            WHERE p.name = ? AND p.listed = 1
            """
        var arguments: StatementArguments = [exactName]
        appendFilters(query, to: &sql, &arguments)
        if let category = query.category {
            sql += " AND EXISTS (SELECT 1 FROM package_categories c WHERE c.category = ? AND c.package_name = p.name)"
            arguments += [category]
        }
        sql += " AND EXISTS (SELECT 1 FROM package_search s WHERE s.package_search MATCH ? AND s.rowid = p.pk)"
        arguments += [match]
        return (sql, arguments)
    }

    // MARK: Total

    /// How many listed packages pass the filters (and `match`, when given), counted up to
    /// ``SearchTotal/limit``; `nil` beyond it. A first page carries it as its total, and a first
    /// page with text also takes its mode from it (``mode(forHits:scoringLimit:rankingLimit:)``),
    /// so the hits are counted once.
    ///
    /// Hits are probed on the narrow `packages_search_cover` index, not the wide rows, and the
    /// publisher's account is joined only for the verified-only filter.
    static func total(_ query: SearchQuery, match: String?, _ db: Database) throws -> Int? {
        SearchTotal.total(counted: try count(query, match: match, upTo: SearchTotal.limit + 1, db))
    }

    /// How many listed packages pass the filters (and `match`, when given), counted up to `limit`.
    static func count(_ query: SearchQuery, match: String?, upTo limit: Int, _ db: Database) throws -> Int {
        var sql = "SELECT count(*) FROM (SELECT 1 FROM "
        var arguments = StatementArguments()
        sql += match == nil ? "packages p" : "package_search s JOIN packages p INDEXED BY packages_search_cover ON p.pk = s.rowid"
        if query.verifiedOnly {
            sql += " JOIN accounts a ON a.id = p.publisher_id"
        }
        if let category = query.category {
            sql += " JOIN package_categories c ON c.category = ? AND c.package_name = p.name"
            arguments += [category]
        }
        sql += " WHERE p.listed = 1"
        if let match {
            sql += " AND s.package_search MATCH ?"
            arguments += [match]
        }
        appendFilters(query, to: &sql, &arguments)
        sql += " LIMIT ?)"
        arguments += [limit]
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
    }

    /// Appends the type, publisher and verified-only filters, on the package and account aliases given.
    static func appendFilters(
        _ query: SearchQuery, to sql: inout String, _ arguments: inout StatementArguments,
        package: String = "p", account: String = "a"
    ) {
        if let type = query.type {
            sql += " AND \(package).type = ?"
            arguments += [type.rawValue]
        }
        if let publisher = query.publisher {
            sql += " AND \(package).publisher_id = (SELECT id FROM accounts WHERE username = ?)"
            arguments += [publisher]
        }
        if query.verifiedOnly {
            sql += " AND \(account).validation <> 'unproven'"
        }
    }
}

/// Reading search rows.
enum SearchRows {
    /// The summaries a statement selecting ``PackageRecord/summarySelection`` returns, decoded from its cursor.
    static func summaries(_ sql: String, _ arguments: StatementArguments, _ db: Database) throws -> [PackageSummary] {
        try Array(Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments).map(PackageRecord.summary))
    }
}

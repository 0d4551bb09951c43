import GRDB
import StoreModels
import StoreService

extension SQLiteStore {
    /// Searches the public catalogue; see ``SearchText`` for how text is matched and
    /// ``SearchRanking`` for the order.
    ///
    /// Private and quarantined packages and those of suspended publishers are hidden from every
    /// caller (`packages.listed`). Without text, results come by name with the last name as the
    /// cursor; with text, by (exact name first, score descending, name) with those three as the
    /// cursor. Scores depend only on the row and the query, so inserting packages between pages
    /// neither skips nor repeats rows.
    func search(_ query: SearchQuery) async throws(StoreError) -> Page<PackageSummary> {
        let limit = Self.clampedLimit(query.limit, maximum: SearchQuery.maximumLimit)
        let text = SearchText(query.text)
        if text.isBlank {
            let after = try OpaqueCursor.decode(BrowseCursor.self, from: query.cursor)
            guard after?.kind ?? BrowseCursor.tag == BrowseCursor.tag else { throw Self.cursorMismatch }
            return try await backend.read { db in try SearchQueries.browse(query, after: after, limit: limit, db) }
        }
        guard let match = text.match else { return Page(items: []) }
        let after = try OpaqueCursor.decode(RankCursor.self, from: query.cursor)
        guard after?.kind ?? RankCursor.tag == RankCursor.tag else { throw Self.cursorMismatch }
        return try await backend.read { db in
            try SearchQueries.ranked(query, match: match, exactName: text.exactName, after: after, limit: limit, db)
        }
    }

    private static let cursorMismatch = StoreError.invalidInput("the page cursor belongs to another search; start again")
}

/// Position after the last result of a browse page.
struct BrowseCursor: Codable, Sendable {
    static let tag = "name"
    var kind = BrowseCursor.tag
    var name: String

    enum CodingKeys: String, CodingKey { case kind = "k", name = "n" }
}

/// Position after the last result of a ranked page: exact-name tier, score, name.
struct RankCursor: Codable, Sendable {
    static let tag = "rank"
    var kind = RankCursor.tag
    var tier: Int
    var score: Double
    var name: String

    enum CodingKeys: String, CodingKey { case kind = "k", tier = "t", score = "s", name = "n" }
}

/// The two search statements.
enum SearchQueries {
    /// Lists the catalogue by name.
    static func browse(_ query: SearchQuery, after: BrowseCursor?, limit: Int, _ db: Database) throws -> Page<PackageSummary> {
        let (sql, arguments) = browseStatement(query, after: after, limit: limit)
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        var items = try rows.map(PackageRecord.summary)
        var next: String?
        if items.count > limit {
            items.removeLast(items.count - limit)
            next = items.last.flatMap { OpaqueCursor.encode(BrowseCursor(name: $0.name.rawValue)) }
        }
        return Page(items: items, nextCursor: next)
    }

    /// The SQL of a browse page (fetching one row more than `limit`, to know whether more follow).
    static func browseStatement(_ query: SearchQuery, after: BrowseCursor?, limit: Int) -> (String, StatementArguments) {
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
        if let after {
            sql += " AND \(nameColumn) > ?"
            arguments += [after.name]
        }
        sql += " ORDER BY \(nameColumn) LIMIT ?"
        arguments += [limit + 1]
        return (sql, arguments)
    }

    /// Full-text search, ranked.
    static func ranked(
        _ query: SearchQuery, match: String, exactName: String, after: RankCursor?, limit: Int, _ db: Database
    ) throws -> Page<PackageSummary> {
        let (sql, arguments) = rankedStatement(query, match: match, exactName: exactName, after: after, limit: limit)
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        var items: [PackageSummary] = []
        var last: RankCursor?
        for row in rows.prefix(limit) {
            items.append(try PackageRecord.summary(row))
            last = RankCursor(tier: try row.value("tier"), score: try row.value("score"), name: try row.value("name"))
        }
        let next = rows.count > limit ? last.flatMap { OpaqueCursor.encode($0) } : nil
        return Page(items: items, nextCursor: next)
    }

    /// The SQL of a ranked page (fetching one row more than `limit`).
    static func rankedStatement(
        _ query: SearchQuery, match: String, exactName: String, after: RankCursor?, limit: Int
    ) -> (String, StatementArguments) {
        // The CTE is materialised so the ranking function runs once per hit, on the FTS cursor.
        var sql = """
            WITH hits(pk, score) AS MATERIALIZED (
                SELECT rowid, \(SearchRanking.functionName)(package_search) FROM package_search
                WHERE package_search MATCH ?
            )
            SELECT \(PackageRecord.summarySelection), (p.name <> ?) AS tier, h.score AS score
            FROM hits h JOIN packages p ON p.pk = h.pk JOIN accounts a ON a.id = p.publisher_id
            """
        var arguments: StatementArguments = [match, exactName]
        if let category = query.category {
            sql += " JOIN package_categories c ON c.category = ? AND c.package_name = p.name"
            arguments += [category]
        }
        sql += " WHERE p.listed = 1"
        appendFilters(query, to: &sql, &arguments)
        if let after {
            sql += """
                 AND ((p.name <> ?) > ? OR ((p.name <> ?) = ? AND (h.score < ? OR (h.score = ? AND p.name > ?))))
                """
            arguments += [exactName, after.tier, exactName, after.tier, after.score, after.score, after.name]
        }
        sql += " ORDER BY tier, score DESC, p.name LIMIT ?"
        arguments += [limit + 1]
        return (sql, arguments)
    }

    private static func appendFilters(_ query: SearchQuery, to sql: inout String, _ arguments: inout StatementArguments) {
        if let type = query.type {
            sql += " AND p.type = ?"
            arguments += [type.rawValue]
        }
        if let publisher = query.publisher {
            sql += " AND p.publisher_id = (SELECT id FROM accounts WHERE username = ?)"
            arguments += [publisher]
        }
        if query.verifiedOnly {
            sql += " AND a.validation <> 'unproven'"
        }
    }
}

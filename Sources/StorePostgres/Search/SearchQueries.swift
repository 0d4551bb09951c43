import PostgresNIO
import StoreModels
import StoreService
import StoreEngineSupport

/// The search statements, one per ``SearchCursor/Mode``, with the SQLite engine's ordering rules.
/// Every statement fetches one row more than the page so the caller knows whether another follows.
///
/// Browsing walks the partial name index of listed packages; ranked search takes the GIN index's
/// hits, scores each with `ts_rank` (which reads only the row and the query, never corpus
/// statistics, so scores do not move while packages are added) and sorts them; broad search walks
/// the name index and tests each row's vector.
enum SearchQueries {
    /// Above this many hits a query is searched in broad mode, as in the SQLite engine: scoring and
    /// sorting every hit of a very common word costs more than a page is worth.
    static let rankingLimit = 10_000

    /// The `tsquery` of a placeholder holding ``SearchText/tsquery``.
    static func tsquery(_ placeholder: String) -> String { "to_tsquery('simple'::regconfig, \(placeholder))" }

    /// The mode of a first page whose words have `hits` listed matches passing the filters
    /// (counted up to ``SearchTotal/limit`` + 1, `nil` beyond it, as ``total(_:match:_:)`` says):
    /// ranked up to `rankingLimit`, broad above it.
    static func mode(forHits hits: Int?, rankingLimit: Int) -> SearchCursor.Mode {
        guard let hits, hits <= rankingLimit else { return .broad }
        return .ranked
    }

    // MARK: Browse

    /// Lists the catalogue by name.
    static func browse(_ query: SearchQuery, after name: String?, limit: Int, _ db: Database) async throws -> Page<PackageSummary> {
        let items = try await db.rows(browseStatement(query, after: name, limit: limit)).map(PackageRecord.summary)
        return Page(trimming: items, to: limit) { SearchCursor(mode: .browse, name: $0.name.rawValue) }
    }

    /// A browse page: by name after `name`, optionally only packages that `match` and not named `excluding`.
    static func browseStatement(
        _ query: SearchQuery, after name: String?, matching match: String? = nil, excluding: String? = nil, limit: Int
    ) -> Statement {
        var statement = Statement("SELECT \(PackageRecord.summarySelection) FROM ")
        let nameColumn: String
        if let category = query.category {
            // Driven by the category's primary key, already in name order.
            statement.append("""
                package_categories c JOIN packages p ON p.pk = c.package_pk JOIN accounts a ON a.id = p.publisher_id
                WHERE c.category = \(statement.bind(category)) AND p.listed
                """)
            nameColumn = "c.package_name"
        } else {
            statement.append("packages p JOIN accounts a ON a.id = p.publisher_id WHERE p.listed")
            nameColumn = "p.name"
        }
        appendFilters(query, to: &statement)
        if let name {
            statement.append(" AND \(nameColumn) > " + statement.bind(name))
        }
        if let excluding {
            statement.append(" AND p.name <> " + statement.bind(excluding))
        }
        if let match {
            statement.append(" AND p.search_vector @@ " + tsquery(statement.bind(match)))
        }
        statement.append(" ORDER BY \(nameColumn) LIMIT " + statement.bind(limit + 1))
        return statement
    }

    // MARK: Ranked

    /// Full-text search with every hit scored: exact name, then score descending, then name.
    static func ranked(
        _ query: SearchQuery, match: String, exactName: String, after: SearchCursor?, limit: Int, _ db: Database
    ) async throws -> Page<PackageSummary> {
        let rows = try await db.rows(rankedStatement(query, match: match, exactName: exactName, after: after, limit: limit))
        return Page(trimming: try rows.map { row in
            let score = Double(try row.value("score", as: Float.self))
            return (try PackageRecord.summary(row), SearchCursor(mode: .ranked, tier: try row.int("tier"), score: score, name: try row.value("name")))
        }, to: limit)
    }

    /// A ranked page: the hits are filtered, scored and ordered on the narrow key columns and
    /// one page is kept (`page`); only then are the full rows of that page read.
    static func rankedStatement(
        _ query: SearchQuery, match: String, exactName: String, after: SearchCursor?, limit: Int
    ) -> Statement {
        var statement = Statement()
        let exact = statement.bind(exactName)
        let tier = "(CASE WHEN c.name = \(exact) THEN 0 ELSE 1 END)"
        let score = "ts_rank(c.search_vector, q.query)"
        statement.append("""
            WITH page AS MATERIALIZED (
                SELECT c.pk, \(tier) AS tier, \(score) AS score, c.name
                FROM packages c CROSS JOIN \(tsquery(statement.bind(match))) AS q(query)
            """)
        if query.verifiedOnly {
            statement.append(" JOIN accounts ca ON ca.id = c.publisher_id")
        }
        if let category = query.category {
            statement.append(" JOIN package_categories pc ON pc.category = \(statement.bind(category)) AND pc.package_name = c.name")
        }
        statement.append(" WHERE c.search_vector @@ q.query AND c.listed")
        appendFilters(query, to: &statement, package: "c", account: "ca")
        if let after {
            let lastTier = statement.bind(after.tier ?? 1)
            let lastScore = statement.bind(after.score ?? 0)
            let lastName = statement.bind(after.name)
            statement.append("""
                 AND (\(tier) > \(lastTier) OR (\(tier) = \(lastTier)
                    AND (\(score) < \(lastScore) OR (\(score) = \(lastScore) AND c.name > \(lastName)))))
                """)
        }
        statement.append("""
             ORDER BY 2, 3 DESC, 4 LIMIT \(statement.bind(limit + 1))
            )
            SELECT \(PackageRecord.summarySelection), t.tier, t.score
            FROM page t JOIN packages p ON p.pk = t.pk JOIN accounts a ON a.id = p.publisher_id
            ORDER BY t.tier, t.score DESC, t.name
            """)
        return statement
    }

    // MARK: Broad

    /// Full-text search for words too common to rank: the exact name first, then by name.
    static func broad(
        _ query: SearchQuery, match: String, exactName: String, after: SearchCursor?, limit: Int, _ db: Database
    ) async throws -> Page<PackageSummary> {
        var rows: [Row] = []
        if after == nil {
            rows = try await db.rows(exactStatement(query, exactName: exactName, match: match))
        }
        let exactFound = !rows.isEmpty
        rows += try await db.rows(browseStatement(
            query, after: after?.tier == 1 ? after?.name : nil, matching: match, excluding: exactName,
            limit: limit - rows.count))
        return Page(trimming: BroadSearchPage.positions(try rows.map(PackageRecord.summary), exactFound: exactFound), to: limit)
    }

    /// The package named exactly like the text, if it matches and passes the filters.
    static func exactStatement(_ query: SearchQuery, exactName: String, match: String) -> Statement {
        var statement = Statement("""
            SELECT \(PackageRecord.summarySelection) FROM packages p JOIN accounts a ON a.id = p.publisher_id
            WHERE p.listed AND p.name = 
            """)
        statement.append(statement.bind(exactName))
        appendFilters(query, to: &statement)
        if let category = query.category {
            statement.append("""
                 AND EXISTS (SELECT 1 FROM package_categories c WHERE c.category = \(statement.bind(category))
                    AND c.package_name = p.name)
                """)
        }
        statement.append(" AND p.search_vector @@ " + tsquery(statement.bind(match)))
        return statement
    }

    // MARK: Total

    /// How many listed packages pass the filters (and `match`, when given), counted up to
    /// ``SearchTotal/limit``; `nil` beyond it. A first page carries it as its total, and a first
    /// page with text also takes its mode from it, so the hits are counted once.
    static func total(_ query: SearchQuery, match: String?, _ db: Database) async throws -> Int? {
        var statement = Statement("SELECT count(*) FROM (SELECT 1 FROM packages p JOIN accounts a ON a.id = p.publisher_id")
        if let category = query.category {
            statement.append(" JOIN package_categories c ON c.category = \(statement.bind(category)) AND c.package_name = p.name")
        }
        statement.append(" WHERE p.listed")
        if let match {
            statement.append(" AND p.search_vector @@ " + tsquery(statement.bind(match)))
        }
        appendFilters(query, to: &statement)
        statement.append(" LIMIT \(statement.bind(SearchTotal.limit + 1))) AS counted")
        return SearchTotal.total(counted: Int(try await db.scalar(statement.query, as: Int64.self) ?? 0))
    }

    /// Appends the type, publisher and verified-only filters, on the package and account aliases given.
    static func appendFilters(_ query: SearchQuery, to statement: inout Statement, package: String = "p", account: String = "a") {
        if let type = query.type {
            statement.append(" AND \(package).type = " + statement.bind(type.rawValue))
        }
        if let publisher = query.publisher {
            statement.append(" AND \(package).publisher_id = (SELECT id FROM accounts WHERE username = \(statement.bind(publisher)))")
        }
        if query.verifiedOnly {
            statement.append(" AND \(account).validation <> 'unproven'")
        }
    }
}

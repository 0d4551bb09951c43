import PostgresNIO
import StoreModels
import StoreService
import StoreEngineSupport

/// The statement of a search in an explicit order (``SortedSearch``), with the SQLite engine's
/// rules: listed packages by the order's key, then name, after the cursor's key and name.
///
/// Without text it walks the order's partial index. With text the planner chooses between the GIN
/// index's hits sorted (a rare word) and the order's index with each row's vector tested (a common
/// one), which the SQLite engine has to choose by hand.
enum SortedSearchQueries {

    /// One page in `order`.
    static func page(
        _ query: SearchQuery, order: SortedSearch, matching match: String?, after: SearchCursor?, limit: Int, _ db: Database
    ) async throws -> Page<PackageSummary> {
        let rows = try await db.rows(try statement(query, order: order, matching: match, after: after, limit: limit))
        return Page(trimming: try rows.map { row in
            let summary = try PackageRecord.summary(row)
            let key: String? = order.keyColumn == nil ? nil
                : order.keyIsNumber ? String(try row.int64("sort_key")) : try row.string("sort_key")
            return (summary, order.cursor(after: summary, key: key))
        }, to: limit)
    }

    /// The statement of a page.
    static func statement(
        _ query: SearchQuery, order: SortedSearch, matching match: String?, after: SearchCursor?, limit: Int
    ) throws(StoreError) -> Statement {
        var statement = Statement("""
            SELECT \(PackageRecord.summarySelection), \(order.keyColumn ?? "p.name") AS sort_key
            FROM packages p JOIN accounts a ON a.id = p.publisher_id WHERE p.listed
            """)
        if let category = query.category {
            statement.append("""
                 AND EXISTS (SELECT 1 FROM package_categories c WHERE c.category = \(statement.bind(category))
                    AND c.package_name = p.name)
                """)
        }
        SearchQueries.appendFilters(query, to: &statement)
        if let match {
            statement.append(" AND p.search_vector @@ " + SearchQueries.tsquery(statement.bind(match)))
        }
        if let after {
            let name = statement.bind(after.name)
            switch (order.keyColumn, try order.boundKey(of: after)) {
            case (nil, _):
                statement.append(" AND p.name \(order.after) \(name)")
            case (let column?, .text(let key)):
                statement.append(" AND (\(column), p.name) \(order.after) (\(statement.bind(key)), \(name))")
            case (let column?, .number(let key)):
                statement.append(" AND (\(column), p.name) \(order.after) (\(statement.bind(key)), \(name))")
            }
        }
        let key = order.keyColumn.map { "\($0) \(order.direction), " } ?? ""
        statement.append(" ORDER BY \(key)p.name \(order.direction) LIMIT \(statement.bind(limit + 1))")
        return statement
    }
}

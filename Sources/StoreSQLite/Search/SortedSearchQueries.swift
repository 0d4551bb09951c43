import GRDB
import StoreModels
import StoreService
import StoreEngineSupport

/// The statement of a search in an explicit order (``SortedSearch``): listed packages by the
/// order's key, then name, after the cursor's key and name.
///
/// Without text it walks the order's index (`packages_listed_by_updated`, `…_by_version`,
/// `…_by_name`, or accounts by username with `packages_by_publisher`). With text matching few
/// packages it takes the FTS hits and sorts them; with text too common to rank
/// (``SearchQueries/mode(for:rankingLimit:_:)``) it walks the index and probes the FTS index row
/// by row, as a broad search does. Either way the order is the same, so pages follow on whichever
/// way each is read.
enum SortedSearchQueries {
    /// Where the rows come from.
    enum Source {
        /// Every listed package.
        case all
        /// The packages matching the FTS expression, probed per row while walking the index.
        case probing(String)
        /// The packages matching the FTS expression, taken from the FTS index and sorted.
        case hits(String)
    }

    /// One page in `order`.
    static func page(
        _ query: SearchQuery, order: SortedSearch, from source: Source, after: SearchCursor?, limit: Int, _ db: Database
    ) throws -> Page<PackageSummary> {
        let (sql, arguments) = try statement(query, order: order, from: source, after: after, limit: limit)
        let rows = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
        return Page(trimming: try rows.map { row in
            let summary = try PackageRecord.summary(row)
            let key: String? = order.keyColumn == nil ? nil
                : order.keyIsNumber ? String(row["sort_key"] as Int64) : row["sort_key"] as String
            return (summary, order.cursor(after: summary, key: key))
        }, to: limit)
    }

    /// The SQL of a page.
    static func statement(
        _ query: SearchQuery, order: SortedSearch, from source: Source, after: SearchCursor?, limit: Int
    ) throws(StoreError) -> (String, StatementArguments) {
        var sql = "SELECT \(PackageRecord.summarySelection), \(order.keyColumn ?? "p.name") AS sort_key FROM "
        var arguments = StatementArguments()
        if case .hits(let match) = source {
            sql += """
                (SELECT rowid AS pk FROM package_search WHERE package_search MATCH ?) h
                JOIN packages p ON p.pk = h.pk JOIN accounts a ON a.id = p.publisher_id
                """
            arguments += [match]
        } else if order.sort.key == .publisher {
            // Accounts in username order, each one's packages by name: no sort step.
            sql += "accounts a JOIN packages p INDEXED BY packages_by_publisher ON p.publisher_id = a.id"
        } else {
            sql += "packages p JOIN accounts a ON a.id = p.publisher_id"
        }
        sql += " WHERE p.listed = 1"
        if let category = query.category {
            sql += " AND EXISTS (SELECT 1 FROM package_categories c WHERE c.category = ? AND c.package_name = p.name)"
            arguments += [category]
        }
        SearchQueries.appendFilters(query, to: &sql, &arguments)
        if case .probing(let match) = source {
            sql += " AND EXISTS (SELECT 1 FROM package_search s WHERE s.package_search MATCH ? AND s.rowid = p.pk)"
            arguments += [match]
        }
        if let after {
            let name = after.name
            switch (order.keyColumn, try order.boundKey(of: after)) {
            case (nil, _):
                sql += " AND p.name \(order.after) ?"
                arguments += [name]
            case (let column?, .text(let key)):
                sql += " AND (\(column), p.name) \(order.after) (?, ?)"
                arguments += [key, name]
            case (let column?, .number(let key)):
                sql += " AND (\(column), p.name) \(order.after) (?, ?)"
                arguments += [key, name]
            }
        }
        sql += " ORDER BY \(order.keyColumn.map { "\($0) \(order.direction), " } ?? "")p.name \(order.direction) LIMIT ?"
        arguments += [limit + 1]
        return (sql, arguments)
    }
}

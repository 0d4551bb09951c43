import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

extension PostgresStore {
    /// The audit log, newest first, for reviewers and admins; keyset cursor on the event id.
    ///
    /// Each filter has an index ending in `id`, so a page is a short index range scan.
    func auditLog(_ query: AuditQuery) async throws(StoreError) -> Page<AuditEvent> {
        let (query, page) = try query.listing()
        return try await read { db, caller in
            try Authorization.require(.viewAudit, by: caller)
            let events = try await db.rows(AuditQueries.statement(query, after: page.after, limit: page.limit)).map(AuditEvent.init(columns:))
            return Page(trimming: events, to: page.limit) { AuditCursor(id: $0.id) }
        }
    }
}

/// The audit log's one statement.
enum AuditQueries {
    /// An audit page, newest first (fetching one row more than `limit`).
    static func statement(_ query: AuditQuery, after: AuditCursor?, limit: Int) -> Statement {
        var statement = Statement("SELECT \(AuditRecord.selection) FROM audit_events WHERE true")
        // Actor and package are prefixes.
        if let actor = query.actor {
            statement.append(" AND starts_with(actor, \(statement.bind(actor)))")
        }
        if let package = query.package {
            statement.append(" AND starts_with(package, \(statement.bind(package)))")
        }
        if let text = query.text {
            let needle = statement.bind(text)
            statement.append(" AND (strpos(lower(actor), \(needle)) > 0 OR strpos(lower(coalesce(package, '')), \(needle)) > 0"
                             + " OR strpos(lower(object_id), \(needle)) > 0)")
        }
        if let publisher = query.publisher {
            statement.append(" AND publisher = " + statement.bind(publisher))
        }
        if let action = query.action {
            if action.hasSuffix("."), let group = action.split(separator: ".").first {
                // A prefix: the group index keeps id order; the prefix test itself is not indexable.
                statement.append(" AND action_group = " + statement.bind(String(group)))
                statement.append(" AND left(action, \(statement.bind(action.unicodeScalars.count))::int) = \(statement.bind(action))")
            } else {
                statement.append(" AND action = " + statement.bind(action))
            }
        }
        if let after {
            statement.append(" AND id < " + statement.bind(after.id))
        }
        statement.append(" ORDER BY id DESC LIMIT " + statement.bind(limit + 1))
        return statement
    }
}

import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

extension SQLiteStore {
    /// The audit log, newest first, for reviewers and admins; keyset cursor on the event id.
    ///
    /// Publisher and action filters have an index ending in `id`, so such a page is a short index
    /// range scan; actor and package prefixes and free text are tested on the rows walked newest first.
    func auditLog(_ query: AuditQuery) async throws(StoreError) -> Page<AuditEvent> {
        let (query, page) = try query.listing()
        return try await read { db, caller in
            try Authorization.require(.viewAudit, by: caller)
            let (sql, arguments) = AuditQueries.statement(query, after: page.after, limit: page.limit)
            let events = try Row.fetchAll(db, sql: sql, arguments: arguments).map(AuditEvent.init(columns:))
            return Page(trimming: events, to: page.limit) { AuditCursor(id: $0.id) }
        }
    }
}

/// The audit log's one statement.
enum AuditQueries {
    /// The SQL of an audit page, newest first (fetching one row more than `limit`).
    static func statement(_ query: AuditQuery, after: AuditCursor?, limit: Int) -> (String, StatementArguments) {
        var sql = "SELECT * FROM audit_events WHERE 1"
        var arguments = StatementArguments()
        // Actor and package are prefixes (`substr` counts characters, as Swift's unicode scalars do).
        if let actor = query.actor {
            sql += " AND substr(actor, 1, ?) = ?"
            arguments += [actor.unicodeScalars.count, actor]
        }
        if let package = query.package {
            sql += " AND substr(package, 1, ?) = ?"
            arguments += [package.unicodeScalars.count, package]
        }
        if let text = query.text {
            sql += " AND (instr(lower(actor), ?) > 0 OR instr(lower(coalesce(package, '')), ?) > 0 OR instr(lower(object_id), ?) > 0)"
            arguments += [text, text, text]
        }
        if let publisher = query.publisher {
            sql += " AND publisher = ?"
            arguments += [publisher]
        }
        if let action = query.action {
            if action.hasSuffix("."), let group = action.split(separator: ".").first {
                // A prefix: the group index keeps id order; the prefix test itself is not indexable
                // on purpose, so the planner does not pick `audit_by_action` and sort.
                sql += " AND action_group = ? AND substr(action, 1, ?) = ?"
                arguments += [String(group), action.unicodeScalars.count, action]
            } else {
                sql += " AND action = ?"
                arguments += [action]
            }
        }
        if let after {
            sql += " AND id < ?"
            arguments += [after.id]
        }
        sql += " ORDER BY id DESC LIMIT ?"
        arguments += [limit + 1]
        return (sql, arguments)
    }
}

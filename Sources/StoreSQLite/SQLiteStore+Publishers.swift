import Foundation
import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

extension SQLiteStore {
    /// A publisher by username.
    func publisher(username: String) async throws(StoreError) -> Publisher {
        try await backend.read { db in try AccountRecord.publisher(username: username, db) }
    }

    /// Publishers whose username or display name contains `text` (case-insensitively), by username.
    func publishers(matching text: String, cursor: String?, limit: Int) async throws(StoreError) -> Page<Publisher> {
        let page = try PageRequest<PublisherCursor>(limit: limit, cursor: cursor)
        let needle = try QueryValidation.searchText(text, what: "publisher filter").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return try await backend.read { db in
            var sql = "SELECT * FROM accounts WHERE 1"
            var arguments = StatementArguments()
            if !needle.isEmpty {
                sql += " AND (instr(lower(username), ?) > 0 OR instr(lower(display_name), ?) > 0)"
                arguments += [needle, needle]
            }
            if let after = page.after {
                sql += " AND username > ?"
                arguments += [after.username]
            }
            sql += " ORDER BY username LIMIT ?"
            arguments += [page.limit + 1]
            let publishers = try Row.fetchAll(db, sql: sql, arguments: arguments).map { try Publisher(columns: $0) }
            return Page(trimming: publishers, to: page.limit) { PublisherCursor(username: $0.username) }
        }
    }

}

extension SQLiteStore: ModeratingStore {
    /// Runs a moderation change on the publisher `username` in one write transaction (SQLite
    /// transactions are serialised, so no row lock is needed).
    func moderate(
        _ username: String, _ decide: @escaping @Sendable (Publisher?, any AuditingContext) throws -> ModerationRules.Change
    ) async throws(StoreError) -> Publisher {
        try await write { db, context in
            let found = try AccountRecord.fetch(username: username, db).map { try Publisher(columns: $0) }
            let change = try decide(found, context)
            let id = change.publisher.id
            switch change.write {
            case .validation(let validation)?:
                try db.execute(sql: "UPDATE accounts SET validation = ? WHERE id = ?", arguments: [validation.rawValue, id])
            case .suspension(let reason)?:
                try db.execute(sql: "UPDATE accounts SET status = 'suspended', suspended_reason = ? WHERE id = ?", arguments: [reason, id])
                try db.execute(sql: "UPDATE packages SET listed = 0 WHERE publisher_id = ? AND listed = 1", arguments: [id])
            case .reinstatement?:
                try db.execute(sql: "UPDATE accounts SET status = 'active', suspended_reason = NULL WHERE id = ?", arguments: [id])
                try db.execute(
                    sql: "UPDATE packages SET listed = 1 WHERE publisher_id = ? AND private = 0 AND status <> 'quarantined'",
                    arguments: [id])
            case nil:
                break
            }
            if let event = change.event { try context.audit(event, db) }
            return change.publisher
        }
    }
}

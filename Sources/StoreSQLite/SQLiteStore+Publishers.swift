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

    /// Sets a publisher's validation badge; audited as `publisher.verify` or `publisher.unverify`.
    func setValidation(_ validation: Publisher.Validation, of username: String, reason: String?) async throws(StoreError) -> Publisher {
        let reason = ModerationRules.trimmed(reason)
        return try await moderate(username) { publisher, db, context in
            guard let change = try ModerationRules.setting(validation, of: publisher, reason: reason, by: context) else {
                return publisher
            }
            try db.execute(sql: "UPDATE accounts SET validation = ? WHERE id = ?", arguments: [validation.rawValue, publisher.id])
            try context.audit(change.event, db)
            return change.publisher
        }
    }

    /// Suspends a publisher: their packages leave the catalogue and they can no longer act.
    func suspend(_ username: String, reason: String) async throws(StoreError) -> Publisher {
        let reason = try ModerationRules.reason(reason, else: "a suspension needs a reason")
        return try await moderate(username) { publisher, db, context in
            let change = try ModerationRules.suspending(publisher, reason: reason, by: context)
            try db.execute(
                sql: "UPDATE accounts SET status = 'suspended', suspended_reason = ? WHERE id = ?", arguments: [reason, publisher.id])
            try db.execute(sql: "UPDATE packages SET listed = 0 WHERE publisher_id = ? AND listed = 1", arguments: [publisher.id])
            try context.audit(change.event, db)
            return change.publisher
        }
    }

    /// Lifts a suspension: their public packages return to the catalogue.
    func unsuspend(_ username: String, reason: String) async throws(StoreError) -> Publisher {
        let reason = try ModerationRules.reason(reason, else: "lifting a suspension needs a reason")
        return try await moderate(username) { publisher, db, context in
            let change = try ModerationRules.unsuspending(publisher, reason: reason, by: context)
            try db.execute(
                sql: "UPDATE accounts SET status = 'active', suspended_reason = NULL WHERE id = ?", arguments: [publisher.id])
            try db.execute(sql: """
                UPDATE packages SET listed = 1 WHERE publisher_id = ? AND private = 0 AND status <> 'quarantined'
                """, arguments: [publisher.id])
            try context.audit(change.event, db)
            return change.publisher
        }
    }

    /// Runs a moderation change on the publisher `username` in one write transaction.
    private func moderate(
        _ username: String, _ change: @escaping @Sendable (Publisher, Database, WriteContext) throws -> Publisher
    ) async throws(StoreError) -> Publisher {
        try await write { db, context in
            try Authorization.require(.moderatePublisher, by: context.caller)
            return try change(try AccountRecord.publisher(username: username, db), db, context)
        }
    }
}

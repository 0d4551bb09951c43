import Foundation
import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

extension PostgresStore {
    /// A publisher by username.
    func publisher(username: String) async throws(StoreError) -> Publisher {
        try await backend.read { db in try await AccountRecord.publisher(username: username, db) }
    }

    /// Publishers whose username or display name contains `text` (case-insensitively), by username.
    func publishers(matching text: String, cursor: String?, limit: Int) async throws(StoreError) -> Page<Publisher> {
        let page = try PageRequest<PublisherCursor>(limit: limit, cursor: cursor)
        let needle = try QueryValidation.searchText(text, what: "publisher filter").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return try await backend.read { db in
            var statement = Statement("SELECT * FROM accounts WHERE true")
            if !needle.isEmpty {
                let placeholder = statement.bind(needle)
                statement.append(" AND (strpos(lower(username), \(placeholder)) > 0 OR strpos(lower(display_name), \(placeholder)) > 0)")
            }
            if let after = page.after {
                statement.append(" AND username > " + statement.bind(after.username))
            }
            statement.append(" ORDER BY username LIMIT " + statement.bind(page.limit + 1))
            let publishers = try await db.rows(statement).map { try Publisher(columns: $0) }
            return Page(trimming: publishers, to: page.limit) { PublisherCursor(username: $0.username) }
        }
    }

}

extension PostgresStore: ModeratingStore {
    /// Runs a moderation change on the publisher `username` in one write transaction, with the
    /// publisher's row locked so two moderators cannot both act on the state they read.
    func moderate(
        _ username: String, _ decide: @escaping @Sendable (Publisher?, any AuditingContext) throws -> ModerationRules.Change
    ) async throws(StoreError) -> Publisher {
        try await write { db, context in
            let found = try await AccountRecord.fetch(username: username, lock: .update, db).map { try Publisher(columns: $0) }
            let change = try decide(found, context)
            let id = change.publisher.id
            switch change.write {
            case .validation(let validation)?:
                try await db.execute("UPDATE accounts SET validation = \(validation.rawValue) WHERE id = \(id)")
            case .suspension(let reason)?:
                try await db.execute("UPDATE accounts SET status = 'suspended', suspended_reason = \(reason) WHERE id = \(id)")
                try await db.execute("UPDATE packages SET listed = false WHERE publisher_id = \(id) AND listed")
            case .reinstatement?:
                try await db.execute("UPDATE accounts SET status = 'active', suspended_reason = NULL WHERE id = \(id)")
                try await db.execute("""
                    UPDATE packages SET listed = true WHERE publisher_id = \(id) AND NOT private AND status <> 'quarantined'
                    """)
            case nil:
                break
            }
            if let event = change.event { try await context.audit(event, db) }
            return change.publisher
        }
    }
}

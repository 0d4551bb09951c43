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

    /// Sets a publisher's validation badge; audited as `publisher.verify` or `publisher.unverify`.
    func setValidation(_ validation: Publisher.Validation, of username: String, reason: String?) async throws(StoreError) -> Publisher {
        let reason = ModerationRules.trimmed(reason)
        return try await moderate(username) { publisher, db, context in
            guard let change = try ModerationRules.setting(validation, of: publisher, reason: reason, by: context) else {
                return publisher
            }
            try await db.execute("UPDATE accounts SET validation = \(validation.rawValue) WHERE id = \(publisher.id)")
            try await context.audit(change.event, db)
            return change.publisher
        }
    }

    /// Suspends a publisher: their packages leave the catalogue and they can no longer act.
    func suspend(_ username: String, reason: String) async throws(StoreError) -> Publisher {
        let reason = try ModerationRules.reason(reason, else: "a suspension needs a reason")
        return try await moderate(username) { publisher, db, context in
            let change = try ModerationRules.suspending(publisher, reason: reason, by: context)
            try await db.execute("""
                UPDATE accounts SET status = 'suspended', suspended_reason = \(reason) WHERE id = \(publisher.id)
                """)
            try await db.execute("UPDATE packages SET listed = false WHERE publisher_id = \(publisher.id) AND listed")
            try await context.audit(change.event, db)
            return change.publisher
        }
    }

    /// Lifts a suspension: their public packages return to the catalogue.
    func unsuspend(_ username: String, reason: String) async throws(StoreError) -> Publisher {
        let reason = try ModerationRules.reason(reason, else: "lifting a suspension needs a reason")
        return try await moderate(username) { publisher, db, context in
            let change = try ModerationRules.unsuspending(publisher, reason: reason, by: context)
            try await db.execute("""
                UPDATE accounts SET status = 'active', suspended_reason = NULL WHERE id = \(publisher.id)
                """)
            try await db.execute("""
                UPDATE packages SET listed = true WHERE publisher_id = \(publisher.id) AND NOT private AND status <> 'quarantined'
                """)
            try await context.audit(change.event, db)
            return change.publisher
        }
    }

    /// Runs a moderation change on the publisher `username` in one write transaction, with the
    /// publisher's row locked so two moderators cannot both act on the state they read.
    private func moderate(
        _ username: String, _ change: @escaping @Sendable (Publisher, Database, WriteContext) async throws -> Publisher
    ) async throws(StoreError) -> Publisher {
        try await write { db, context in
            try Authorization.require(.moderatePublisher, by: context.caller)
            return try await change(try await AccountRecord.publisher(username: username, lock: .update, db), db, context)
        }
    }
}

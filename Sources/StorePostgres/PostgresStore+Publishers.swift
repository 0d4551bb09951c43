import Foundation
import PostgresNIO
import StoreModels
import StoreService

extension PostgresStore {
    /// A publisher by username.
    func publisher(username: String) async throws(StoreError) -> Publisher {
        try await backend.read { db in try await AccountRecord.publisher(username: username, db) }
    }

    /// Publishers whose username or display name contains `text` (case-insensitively), by username.
    func publishers(matching text: String, cursor: String?, limit: Int) async throws(StoreError) -> Page<Publisher> {
        let limit = Self.clampedLimit(limit)
        let after = try OpaqueCursor.decode(PublisherCursor.self, from: cursor)
        let needle = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return try await backend.read { db in
            var statement = Statement("SELECT * FROM accounts WHERE true")
            if !needle.isEmpty {
                let placeholder = statement.bind(needle)
                statement.append(" AND (strpos(lower(username), \(placeholder)) > 0 OR strpos(lower(display_name), \(placeholder)) > 0)")
            }
            if let after {
                statement.append(" AND username > " + statement.bind(after.username))
            }
            statement.append(" ORDER BY username LIMIT " + statement.bind(limit + 1))
            var publishers = try await db.rows(statement).map { try AccountRecord.publisher($0) }
            var next: String?
            if publishers.count > limit {
                publishers.removeLast(publishers.count - limit)
                next = publishers.last.flatMap { OpaqueCursor.encode(PublisherCursor(username: $0.username)) }
            }
            return Page(items: publishers, nextCursor: next)
        }
    }

    /// Sets a publisher's validation badge; audited as `publisher.verify` or `publisher.unverify`.
    func setValidation(_ validation: Publisher.Validation, of username: String, reason: String?) async throws(StoreError) -> Publisher {
        let reason = Self.trimmed(reason)
        return try await moderate(username) { publisher, db, context in
            guard publisher.validation != validation else { return publisher }
            var updated = publisher
            updated.validation = validation
            try await db.execute("UPDATE accounts SET validation = \(validation.rawValue) WHERE id = \(publisher.id)")
            try await context.audit(context.event(
                validation == .unproven ? "publisher.unverify" : "publisher.verify", kind: .publisher,
                object: username, publisher: username, before: try JSONColumn.encode(["validation": publisher.validation.rawValue]),
                after: try JSONColumn.encode(["validation": validation.rawValue]), reason: reason), db)
            return updated
        }
    }

    /// Suspends a publisher: their packages leave the catalogue and they can no longer act.
    func suspend(_ username: String, reason: String) async throws(StoreError) -> Publisher {
        guard let reason = Self.trimmed(reason) else { throw .invalidInput("a suspension needs a reason") }
        return try await moderate(username) { publisher, db, context in
            if publisher.status.isSuspended { throw StoreError.conflict("\(username) is already suspended.") }
            if publisher.id == context.caller.account?.id { throw StoreError.forbidden("you cannot suspend your own account") }
            try await db.execute("""
                UPDATE accounts SET status = 'suspended', suspended_reason = \(reason) WHERE id = \(publisher.id)
                """)
            try await db.execute("UPDATE packages SET listed = false WHERE publisher_id = \(publisher.id) AND listed")
            var updated = publisher
            updated.status = .suspended(reason: reason)
            try await context.audit(context.event(
                "publisher.suspend", kind: .publisher, object: username, publisher: username,
                before: try JSONColumn.encode(["status": "active"]), after: try JSONColumn.encode(["status": "suspended"]),
                reason: reason), db)
            return updated
        }
    }

    /// Lifts a suspension: their public packages return to the catalogue.
    func unsuspend(_ username: String, reason: String) async throws(StoreError) -> Publisher {
        guard let reason = Self.trimmed(reason) else { throw .invalidInput("lifting a suspension needs a reason") }
        return try await moderate(username) { publisher, db, context in
            guard publisher.status.isSuspended else { throw StoreError.conflict("\(username) is not suspended.") }
            try await db.execute("""
                UPDATE accounts SET status = 'active', suspended_reason = NULL WHERE id = \(publisher.id)
                """)
            try await db.execute("""
                UPDATE packages SET listed = true WHERE publisher_id = \(publisher.id) AND NOT private AND status <> 'quarantined'
                """)
            var updated = publisher
            updated.status = .active
            try await context.audit(context.event(
                "publisher.unsuspend", kind: .publisher, object: username, publisher: username,
                before: try JSONColumn.encode(["status": "suspended"]), after: try JSONColumn.encode(["status": "active"]),
                reason: reason), db)
            return updated
        }
    }

    /// Runs a moderation change on the publisher `username` in one write transaction, with the
    /// publisher's row locked so two moderators cannot both act on the state they read.
    private func moderate(
        _ username: String, _ change: @escaping @Sendable (Publisher, Database, WriteContext) async throws -> Publisher
    ) async throws(StoreError) -> Publisher {
        try await write { db, context in
            try Self.require(.moderatePublisher, by: context.caller)
            return try await change(try await AccountRecord.publisher(username: username, lock: .update, db), db, context)
        }
    }

    /// The text without surrounding whitespace, or `nil` when nothing is left.
    static func trimmed(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}

/// Position after the last publisher of a page.
struct PublisherCursor: Codable, Sendable {
    var username: String
    enum CodingKeys: String, CodingKey { case username = "u" }
}

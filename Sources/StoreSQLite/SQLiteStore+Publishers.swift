import Foundation
import GRDB
import StoreModels
import StoreService

extension SQLiteStore {
    /// A publisher by username.
    func publisher(username: String) async throws(StoreError) -> Publisher {
        try await backend.read { db in try AccountRecord.publisher(username: username, db) }
    }

    /// Publishers whose username or display name contains `text` (case-insensitively), by username.
    func publishers(matching text: String, cursor: String?, limit: Int) async throws(StoreError) -> Page<Publisher> {
        let limit = Self.clampedLimit(limit)
        let after = try OpaqueCursor.decode(PublisherCursor.self, from: cursor)
        let needle = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return try await backend.read { db in
            var sql = "SELECT * FROM accounts WHERE 1"
            var arguments = StatementArguments()
            if !needle.isEmpty {
                sql += " AND (instr(lower(username), ?) > 0 OR instr(lower(display_name), ?) > 0)"
                arguments += [needle, needle]
            }
            if let after {
                sql += " AND username > ?"
                arguments += [after.username]
            }
            sql += " ORDER BY username LIMIT ?"
            arguments += [limit + 1]
            var publishers = try Row.fetchAll(db, sql: sql, arguments: arguments).map { try AccountRecord.publisher($0) }
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
            try db.execute(sql: "UPDATE accounts SET validation = ? WHERE id = ?", arguments: [validation.rawValue, publisher.id])
            try context.audit(context.event(
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
            try db.execute(
                sql: "UPDATE accounts SET status = 'suspended', suspended_reason = ? WHERE id = ?", arguments: [reason, publisher.id])
            try db.execute(sql: "UPDATE packages SET listed = 0 WHERE publisher_id = ? AND listed = 1", arguments: [publisher.id])
            var updated = publisher
            updated.status = .suspended(reason: reason)
            try context.audit(context.event(
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
            try db.execute(
                sql: "UPDATE accounts SET status = 'active', suspended_reason = NULL WHERE id = ?", arguments: [publisher.id])
            try db.execute(sql: """
                UPDATE packages SET listed = 1 WHERE publisher_id = ? AND private = 0 AND status <> 'quarantined'
                """, arguments: [publisher.id])
            var updated = publisher
            updated.status = .active
            try context.audit(context.event(
                "publisher.unsuspend", kind: .publisher, object: username, publisher: username,
                before: try JSONColumn.encode(["status": "suspended"]), after: try JSONColumn.encode(["status": "active"]),
                reason: reason), db)
            return updated
        }
    }

    /// Runs a moderation change on the publisher `username` in one write transaction.
    private func moderate(
        _ username: String, _ change: @escaping @Sendable (Publisher, Database, WriteContext) throws -> Publisher
    ) async throws(StoreError) -> Publisher {
        try await write { db, context in
            try Self.require(.moderatePublisher, by: context.caller)
            return try change(try AccountRecord.publisher(username: username, db), db, context)
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

import PostgresNIO
import StoreModels
import StoreService

/// Reading `accounts` rows into publishers and identities.
///
/// Queries that join accounts alias their columns with a prefix (`a_username`) so they never
/// collide with the package's own `id` or `status`.
enum AccountRecord {
    static let columns = ["id", "username", "display_name", "role", "validation", "status", "suspended_reason"]

    /// How a fetch locks the row until the transaction ends.
    enum Lock: String {
        /// `FOR SHARE`: others may read it but not change it.
        case share = "FOR SHARE"
        /// `FOR UPDATE`: this transaction is about to change it.
        case update = "FOR UPDATE"
    }

    /// `a.id AS a_id, a.username AS a_username, …` for a join.
    static func selection(_ alias: String, prefix: String) -> String {
        columns.map { "\(alias).\($0) AS \(prefix)\($0)" }.joined(separator: ", ")
    }

    /// The publisher in `row`.
    static func publisher(_ row: Row, prefix: String = "") throws -> Publisher {
        let status = try row.value(prefix + "status", as: String.self)
        let reason = try row.value(prefix + "suspended_reason", as: String?.self)
        let validationWord = try row.value(prefix + "validation", as: String.self)
        return Publisher(
            id: try row.value(prefix + "id"),
            username: try row.value(prefix + "username"),
            displayName: try row.value(prefix + "display_name"),
            validation: Publisher.Validation(rawValue: validationWord) ?? .unproven,
            status: status == "suspended" ? .suspended(reason: reason ?? "") : .active)
    }

    /// The publisher summary in `row`.
    static func summary(_ row: Row, prefix: String = "") throws -> PublisherSummary {
        let publisher = try publisher(row, prefix: prefix)
        return PublisherSummary(
            id: publisher.id, username: publisher.username, displayName: publisher.displayName,
            validation: publisher.validation)
    }

    /// The identity's account in `row`, with the account's role.
    static func account(_ row: Row, prefix: String = "") throws -> Identity.Account {
        let roleWord = try row.value(prefix + "role", as: String.self)
        let status = try row.value(prefix + "status", as: String.self)
        return Identity.Account(
            id: try row.value(prefix + "id"),
            username: try row.value(prefix + "username"),
            displayName: try row.value(prefix + "display_name"),
            role: Role(rawValue: roleWord) ?? .viewer,
            isSuspended: status == "suspended")
    }

    /// The account row with `username`, if any.
    static func fetch(username: String, lock: Lock? = nil, _ db: Database) async throws -> Row? {
        var statement = Statement("SELECT * FROM accounts WHERE username = ")
        statement.append(statement.bind(username))
        if let lock { statement.append(" " + lock.rawValue) }
        return try await db.rows(statement).first
    }

    /// The account row with `id`, if any.
    static func fetch(id: String, lock: Lock? = nil, _ db: Database) async throws -> Row? {
        var statement = Statement("SELECT * FROM accounts WHERE id = ")
        statement.append(statement.bind(id))
        if let lock { statement.append(" " + lock.rawValue) }
        return try await db.rows(statement).first
    }

    /// The publisher named `username`.
    /// - Throws: `.notFound("publisher", username)`.
    static func publisher(username: String, lock: Lock? = nil, _ db: Database) async throws -> Publisher {
        guard let row = try await fetch(username: username, lock: lock, db) else {
            throw StoreError.notFound(kind: "publisher", name: username)
        }
        return try publisher(row)
    }
}

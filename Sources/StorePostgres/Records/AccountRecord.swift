import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

/// Fetching `accounts` rows; ``Publisher/init(columns:prefix:)`` and
/// ``Identity/Account/init(columns:prefix:)`` (StoreEngineSupport) read them.
enum AccountRecord {
    /// How a fetch locks the row until the transaction ends.
    enum Lock: String {
        /// `FOR SHARE`: others may read it but not change it.
        case share = "FOR SHARE"
        /// `FOR UPDATE`: this transaction is about to change it.
        case update = "FOR UPDATE"
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
        return try Publisher(columns: row)
    }
}

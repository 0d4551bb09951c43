import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

/// Fetching `accounts` rows; ``Publisher/init(columns:prefix:)`` and
/// ``Identity/Account/init(columns:prefix:)`` (StoreEngineSupport) read them.
enum AccountRecord {
    /// The account row with `username`, if any.
    static func fetch(username: String, _ db: Database) throws -> Row? {
        try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE username = ?", arguments: [username])
    }

    /// The account row with `id`, if any.
    static func fetch(id: String, _ db: Database) throws -> Row? {
        try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [id])
    }

    /// The publisher named `username`.
    /// - Throws: `.notFound("publisher", username)`.
    static func publisher(username: String, _ db: Database) throws -> Publisher {
        guard let row = try fetch(username: username, db) else { throw StoreError.notFound(kind: "publisher", name: username) }
        return try Publisher(columns: row)
    }
}

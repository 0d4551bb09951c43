import PostgresNIO
import StoreModels
import StoreService

/// Reading `tokens` rows (joined with the account's username).
enum TokenRecord {
    /// `SELECT` of a token with its username, without the hash.
    static let selection = """
        SELECT t.id, t.role, t.description, t.created_at, t.expires_at, t.revoked_at, a.username
        FROM tokens t JOIN accounts a ON a.id = t.account_id
        """

    /// The listed form of a token row.
    static func info(_ row: Row) throws -> TokenInfo {
        let role = try row.value("role", as: String.self)
        return TokenInfo(
            id: try row.value("id"), username: try row.value("username"), role: Role(rawValue: role) ?? .viewer,
            description: try row.value("description"), createdAt: try row.date("created_at"),
            expiresAt: try row.optionalDate("expires_at"), revokedAt: try row.optionalDate("revoked_at"))
    }
}

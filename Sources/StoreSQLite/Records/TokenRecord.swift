import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

/// The `tokens` query (joined with the account's username); ``TokenInfo/init(columns:)`` reads its rows.
enum TokenRecord {
    /// `SELECT` of a token with its username, without the hash.
    static let selection = """
        SELECT t.id, t.role, t.description, t.created_at, t.expires_at, t.revoked_at, a.username
        FROM tokens t JOIN accounts a ON a.id = t.account_id
        """
}

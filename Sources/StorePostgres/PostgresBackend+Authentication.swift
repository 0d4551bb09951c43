import Foundation
import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

extension PostgresBackend {
    /// The identity a bearer token belongs to, with the account's current suspension (see ``TokenAuthentication``).
    /// - Throws: `.unauthenticated` for an unknown, revoked or expired token.
    public func authenticate(token: String) async throws(StoreError) -> Identity {
        let hash = try TokenAuthentication.hash(of: token)
        let now = clock()
        return try await read { db in
            let row = try await db.row("""
                SELECT t.token_hash, t.role AS token_role, t.expires_at, t.revoked_at,
                    \(unescaped: AccountColumns.selection("a", prefix: ""))
                FROM tokens t JOIN accounts a ON a.id = t.account_id
                WHERE t.token_hash = \(hash)
                """)
            let stored = try row.map { try TokenAuthentication.StoredToken(columns: $0) }
            return try TokenAuthentication.identity(stored, hash: hash, at: now)
        }
    }

    /// The identity of the account named `username`, with its current role and suspension.
    /// - Throws: `.notFound("account", username)`.
    public func identity(username: String) async throws(StoreError) -> Identity {
        try await read { db in
            guard let row = try await AccountRecord.fetch(username: username, db) else {
                throw StoreError.notFound(kind: "account", name: username)
            }
            return Identity(account: try Identity.Account(columns: row))
        }
    }
}

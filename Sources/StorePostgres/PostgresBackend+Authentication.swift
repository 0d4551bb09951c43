import Foundation
import PostgresNIO
import StoreModels
import StoreService

extension PostgresBackend {
    /// The identity a bearer token belongs to, with the account's current suspension.
    ///
    /// The token is looked up by its SHA-256 (the secret is never stored) and the stored hash is
    /// compared again in constant time. The identity's role is the token's role, lowered to the
    /// account's current role if the account was demoted since.
    /// - Throws: `.unauthenticated` for an unknown, revoked or expired token.
    public func authenticate(token: String) async throws(StoreError) -> Identity {
        let unknown = StoreError.unauthenticated("unknown token")
        guard Secrets.looksLikeToken(token) else { throw unknown }
        let hash = Secrets.hash(ofToken: token)
        let now = clock()
        return try await read { db in
            guard let row = try await db.row("""
                SELECT t.token_hash, t.role AS token_role, t.expires_at, t.revoked_at,
                    \(unescaped: AccountRecord.selection("a", prefix: ""))
                FROM tokens t JOIN accounts a ON a.id = t.account_id
                WHERE t.token_hash = \(hash)
                """),
                Secrets.constantTimeEquals(try row.value("token_hash", as: String.self), hash)
            else { throw unknown }
            if try row.optionalDate("revoked_at") != nil { throw StoreError.unauthenticated("the token was revoked") }
            if let expiry = try row.optionalDate("expires_at"), expiry <= now {
                throw StoreError.unauthenticated("the token has expired")
            }
            var account = try AccountRecord.account(row)
            let tokenRole = try row.value("token_role", as: String.self)
            account.role = min(account.role, Role(rawValue: tokenRole) ?? .viewer)
            return Identity(account: account)
        }
    }

    /// The identity of the account named `username`, with its current role and suspension.
    /// - Throws: `.notFound("account", username)`.
    public func identity(username: String) async throws(StoreError) -> Identity {
        try await read { db in
            guard let row = try await AccountRecord.fetch(username: username, db) else {
                throw StoreError.notFound(kind: "account", name: username)
            }
            return Identity(account: try AccountRecord.account(row))
        }
    }
}

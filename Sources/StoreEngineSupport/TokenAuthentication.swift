import Foundation
import StoreModels
import StoreService

/// Turning a bearer token into an identity, apart from looking its hash up.
///
/// The token is looked up by its SHA-256 (the secret is never stored) and the stored hash is
/// compared again in constant time. The identity's role is the token's role, lowered to the
/// account's current role if the account was demoted since.
package enum TokenAuthentication {
    /// The error for a token the store does not know.
    package static let unknownToken = StoreError.unauthenticated("unknown token")

    /// The hash to look `token` up by.
    /// - Throws: `.unauthenticated` when it is not shaped like a token at all.
    package static func hash(of token: String) throws(StoreError) -> String {
        guard Secrets.looksLikeToken(token) else { throw unknownToken }
        return Secrets.hash(ofToken: token)
    }

    /// A token row as the lookup found it.
    package struct StoredToken: Sendable {
        package var hash: String
        package var role: String
        package var expiresAt: Date?
        package var revokedAt: Date?
        /// The token's account, with its current role and suspension.
        package var account: Identity.Account

        package init(hash: String, role: String, expiresAt: Date?, revokedAt: Date?, account: Identity.Account) {
            self.hash = hash
            self.role = role
            self.expiresAt = expiresAt
            self.revokedAt = revokedAt
            self.account = account
        }

        /// The token in a row holding `token_hash`, `token_role`, `expires_at`, `revoked_at` and the
        /// account's columns (unprefixed).
        package init(columns row: some ColumnReading) throws {
            self.init(
                hash: try row.string("token_hash"), role: try row.string("token_role"),
                expiresAt: try row.optionalDate("expires_at"), revokedAt: try row.optionalDate("revoked_at"),
                account: try Identity.Account(columns: row))
        }
    }

    /// The identity `stored` (the row found for `hash`, if any) grants at `now`.
    /// - Throws: `.unauthenticated` for an unknown, revoked or expired token.
    package static func identity(_ stored: StoredToken?, hash: String, at now: Date) throws(StoreError) -> Identity {
        guard let stored, Secrets.constantTimeEquals(stored.hash, hash) else { throw unknownToken }
        if stored.revokedAt != nil { throw .unauthenticated("the token was revoked") }
        if let expiry = stored.expiresAt, expiry <= now { throw .unauthenticated("the token has expired") }
        var account = stored.account
        account.role = min(account.role, Role(rawValue: stored.role) ?? .viewer)
        return Identity(account: account)
    }
}

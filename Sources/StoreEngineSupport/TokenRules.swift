import Foundation
import StoreModels
import StoreService

/// Issuing, listing and revoking tokens, apart from the SQL: the checks, the account a token is
/// granted to, the token itself and the audit events.
package enum TokenRules {
    /// What `issueToken` is asked, checked and as stored.
    package struct Request: Sendable {
        package var username: String
        package var role: Role
        package var expiresAt: Date?
        /// Trimmed (see ``TokenRules/description(_:)``).
        package var description: String
        /// Trimmed and lower-case (see ``TokenRules/email(_:)``); `nil` keeps the account's email.
        package var email: String?
    }

    /// The request to issue a token, its username, description and email checked.
    /// - Parameter expiresAt: as the engine stores it (PostgreSQL rounds it to the microsecond).
    /// - Throws: `.invalidInput` naming the field that is not acceptable.
    package static func request(
        username: String, role: Role, expiresAt: Date?, description: String, email: String?
    ) throws(StoreError) -> Request {
        try validate(username: username)
        let description = try TokenRules.description(description)
        let email = try email.map { text throws(StoreError) in try TokenRules.email(text) }
        return Request(username: username, role: role, expiresAt: expiresAt, description: description, email: email)
    }

    /// Throws unless the caller of `context` may issue tokens and `request` expires after now.
    package static func checkIssuing(_ request: Request, by context: some AuditingContext) throws(StoreError) {
        try Authorization.require(.manageTokens, by: context.caller)
        try checkExpiry(request.expiresAt, now: context.now)
    }

    /// The grant `request` makes to `existing` (the account of its username, if there is one),
    /// with the email it sets.
    package static func grant(_ request: Request, existing: Identity.Account?) -> Grant {
        var grant = grant(request.role, to: request.username, existing: existing)
        setEmail(request.email, on: &grant)
        return grant
    }

    /// The new token `request` issues under `grant` at `now`.
    package static func token(for request: Request, under grant: Grant, at now: Date) -> IssuedToken {
        token(for: grant, role: request.role, description: request.description, expiresAt: request.expiresAt, at: now)
    }

    /// Checks a username: 1–64 of a-z A-Z 0-9 . _ -, starting with a letter or digit; `system` is reserved.
    package static func validate(username: String) throws(StoreError) {
        let scalars = username.unicodeScalars
        let valid = (1...64).contains(scalars.count)
            && scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
            && scalars.first.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) } == true
        if !valid { throw .invalidInput("'\(username)' is not a valid username (1–64 of a-z, 0-9, '.', '_', '-')") }
        if username == Identity.system.username { throw .invalidInput("the username 'system' is reserved") }
    }

    /// An email as stored: trimmed and lower-case.
    /// - Throws: `.invalidInput` unless it is one `local@domain` of visible ASCII, at most 254 bytes.
    package static func email(_ text: String) throws(StoreError) -> String {
        let email = text.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let visible = email.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
        guard (3...254).contains(email.utf8.count), visible, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            throw .invalidInput("'\(VisibleText.replacingControls(String(text.prefix(64))))' is not an email address (name@example.com)")
        }
        return email
    }

    /// Records on `grant` that the account's email becomes `email` (its audit reason says so when it changes).
    private static func setEmail(_ email: String?, on grant: inout Grant) {
        guard let email, grant.account.email != email else { return }
        let change = "email \(grant.account.email ?? "none") → \(email)"
        grant.change = grant.change.map { "\($0); \(change)" } ?? change
        grant.account.email = email
    }

    /// The refusal for an email another account has.
    package static func emailTaken(_ email: String) -> StoreError {
        .conflict("The email \(email) belongs to another account.")
    }

    /// A token description without surrounding whitespace.
    /// - Throws: `.invalidInput` when it is longer than 200 bytes.
    package static func description(_ text: String) throws(StoreError) -> String {
        let description = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if description.utf8.count > 200 { throw .invalidInput("a token description has at most 200 bytes") }
        return description
    }

    /// Throws `.invalidInput` when `expiresAt` is not after `now`.
    private static func checkExpiry(_ expiresAt: Date?, now: Date) throws(StoreError) {
        if let expiresAt, expiresAt <= now { throw .invalidInput("the expiry date is in the past") }
    }

    /// The account a token for `username` with `role` goes to, and what that changes.
    package struct Grant: Sendable {
        /// The account after the grant.
        package var account: Identity.Account
        /// The account has no row yet: insert it.
        package var createsAccount: Bool
        /// The account's role is raised to the token's: update it.
        package var raisesRole: Bool
        /// What changed, for the audit event's reason; `nil` when nothing did.
        package var change: String?
    }

    /// The grant of a token for `username` with `role`: `existing` raised to `role` when lower (the
    /// admin granting the token decides), or a new account with `role` when there is none.
    private static func grant(_ role: Role, to username: String, existing: Identity.Account?) -> Grant {
        guard var account = existing else {
            let account = Identity.Account(
                id: Secrets.randomIdentifier(length: 32), username: username, displayName: username, role: role)
            return Grant(account: account, createsAccount: true, raisesRole: false, change: "account created as \(role.rawValue)")
        }
        guard account.role < role else { return Grant(account: account, createsAccount: false, raisesRole: false, change: nil) }
        let change = "role \(account.role.rawValue) → \(role.rawValue)"
        account.role = role
        return Grant(account: account, createsAccount: false, raisesRole: true, change: change)
    }

    /// A new token for `grant`'s account: its listed form and its secret (store only its hash).
    private static func token(
        for grant: Grant, role: Role, description: String, expiresAt: Date?, at now: Date
    ) -> IssuedToken {
        let info = TokenInfo(
            id: "tok-" + Secrets.randomIdentifier(length: 16), username: grant.account.username, role: role,
            description: description, createdAt: now, expiresAt: expiresAt, revokedAt: nil)
        return IssuedToken(info: info, secret: Secrets.generateToken())
    }

    /// The audit event of issuing `token` under `grant`.
    package static func event(issuing token: IssuedToken, under grant: Grant, by context: some AuditingContext) throws -> AuditEvent {
        context.event(
            "token.issue", kind: .token, object: token.info.id, publisher: token.info.username,
            after: try JSONColumn.encode(token.info), reason: grant.change)
    }

    /// Whose tokens `caller` lists when asking for `username`'s (`nil`: everyone's): admins see
    /// everyone's or one user's, others only their own.
    /// - Throws: `.unauthenticated` for anonymous callers; `.forbidden` for another account's tokens.
    package static func listedOwner(_ username: String?, for caller: Identity) throws(StoreError) -> String? {
        try AccountOwnedRules.listedOwner(username, for: caller, noun: "tokens")
    }

    /// Throws `.unauthenticated` for anonymous callers, who cannot revoke tokens.
    package static func requireRevoker(_ caller: Identity) throws(StoreError) {
        try AccountOwnedRules.requireAccount(caller, to: "revoke tokens")
    }

    /// Throws unless `caller` may revoke `info`: admins any, others their own (suspended accounts
    /// too: giving up access is always allowed). Others' tokens are `.notFound`, so their existence
    /// is not revealed.
    package static func requireRevocable(_ info: TokenInfo, by caller: Identity) throws(StoreError) {
        try AccountOwnedRules.requireOwnerOrAdmin(info.username, id: info.id, kind: "token", caller: caller)
    }

    /// The audit event of revoking `info` at the context's time; `revoked` is `info` as it is now.
    package static func event(revoking info: TokenInfo, as revoked: TokenInfo, by context: some AuditingContext) throws -> AuditEvent {
        context.event(
            "token.revoke", kind: .token, object: info.id, publisher: info.username, before: try JSONColumn.encode(info),
            after: try JSONColumn.encode(revoked))
    }
}

import Foundation
import StoreModels
import StoreService

/// Adding, listing and removing SSH keys and recording SSH sessions, apart from the SQL: who may,
/// the key as stored, and the audit events.
package enum SSHKeyRules {
    /// How many keys one account may register.
    package static let maximumPerAccount = 32

    /// The account `username` (`nil`: the caller's own) that `caller` adds a key to.
    /// - Throws: `.unauthenticated` for anonymous callers, `.forbidden` for a suspended caller or
    ///   another account's keys unless the caller is an admin.
    package static func owner(_ username: String?, addedBy caller: Identity) throws(StoreError) -> String {
        guard let account = caller.account else { throw .unauthenticated("log in to add SSH keys") }
        if account.isSuspended { throw .forbidden("your account is suspended") }
        guard let username, username != account.username else { return account.username }
        guard AccountOwnedRules.managesEveryAccount(caller) else {
            throw .forbidden("only admins add SSH keys to other accounts")
        }
        return username
    }

    /// Whose keys `caller` lists when asking for `username`'s (`nil`: everyone's for admins).
    /// - Throws: `.unauthenticated` for anonymous callers; `.forbidden` for another account's keys.
    package static func listedOwner(_ username: String?, for caller: Identity) throws(StoreError) -> String? {
        try AccountOwnedRules.listedOwner(username, for: caller, noun: "SSH keys")
    }

    /// The new key of `owner`'s account at `now`.
    package static func key(_ key: SSHPublicKey, username: String, at now: Date) -> SSHKeyInfo {
        SSHKeyInfo(
            id: "key-" + Secrets.randomIdentifier(length: 16), username: username, algorithm: key.algorithm,
            fingerprint: key.fingerprint, comment: key.comment, createdAt: now)
    }

    /// Throws unless an account holding `count` keys may have another.
    package static func checkRoom(_ count: Int) throws(StoreError) {
        if count >= maximumPerAccount {
            throw .conflict("an account has at most \(maximumPerAccount) SSH keys; remove one first (store-tui ssh-key remove ID)")
        }
    }

    /// The refusal of a key some account (not named) already has.
    package static let alreadyRegistered = StoreError.conflict(
        "this key is already registered; each key logs in as one account (make another with ssh-keygen -t ed25519)")

    /// Throws `.unauthenticated` for anonymous callers, who cannot remove keys.
    package static func requireRemover(_ caller: Identity) throws(StoreError) {
        try AccountOwnedRules.requireAccount(caller, to: "remove SSH keys")
    }

    /// Throws unless `caller` may remove `info`: admins any, others their own (suspended accounts
    /// too). Others' keys are `.notFound`, so their existence is not revealed.
    package static func requireRemovable(_ info: SSHKeyInfo, by caller: Identity) throws(StoreError) {
        try AccountOwnedRules.requireOwnerOrAdmin(info.username, id: info.id, kind: "SSH key", caller: caller)
    }

    /// The audit event of adding `info`.
    package static func event(adding info: SSHKeyInfo, by context: some AuditingContext) throws -> AuditEvent {
        context.event("ssh-key.add", kind: .sshKey, object: info.id, publisher: info.username, after: try JSONColumn.encode(info))
    }

    /// The audit event of removing `info`.
    package static func event(removing info: SSHKeyInfo, by context: some AuditingContext) throws -> AuditEvent {
        context.event("ssh-key.remove", kind: .sshKey, object: info.id, publisher: info.username, before: try JSONColumn.encode(info))
    }

    /// The audit event of the caller logging in or out over SSH in `session`.
    package static func event(
        _ event: SSHSessionEvent, session: String, detail: String, by context: some AuditingContext
    ) throws(StoreError) -> AuditEvent {
        guard let account = context.caller.account else { throw .unauthenticated("anonymous SSH sessions are not audited") }
        return context.event(event.rawValue, kind: .sshSession, object: session, publisher: account.username, reason: detail)
    }
}

extension SSHKeyInfo {
    /// `SELECT` of a key with its account's username (aliases `k` and `a`), as both engines run it.
    package static let selection = """
        SELECT k.id, k.algorithm, k.fingerprint, k.comment, k.created_at, a.username
        FROM ssh_keys k JOIN accounts a ON a.id = k.account_id
        """

    /// The listed form of an `ssh_keys` row joined with its account's `username`.
    package init(columns row: some ColumnReading) throws {
        self.init(
            id: try row.string("id"), username: try row.string("username"), algorithm: try row.string("algorithm"),
            fingerprint: try row.string("fingerprint"), comment: try row.string("comment"), createdAt: try row.date("created_at"))
    }
}

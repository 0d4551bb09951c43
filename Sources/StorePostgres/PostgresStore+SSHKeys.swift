import Foundation
import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

extension PostgresStore {
    /// Registers a public key for `username` (the caller's own when `nil`; admins anyone's).
    func addSSHKey(_ publicKey: String, for username: String?) async throws(StoreError) -> SSHKeyInfo {
        let key = try SSHPublicKey(line: publicKey)
        return try await write { db, context in
            let owner = try SSHKeyRules.owner(username, addedBy: context.caller)
            guard let account = try await AccountRecord.fetch(username: owner, lock: .update, db) else {
                throw StoreError.notFound(kind: "account", name: owner)
            }
            let accountID = try account.string("id")
            let count = try await db.scalar("SELECT count(*)::BIGINT FROM ssh_keys WHERE account_id = \(accountID)", as: Int64.self) ?? 0
            try SSHKeyRules.checkRoom(Int(count))
            // A concurrent add of the same key loses on the unique fingerprint: `.conflict`.
            if try await db.scalar("SELECT id FROM ssh_keys WHERE fingerprint = \(key.fingerprint)", as: String.self) != nil {
                throw SSHKeyRules.alreadyRegistered
            }
            let info = SSHKeyRules.key(key, username: owner, at: context.now)
            try await db.execute("""
                INSERT INTO ssh_keys (id, account_id, algorithm, fingerprint, public_key, comment, created_at)
                VALUES (\(info.id), \(accountID), \(info.algorithm), \(info.fingerprint), \(key.base64), \(info.comment),
                    \(context.now.timestamp))
                """)
            try await context.audit(SSHKeyRules.event(adding: info, by: context), db)
            return info
        }
    }

    /// Lists SSH keys: admins everyone's (or one user's), others only their own.
    func sshKeys(username: String?) async throws(StoreError) -> [SSHKeyInfo] {
        try await read { db, caller in
            let owner = try SSHKeyRules.listedOwner(username, for: caller)
            var statement = Statement(SSHKeyInfo.selection)
            if let owner {
                statement.append(" WHERE a.username = " + statement.bind(owner))
            }
            statement.append(" ORDER BY k.created_at DESC, k.id COLLATE \"C\"")
            return try await db.rows(statement).map(SSHKeyInfo.init(columns:))
        }
    }

    /// Removes an SSH key: admins any, others their own.
    func removeSSHKey(id: String) async throws(StoreError) {
        try await write { db, context in
            try SSHKeyRules.requireRemover(context.caller)
            guard let row = try await db.row("\(unescaped: SSHKeyInfo.selection) WHERE k.id = \(id) FOR UPDATE OF k") else {
                throw StoreError.notFound(kind: "SSH key", name: id)
            }
            let info = try SSHKeyInfo(columns: row)
            try SSHKeyRules.requireRemovable(info, by: context.caller)
            try await db.execute("DELETE FROM ssh_keys WHERE id = \(id)")
            try await context.audit(SSHKeyRules.event(removing: info, by: context), db)
        }
    }

    /// Appends the audit event of the caller logging in or out over SSH.
    func recordSSHSession(_ event: SSHSessionEvent, session: String, detail: String) async throws(StoreError) {
        try await write { db, context in
            try await context.audit(SSHKeyRules.event(event, session: session, detail: detail, by: context), db)
        }
    }
}

extension PostgresBackend: SSHKeyAuthenticating {
    /// The account whose key has `fingerprint`, with its current role and suspension.
    public func identity(sshKeyFingerprint fingerprint: String) async throws(StoreError) -> Identity {
        try await read { db in
            guard let row = try await db.row("""
                SELECT \(unescaped: AccountColumns.selection("a", prefix: ""))
                FROM ssh_keys k JOIN accounts a ON a.id = k.account_id WHERE k.fingerprint = \(fingerprint)
                """) else { throw StoreError.unauthenticated("unknown key") }
            return Identity(account: try Identity.Account(columns: row))
        }
    }

    /// Appends the audit event of `identity` logging in or out over SSH.
    public func recordSSHSession(_ event: SSHSessionEvent, of identity: Identity, session: String, detail: String) async throws(StoreError) {
        try await PostgresStore(backend: self, identity: identity).recordSSHSession(event, session: session, detail: detail)
    }
}

import Foundation
import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

extension SQLiteStore {
    /// Registers a public key for `username` (the caller's own when `nil`; admins anyone's).
    func addSSHKey(_ publicKey: String, for username: String?) async throws(StoreError) -> SSHKeyInfo {
        let key = try SSHPublicKey(line: publicKey)
        return try await write { db, context in
            let owner = try SSHKeyRules.owner(username, addedBy: context.caller)
            guard let account = try AccountRecord.fetch(username: owner, db) else {
                throw StoreError.notFound(kind: "account", name: owner)
            }
            let accountID: String = account["id"]
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM ssh_keys WHERE account_id = ?", arguments: [accountID]) ?? 0
            try SSHKeyRules.checkRoom(count)
            if try String.fetchOne(db, sql: "SELECT id FROM ssh_keys WHERE fingerprint = ?", arguments: [key.fingerprint]) != nil {
                throw SSHKeyRules.alreadyRegistered
            }
            let info = SSHKeyRules.key(key, username: owner, at: context.now)
            try db.execute(sql: """
                INSERT INTO ssh_keys (id, account_id, algorithm, fingerprint, public_key, comment, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    info.id, accountID, info.algorithm, info.fingerprint, key.base64, info.comment, context.now.databaseValue,
                ])
            try context.audit(SSHKeyRules.event(adding: info, by: context), db)
            return info
        }
    }

    /// Lists SSH keys: admins everyone's (or one user's), others only their own.
    func sshKeys(username: String?) async throws(StoreError) -> [SSHKeyInfo] {
        try await read { db, caller in
            let owner = try SSHKeyRules.listedOwner(username, for: caller)
            var sql = SSHKeyInfo.selection
            var arguments = StatementArguments()
            if let owner {
                sql += " WHERE a.username = ?"
                arguments += [owner]
            }
            sql += " ORDER BY k.created_at DESC, k.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(SSHKeyInfo.init(columns:))
        }
    }

    /// Removes an SSH key: admins any, others their own.
    func removeSSHKey(id: String) async throws(StoreError) {
        try await write { db, context in
            try SSHKeyRules.requireRemover(context.caller)
            guard let row = try Row.fetchOne(db, sql: SSHKeyInfo.selection + " WHERE k.id = ?", arguments: [id]) else {
                throw StoreError.notFound(kind: "SSH key", name: id)
            }
            let info = try SSHKeyInfo(columns: row)
            try SSHKeyRules.requireRemovable(info, by: context.caller)
            try db.execute(sql: "DELETE FROM ssh_keys WHERE id = ?", arguments: [id])
            try context.audit(SSHKeyRules.event(removing: info, by: context), db)
        }
    }

    /// Appends the audit event of the caller logging in or out over SSH.
    func recordSSHSession(_ event: SSHSessionEvent, session: String, detail: String) async throws(StoreError) {
        try await write { db, context in
            try context.audit(SSHKeyRules.event(event, session: session, detail: detail, by: context), db)
        }
    }
}

extension SQLiteBackend: SSHKeyAuthenticating {
    /// The account whose key has `fingerprint`, with its current role and suspension.
    public func identity(sshKeyFingerprint fingerprint: String) async throws(StoreError) -> Identity {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT a.* FROM ssh_keys k JOIN accounts a ON a.id = k.account_id WHERE k.fingerprint = ?
                """, arguments: [fingerprint]) else { throw StoreError.unauthenticated("unknown key") }
            return Identity(account: try Identity.Account(columns: row))
        }
    }

    /// Appends the audit event of `identity` logging in or out over SSH.
    public func recordSSHSession(_ event: SSHSessionEvent, of identity: Identity, session: String, detail: String) async throws(StoreError) {
        try await SQLiteStore(backend: self, identity: identity).recordSSHSession(event, session: session, detail: detail)
    }
}

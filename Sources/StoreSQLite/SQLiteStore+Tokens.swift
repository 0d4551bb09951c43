import Foundation
import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

extension SQLiteStore {
    /// Issues a token for `username`, creating the account with `role` when it does not exist.
    ///
    /// When the account exists with a lower role it is raised to `role` (the admin granting the
    /// token decides; the audit event records it). Only the secret's SHA-256 is stored.
    func issueToken(
        username: String, role: Role, expiresAt: Date?, description: String, email: String?
    ) async throws(StoreError) -> IssuedToken {
        let request = try TokenRules.request(
            username: username, role: role, expiresAt: expiresAt, description: description, email: email)
        return try await write { db, context in
            try TokenRules.checkIssuing(request, by: context)
            let existing = try AccountRecord.fetch(username: username, db).map { try Identity.Account(columns: $0) }
            let grant = TokenRules.grant(request, existing: existing)
            let account = grant.account
            if grant.raisesRole {
                try db.execute(sql: "UPDATE accounts SET role = ? WHERE id = ?", arguments: [role.rawValue, account.id])
            } else if grant.createsAccount {
                try db.execute(sql: """
                    INSERT INTO accounts (id, username, display_name, role, validation, status, created_at)
                    VALUES (?, ?, ?, ?, 'unproven', 'active', ?)
                    """, arguments: [account.id, username, username, role.rawValue, context.now.databaseValue])
            }
            if let email = request.email {
                if try String.fetchOne(db, sql: "SELECT id FROM accounts WHERE email = ? AND id <> ?", arguments: [email, account.id]) != nil {
                    throw TokenRules.emailTaken(email)
                }
                try db.execute(sql: "UPDATE accounts SET email = ? WHERE id = ?", arguments: [email, account.id])
            }
            let token = TokenRules.token(for: request, under: grant, at: context.now)
            try db.execute(sql: """
                INSERT INTO tokens (id, account_id, role, token_hash, description, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    token.info.id, account.id, role.rawValue, Secrets.hash(ofToken: token.secret), request.description,
                    context.now.databaseValue, request.expiresAt?.databaseValue,
                ])
            try context.audit(TokenRules.event(issuing: token, under: grant, by: context), db)
            return token
        }
    }

    /// Lists tokens: admins see everyone's (or one user's), others only their own.
    func tokens(username: String?) async throws(StoreError) -> [TokenInfo] {
        try await read { db, caller in
            let owner = try TokenRules.listedOwner(username, for: caller)
            var sql = TokenRecord.selection
            var arguments = StatementArguments()
            if let owner {
                sql += " WHERE a.username = ?"
                arguments += [owner]
            }
            sql += " ORDER BY t.created_at DESC, t.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(TokenInfo.init(columns:))
        }
    }

    /// Revokes a token: admins any, others their own (suspended accounts too). Revoking twice changes nothing.
    func revokeToken(id: String) async throws(StoreError) {
        try await write { db, context in
            try TokenRules.requireRevoker(context.caller)
            guard let row = try Row.fetchOne(db, sql: TokenRecord.selection + " WHERE t.id = ?", arguments: [id]) else {
                throw StoreError.notFound(kind: "token", name: id)
            }
            let info = try TokenInfo(columns: row)
            try TokenRules.requireRevocable(info, by: context.caller)
            guard info.revokedAt == nil else { return }
            try db.execute(sql: "UPDATE tokens SET revoked_at = ? WHERE id = ?", arguments: [context.now.databaseValue, id])
            var revoked = info
            revoked.revokedAt = context.now
            try context.audit(TokenRules.event(revoking: info, as: revoked, by: context), db)
        }
    }
}

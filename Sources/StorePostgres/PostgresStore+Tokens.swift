import Foundation
import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

extension PostgresStore {
    /// Issues a token for `username`, creating the account with `role` when it does not exist.
    ///
    /// When the account exists with a lower role it is raised to `role` (the admin granting the
    /// token decides; the audit event records it). Only the secret's SHA-256 is stored.
    func issueToken(
        username: String, role: Role, expiresAt: Date?, description: String, email: String?
    ) async throws(StoreError) -> IssuedToken {
        let request = try TokenRules.request(
            username: username, role: role, expiresAt: expiresAt.map(Timestamp.rounded), description: description, email: email)
        return try await write { db, context in
            try TokenRules.checkIssuing(request, by: context)
            let existing = try await AccountRecord.fetch(username: username, lock: .update, db).map { try Identity.Account(columns: $0) }
            let grant = TokenRules.grant(request, existing: existing)
            let account = grant.account
            if grant.raisesRole {
                try await db.execute("UPDATE accounts SET role = \(role.rawValue) WHERE id = \(account.id)")
            } else if grant.createsAccount {
                // A concurrent first token for the same name loses on the unique username: `.conflict`.
                try await db.execute("""
                    INSERT INTO accounts (id, username, display_name, role, validation, status, created_at)
                    VALUES (\(account.id), \(username), \(username), \(role.rawValue), 'unproven', 'active', \(context.now.timestamp))
                    """)
            }
            if let email = request.email {
                // A concurrent grant of the same email loses on the unique index: `.conflict`.
                if try await db.scalar("SELECT id FROM accounts WHERE email = \(email) AND id <> \(account.id)", as: String.self) != nil {
                    throw TokenRules.emailTaken(email)
                }
                try await db.execute("UPDATE accounts SET email = \(email) WHERE id = \(account.id)")
            }
            let token = TokenRules.token(for: request, under: grant, at: context.now)
            try await db.execute("""
                INSERT INTO tokens (id, account_id, role, token_hash, description, created_at, expires_at)
                VALUES (\(token.info.id), \(account.id), \(role.rawValue), \(Secrets.hash(ofToken: token.secret)),
                    \(request.description), \(context.now.timestamp), \(request.expiresAt?.timestamp))
                """)
            try await context.audit(TokenRules.event(issuing: token, under: grant, by: context), db)
            return token
        }
    }

    /// Lists tokens: admins see everyone's (or one user's), others only their own.
    func tokens(username: String?) async throws(StoreError) -> [TokenInfo] {
        try await read { db, caller in
            let owner = try TokenRules.listedOwner(username, for: caller)
            var statement = Statement(TokenRecord.selection)
            if let owner {
                statement.append(" WHERE a.username = " + statement.bind(owner))
            }
            statement.append(" ORDER BY t.created_at DESC, t.id COLLATE \"C\"")
            return try await db.rows(statement).map(TokenInfo.init(columns:))
        }
    }

    /// Revokes a token: admins any, others their own (suspended accounts too). Revoking twice changes nothing.
    func revokeToken(id: String) async throws(StoreError) {
        try await write { db, context in
            try TokenRules.requireRevoker(context.caller)
            guard let row = try await db.row("\(unescaped: TokenRecord.selection) WHERE t.id = \(id) FOR UPDATE OF t") else {
                throw StoreError.notFound(kind: "token", name: id)
            }
            let info = try TokenInfo(columns: row)
            try TokenRules.requireRevocable(info, by: context.caller)
            guard info.revokedAt == nil else { return }
            try await db.execute("UPDATE tokens SET revoked_at = \(context.now.timestamp) WHERE id = \(id)")
            var revoked = info
            revoked.revokedAt = context.now
            try await context.audit(TokenRules.event(revoking: info, as: revoked, by: context), db)
        }
    }
}

import Foundation
import PostgresNIO
import StoreModels
import StoreService

extension PostgresStore {
    /// Issues a token for `username`, creating the account with `role` when it does not exist.
    ///
    /// When the account exists with a lower role it is raised to `role` (the admin granting the
    /// token decides; the audit event records it). Only the secret's SHA-256 is stored.
    func issueToken(username: String, role: Role, expiresAt: Date?, description: String) async throws(StoreError) -> IssuedToken {
        try Self.validate(username: username)
        let description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        if description.utf8.count > 200 { throw .invalidInput("a token description has at most 200 bytes") }
        let expiresAt = expiresAt.map(Timestamp.rounded)
        return try await write { db, context in
            try Self.require(.manageTokens, by: context.caller)
            if let expiresAt, expiresAt <= context.now { throw StoreError.invalidInput("the expiry date is in the past") }
            var account: Identity.Account
            var accountChange: String?
            if let row = try await AccountRecord.fetch(username: username, lock: .update, db) {
                account = try AccountRecord.account(row)
                if account.role < role {
                    try await db.execute("UPDATE accounts SET role = \(role.rawValue) WHERE id = \(account.id)")
                    accountChange = "role \(account.role.rawValue) → \(role.rawValue)"
                    account.role = role
                }
            } else {
                account = Identity.Account(id: Secrets.randomIdentifier(length: 32), username: username, displayName: username, role: role)
                // A concurrent first token for the same name loses on the unique username: `.conflict`.
                try await db.execute("""
                    INSERT INTO accounts (id, username, display_name, role, validation, status, created_at)
                    VALUES (\(account.id), \(username), \(username), \(role.rawValue), 'unproven', 'active', \(context.now.timestamp))
                    """)
                accountChange = "account created as \(role.rawValue)"
            }
            let secret = Secrets.generateToken()
            let info = TokenInfo(
                id: "tok-" + Secrets.randomIdentifier(length: 16), username: username, role: role,
                description: description, createdAt: context.now, expiresAt: expiresAt, revokedAt: nil)
            try await db.execute("""
                INSERT INTO tokens (id, account_id, role, token_hash, description, created_at, expires_at)
                VALUES (\(info.id), \(account.id), \(role.rawValue), \(Secrets.hash(ofToken: secret)), \(description),
                    \(context.now.timestamp), \(expiresAt?.timestamp))
                """)
            try await context.audit(context.event(
                "token.issue", kind: .token, object: info.id, publisher: username, after: try JSONColumn.encode(info),
                reason: accountChange), db)
            return IssuedToken(info: info, secret: secret)
        }
    }

    /// Lists tokens: admins see everyone's (or one user's), others only their own.
    func tokens(username: String?) async throws(StoreError) -> [TokenInfo] {
        try await read { db, caller in
            guard let account = caller.account else { throw StoreError.unauthenticated("log in to list tokens") }
            let isAdmin = Permissions.may(caller, .manageTokens).isAllowed
            if !isAdmin, let username, username != account.username {
                throw StoreError.forbidden("only admins list other accounts' tokens")
            }
            let owner = isAdmin ? username : account.username
            var statement = Statement(TokenRecord.selection)
            if let owner {
                statement.append(" WHERE a.username = " + statement.bind(owner))
            }
            statement.append(" ORDER BY t.created_at DESC, t.id COLLATE \"C\"")
            return try await db.rows(statement).map(TokenRecord.info)
        }
    }

    /// Revokes a token: admins any, others their own (suspended accounts too). Revoking twice changes nothing.
    func revokeToken(id: String) async throws(StoreError) {
        try await write { db, context in
            guard let account = context.caller.account else { throw StoreError.unauthenticated("log in to revoke tokens") }
            guard let row = try await db.row("\(unescaped: TokenRecord.selection) WHERE t.id = \(id) FOR UPDATE OF t") else {
                throw StoreError.notFound(kind: "token", name: id)
            }
            let info = try TokenRecord.info(row)
            if info.username != account.username {
                // Others' tokens: admins only, and existence is not revealed to anyone else.
                guard Permissions.may(context.caller, .manageTokens).isAllowed else {
                    throw StoreError.notFound(kind: "token", name: id)
                }
            }
            // A suspended account may still revoke its own tokens: giving up access is always allowed.
            guard info.revokedAt == nil else { return }
            try await db.execute("UPDATE tokens SET revoked_at = \(context.now.timestamp) WHERE id = \(id)")
            var revoked = info
            revoked.revokedAt = context.now
            try await context.audit(context.event(
                "token.revoke", kind: .token, object: id, publisher: info.username, before: try JSONColumn.encode(info),
                after: try JSONColumn.encode(revoked)), db)
        }
    }

    /// Checks a username: 1–64 of a-z A-Z 0-9 . _ -, starting with a letter or digit; `system` is reserved.
    static func validate(username: String) throws(StoreError) {
        let scalars = username.unicodeScalars
        let valid = (1...64).contains(scalars.count)
            && scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
            && scalars.first.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) } == true
        if !valid { throw .invalidInput("'\(username)' is not a valid username (1–64 of a-z, 0-9, '.', '_', '-')") }
        if username == PostgresBackend.systemIdentity.username { throw .invalidInput("the username 'system' is reserved") }
    }
}

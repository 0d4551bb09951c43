import GRDB
import StoreModels
import StoreService

extension SQLiteStore {
    /// The packages the caller owns, and those they collaborate on when asked, by name.
    func myPackages(includeCollaborations: Bool) async throws(StoreError) -> [PackageSummary] {
        try await read { db, caller in
            guard let account = caller.account else { throw StoreError.unauthenticated("log in to see your packages") }
            var sql = """
                SELECT \(PackageRecord.summarySelection) FROM packages p JOIN accounts a ON a.id = p.publisher_id
                WHERE p.publisher_id = ?
                """
            var arguments: StatementArguments = [account.id]
            if includeCollaborations {
                sql += " OR p.pk IN (SELECT package_pk FROM collaborators WHERE account_id = ?)"
                arguments += [account.id]
            }
            sql += " ORDER BY p.name"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(PackageRecord.summary)
        }
    }

    /// Registers `name` for the caller.
    /// - Throws: `.invalidInput` for a name that breaks the type's rules, `.conflict` when taken.
    func registerName(_ name: PackageName, type: PackageType, isPrivate: Bool) async throws(StoreError) -> Package {
        try Self.validate(type)
        do { try PackageName.validate(name.rawValue, type: type) } catch { throw .invalidInput(error.description) }
        return try await write { db, context in
            try Self.require(.registerName, by: context.caller)
            guard let account = context.caller.account, try AccountRecord.fetch(id: account.id, db) != nil else {
                throw StoreError.forbidden("only accounts of this store can own packages")
            }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM packages WHERE name = ?)", arguments: [name.rawValue]).orFalse {
                throw StoreError.conflict("The name '\(name)' is already registered; choose another.")
            }
            let package = Package(
                id: Secrets.randomIdentifier(length: 32), name: name, type: type, title: name.rawValue, summary: "",
                description: "", publisherID: account.id, isPrivate: isPrivate, createdAt: context.now)
            try PackageRecord.insert(package, ownerSuspended: false, channelMapVersion: 0, lastRevision: 0, latestStableVersion: nil, db)
            try context.audit(context.event(
                "package.register", kind: .package, object: name.rawValue, package: name.rawValue,
                publisher: account.username, after: try JSONColumn.encode(RegistrationRecord(type: type.rawValue, isPrivate: isPrivate))), db)
            return package
        }
    }

    /// Adds `username` as a collaborator on a package the caller owns; adding one twice changes nothing.
    func addCollaborator(_ username: String, to name: PackageName) async throws(StoreError) {
        try await write { db, context in
            let package = try PackageContext.visible(name, to: context.caller, db)
            try package.require(.manageCollaborators, by: context.caller)
            guard let row = try AccountRecord.fetch(username: username, db) else {
                throw StoreError.notFound(kind: "publisher", name: username)
            }
            let account = try AccountRecord.account(row)
            if account.id == package.package.publisherID {
                throw StoreError.conflict("\(username) owns \(name) already.")
            }
            if package.collaboratorIDs.contains(account.id) { return }
            try db.execute(
                sql: "INSERT INTO collaborators (package_pk, account_id, added_at) VALUES (?, ?, ?)",
                arguments: [package.pk, account.id, context.now.databaseValue])
            try context.audit(context.event(
                "package.collaborator.add", kind: .package, object: name.rawValue, package: name.rawValue,
                publisher: package.owner.username, after: try JSONColumn.encode(["collaborator": username])), db)
        }
    }

    /// Checks a package type's spelling: a lower-case word such as `snap` or `charm`.
    private static func validate(_ type: PackageType) throws(StoreError) {
        let scalars = type.rawValue.unicodeScalars
        let valid = (1...32).contains(scalars.count)
            && scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && scalars.first.map { ("a"..."z").contains($0) } == true
        if !valid { throw .invalidInput("'\(type)' is not a package type (use snap or charm)") }
    }
}

/// What the audit log records about a registration.
private struct RegistrationRecord: Codable {
    var type: String
    var isPrivate: Bool
}

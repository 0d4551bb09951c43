import GRDB
import StoreEngineSupport
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

    /// Every package of a publisher, listed or not, for moderators.
    func packages(ofPublisher username: String) async throws(StoreError) -> [PackageSummary] {
        let username = try QueryValidation.filter(username, "publisher") ?? ""
        return try await read { db, caller in
            try Authorization.require(.moderatePublisher, by: caller)
            let sql = """
                SELECT \(PackageRecord.summarySelection) FROM packages p JOIN accounts a ON a.id = p.publisher_id
                WHERE a.username = ? ORDER BY p.name LIMIT ?
                """
            return try Row.fetchAll(db, sql: sql, arguments: [username, PublisherPackages.limit]).map(PackageRecord.summary)
        }
    }

    /// Registers `name` for the caller.
    /// - Throws: `.invalidInput` for a name that breaks the type's rules, `.conflict` when taken.
    func registerName(_ name: PackageName, type: PackageType, isPrivate: Bool) async throws(StoreError) -> Package {
        try RegistrationRules.validate(name, type: type)
        return try await write { db, context in
            try Authorization.require(.registerName, by: context.caller)
            guard let account = context.caller.account, try AccountRecord.fetch(id: account.id, db) != nil else {
                throw RegistrationRules.accountRequired
            }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM packages WHERE name = ?)", arguments: [name.rawValue]).orFalse {
                throw RegistrationRules.nameTaken(name)
            }
            let package = RegistrationRules.package(name, type: type, isPrivate: isPrivate, owner: account, at: context.now)
            try PackageRecord.insert(package, ownerSuspended: false, channelMapVersion: 0, lastRevision: 0, latestStableVersion: nil, db)
            try context.audit(RegistrationRules.event(registering: package, by: context), db)
            return package
        }
    }

    /// Drops a name that never had a revision; see ``StoreService/unregisterName(_:)``.
    func unregisterName(_ name: PackageName) async throws(StoreError) -> Package {
        try await write { db, context in
            let package = try PackageContext.visible(name, to: context.caller, db)
            try RegistrationRules.checkUnregistering(package, lastRevision: package.lastRevision, by: context.caller)
            if try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM library_versions v JOIN libraries l ON l.id = v.library_id WHERE l.package_pk = ?)
                """, arguments: [package.pk]).orFalse {
                throw LibraryRules.unregisterBlocked(name)
            }
            // Library names registered but never published go with the name.
            try db.execute(sql: "DELETE FROM libraries WHERE package_pk = ?", arguments: [package.pk])
            try db.execute(sql: "DELETE FROM package_categories WHERE package_pk = ?", arguments: [package.pk])
            try db.execute(sql: "DELETE FROM collaborators WHERE package_pk = ?", arguments: [package.pk])
            try db.execute(sql: "DELETE FROM packages WHERE pk = ?", arguments: [package.pk])
            try context.audit(RegistrationRules.event(unregistering: package, by: context), db)
            return package.package
        }
    }

    /// Opens tracks and sets the default track; see ``TrackRules``.
    func updateTracks(of name: PackageName, opening tracks: [String], defaultTrack: String?) async throws(StoreError) -> Package {
        try await write { db, context in
            let package = try PackageContext.visible(name, to: context.caller, db)
            let change = try TrackRules.decide(opening: tracks, defaultTrack: defaultTrack, on: package, by: context.caller)
            try db.execute(sql: "UPDATE packages SET tracks = ?, default_track = ? WHERE pk = ?",
                           arguments: [JSONColumn.encode(strings: change.tracks), change.defaultTrack, package.pk])
            try context.audit(TrackRules.event(change, on: package, by: context), db)
            return change.applied(to: package.package)
        }
    }

    /// Adds `username` as a collaborator on a package the caller owns; adding one twice changes nothing.
    func addCollaborator(_ username: String, to name: PackageName) async throws(StoreError) {
        try await write { db, context in
            let package = try PackageContext.visible(name, to: context.caller, db)
            let account = try AccountRecord.fetch(username: username, db).map { try Identity.Account(columns: $0) }
            guard let change = try RegistrationRules.collaboration(adding: username, account: account, to: package, by: context) else {
                return
            }
            try db.execute(
                sql: "INSERT INTO collaborators (package_pk, account_id, added_at) VALUES (?, ?, ?)",
                arguments: [package.pk, change.account.id, context.now.databaseValue])
            try context.audit(change.event, db)
        }
    }
}

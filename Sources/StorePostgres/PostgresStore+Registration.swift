import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

extension PostgresStore {
    /// The packages the caller owns, and those they collaborate on when asked, by name.
    func myPackages(includeCollaborations: Bool) async throws(StoreError) -> [PackageSummary] {
        try await read { db, caller in
            guard let account = caller.account else { throw StoreError.unauthenticated("log in to see your packages") }
            var statement = Statement("""
                SELECT \(PackageRecord.summarySelection) FROM packages p JOIN accounts a ON a.id = p.publisher_id
                WHERE p.publisher_id = 
                """)
            let id = statement.bind(account.id)
            statement.append(id)
            if includeCollaborations {
                statement.append(" OR p.pk IN (SELECT package_pk FROM collaborators WHERE account_id = \(id))")
            }
            statement.append(" ORDER BY p.name")
            return try await db.rows(statement).map(PackageRecord.summary)
        }
    }

    /// Every package of a publisher, listed or not, for moderators.
    func packages(ofPublisher username: String) async throws(StoreError) -> [PackageSummary] {
        let username = try QueryValidation.filter(username, "publisher") ?? ""
        return try await read { db, caller in
            try Authorization.require(.moderatePublisher, by: caller)
            var statement = Statement("SELECT \(PackageRecord.summarySelection) FROM packages p JOIN accounts a ON a.id = p.publisher_id WHERE a.username = ")
            statement.append(statement.bind(username))
            statement.append(" ORDER BY p.name LIMIT " + statement.bind(PublisherPackages.limit))
            return try await db.rows(statement).map(PackageRecord.summary)
        }
    }

    /// Registers `name` for the caller.
    /// - Throws: `.invalidInput` for a name that breaks the type's rules, `.conflict` when taken.
    func registerName(_ name: PackageName, type: PackageType, isPrivate: Bool) async throws(StoreError) -> Package {
        try RegistrationRules.validate(name, type: type)
        return try await write { db, context in
            try Authorization.require(.registerName, by: context.caller)
            guard let account = context.caller.account, try await AccountRecord.fetch(id: account.id, db) != nil else {
                throw RegistrationRules.accountRequired
            }
            if try await db.scalar("SELECT EXISTS (SELECT 1 FROM packages WHERE name = \(name.rawValue))", as: Bool.self) == true {
                throw RegistrationRules.nameTaken(name)
            }
            let package = RegistrationRules.package(name, type: type, isPrivate: isPrivate, owner: account, at: context.now)
            do {
                try await PackageRecord.insert(
                    package, ownerSuspended: false, channelMapVersion: 0, lastRevision: 0, latestStableVersion: nil, db)
            } catch where PostgresErrorMapping.sqlState(of: error) == PostgresErrorMapping.SQLState.uniqueViolation {
                // Registered by a concurrent transaction since the check above.
                throw RegistrationRules.nameTaken(name)
            }
            try await context.audit(RegistrationRules.event(registering: package, by: context), db)
            return package
        }
    }

    /// Drops a name that never had a revision; see ``StoreService/unregisterName(_:)``.
    func unregisterName(_ name: PackageName) async throws(StoreError) -> Package {
        try await write { db, context in
            let package = try await PackageContext.visible(name, to: context.caller, lock: true, db)
            try RegistrationRules.checkUnregistering(package, lastRevision: package.lastRevision, by: context.caller)
            if try await db.row("""
                SELECT 1 AS found FROM library_versions v JOIN libraries l ON l.id = v.library_id WHERE l.package_pk = \(package.pk) LIMIT 1
                """) != nil {
                throw LibraryRules.unregisterBlocked(name)
            }
            // Library names registered but never published go with the name.
            try await db.execute("DELETE FROM libraries WHERE package_pk = \(package.pk)")
            try await db.execute("DELETE FROM package_categories WHERE package_pk = \(package.pk)")
            try await db.execute("DELETE FROM collaborators WHERE package_pk = \(package.pk)")
            try await db.execute("DELETE FROM packages WHERE pk = \(package.pk)")
            try await context.audit(RegistrationRules.event(unregistering: package, by: context), db)
            return package.package
        }
    }

    /// Opens tracks and sets the default track; see ``TrackRules``.
    func updateTracks(of name: PackageName, opening tracks: [String], defaultTrack: String?) async throws(StoreError) -> Package {
        try await write { db, context in
            let package = try await PackageContext.visible(name, to: context.caller, lock: true, db)
            let change = try TrackRules.decide(opening: tracks, defaultTrack: defaultTrack, on: package, by: context.caller)
            let json = JSONColumn.encode(strings: change.tracks)
            try await db.execute("""
                UPDATE packages SET tracks = \(json)::jsonb, default_track = \(change.defaultTrack) WHERE pk = \(package.pk)
                """)
            try await context.audit(TrackRules.event(change, on: package, by: context), db)
            return change.applied(to: package.package)
        }
    }

    /// Adds `username` as a collaborator on a package the caller owns; adding one twice changes nothing.
    func addCollaborator(_ username: String, to name: PackageName) async throws(StoreError) {
        try await write { db, context in
            let package = try await PackageContext.visible(name, to: context.caller, lock: true, db)
            let account = try await AccountRecord.fetch(username: username, db).map { try Identity.Account(columns: $0) }
            guard let change = try RegistrationRules.collaboration(adding: username, account: account, to: package, by: context) else {
                return
            }
            try await db.execute("""
                INSERT INTO collaborators (package_pk, account_id, added_at)
                VALUES (\(package.pk), \(change.account.id), \(context.now.timestamp))
                """)
            try await context.audit(change.event, db)
        }
    }
}

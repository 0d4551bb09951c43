import PostgresNIO
import StoreModels
import StoreService
import StoreEngineSupport

extension PostgresStore {
    /// A package with its publisher and collaborators.
    /// - Throws: `.notFound` when it does not exist or is hidden from the caller.
    func package(named name: PackageName) async throws(StoreError) -> PackageDetail {
        try await read { db, caller in
            let context = try await PackageContext.visible(name, to: caller, db)
            let rows = try await db.rows("""
                SELECT number, version FROM revisions
                WHERE package_pk = \(context.pk) AND number IN (SELECT revision FROM releases WHERE package_pk = \(context.pk))
                """)
            var versions: [Int: String] = [:]
            for row in rows { versions[try row.int("number")] = try row.value("version", as: String.self) }
            return PackageDetail(
                package: context.package, publisher: context.owner, collaborators: try await context.collaboratorUsernames(db),
                releasedVersions: versions)
        }
    }

    /// A package's revisions, newest first; keyset cursor on the revision number.
    func revisions(of name: PackageName, query: RevisionQuery) async throws(StoreError) -> Page<Revision> {
        let (query, page) = try query.listing()
        return try await read { db, caller in
            let context = try await PackageContext.visible(name, to: caller, db)
            try context.require(.viewRevisions, by: caller)
            let statement = RevisionQueries.statement(query, packagePK: context.pk, after: page.after, limit: page.limit)
            let revisions = try await db.rows(statement).map(RevisionRecord.revision)
            return Page(trimming: revisions, to: page.limit) { RevisionCursor(number: $0.number) }
        }
    }

    /// A package's channel map with its version, expired branches removed.
    func channelMap(of name: PackageName) async throws(StoreError) -> ChannelMap {
        let clock = backend.clock
        return try await read { db, caller in
            let context = try await PackageContext.visible(name, to: caller, db)
            let map = try await ReleaseRecord.channelMap(
                packagePK: context.pk, tracks: context.package.tracks, version: context.channelMapVersion, db)
            return map.removingExpiredBranches(at: clock())
        }
    }

    /// The categories packages use, alphabetically.
    func categories() async throws(StoreError) -> [String] {
        try await backend.read { db in try await db.column("SELECT name FROM categories ORDER BY name", as: String.self) }
    }
}

/// The revision list's one statement.
enum RevisionQueries {
    /// A page of a package's revisions, newest first (one row more than `limit`).
    static func statement(_ query: RevisionQuery, packagePK: Int64, after: RevisionCursor?, limit: Int) -> Statement {
        var statement = Statement("SELECT * FROM revisions WHERE package_pk = ")
        statement.append(statement.bind(packagePK))
        if let status = query.reviewStatus {
            statement.append(" AND review_status = " + statement.bind(status))
        }
        if let architecture = query.architecture {
            statement.append(" AND architectures @> jsonb_build_array(\(statement.bind(architecture.rawValue))::text)")
        }
        if let after {
            statement.append(" AND number < " + statement.bind(after.number))
        }
        statement.append(" ORDER BY number DESC LIMIT " + statement.bind(limit + 1))
        return statement
    }
}


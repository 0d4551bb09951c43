import GRDB
import StoreModels
import StoreService
import StoreEngineSupport

extension SQLiteStore {
    /// A package with its publisher and collaborators.
    /// - Throws: `.notFound` when it does not exist or is hidden from the caller.
    func package(named name: PackageName) async throws(StoreError) -> PackageDetail {
        try await read { db, caller in
            let context = try PackageContext.visible(name, to: caller, db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT number, version FROM revisions
                WHERE package_pk = ? AND number IN (SELECT revision FROM releases WHERE package_pk = ?)
                """, arguments: [context.pk, context.pk])
            var versions: [Int: String] = [:]
            for row in rows { versions[row["number"]] = row["version"] }
            return PackageDetail(
                package: context.package, publisher: context.owner, collaborators: try context.collaboratorUsernames(db),
                releasedVersions: versions)
        }
    }

    /// A package's revisions, newest first; keyset cursor on the revision number.
    func revisions(of name: PackageName, query: RevisionQuery) async throws(StoreError) -> Page<Revision> {
        let (query, page) = try query.listing()
        return try await read { db, caller in
            let context = try PackageContext.visible(name, to: caller, db)
            try context.require(.viewRevisions, by: caller)
            let (sql, arguments) = RevisionQueries.statement(query, packagePK: context.pk, after: page.after, limit: page.limit)
            let revisions = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(RevisionRecord.revision)
            return Page(trimming: revisions, to: page.limit) { RevisionCursor(number: $0.number) }
        }
    }

    /// A package's channel map with its version, expired branches removed.
    func channelMap(of name: PackageName) async throws(StoreError) -> ChannelMap {
        let clock = backend.clock
        return try await read { db, caller in
            let context = try PackageContext.visible(name, to: caller, db)
            let map = try ReleaseRecord.channelMap(
                packagePK: context.pk, tracks: context.package.tracks, version: context.channelMapVersion, db)
            return map.removingExpiredBranches(at: clock())
        }
    }

    /// The categories packages use, alphabetically.
    func categories() async throws(StoreError) -> [String] {
        try await backend.read { db in try String.fetchAll(db, sql: "SELECT name FROM categories ORDER BY name") }
    }
}

/// The revision list's one statement.
enum RevisionQueries {
    /// The SQL of a page of a package's revisions, newest first (one row more than `limit`).
    static func statement(_ query: RevisionQuery, packagePK: Int64, after: RevisionCursor?, limit: Int) -> (String, StatementArguments) {
        var sql = "SELECT * FROM revisions WHERE package_pk = ?"
        var arguments: StatementArguments = [packagePK]
        if let status = query.reviewStatus {
            sql += " AND review_status = ?"
            arguments += [status]
        }
        if let architecture = query.architecture {
            sql += " AND EXISTS (SELECT 1 FROM json_each(architectures) WHERE value = ?)"
            arguments += [architecture.rawValue]
        }
        if let after {
            sql += " AND number < ?"
            arguments += [after.number]
        }
        sql += " ORDER BY number DESC LIMIT ?"
        arguments += [limit + 1]
        return (sql, arguments)
    }
}


import Foundation
import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

/// What devices need besides the catalogue: names by store id, a refresh's packages (``RefreshRules``), and
/// revisions' files (``DownloadRules``).
extension SQLiteStore {
    func packageNames(ids: [String]) async throws(StoreError) -> [String: PackageName] {
        try DownloadRules.checkIDs(ids)
        guard !ids.isEmpty else { return [:] }
        return try await read { db, caller in try Self.names(ids: ids, caller, db) }
    }

    /// All a device refresh reads, in one transaction (``RefreshRules``).
    func refreshCatalogue(_ lookup: RefreshLookup) async throws(StoreError) -> RefreshCatalogue {
        try RefreshRules.check(lookup)
        let now = backend.clock()
        return try await read { db, caller in
            var catalogue = RefreshCatalogue(names: try Self.names(ids: lookup.ids, caller, db))
            for (name, asked) in RefreshRules.packages(lookup, names: catalogue.names) {
                guard let context = try PackageContext.load(name, db), RefreshRules.sees(context, caller: caller) else { continue }
                let map = try ReleaseRecord.channelMap(
                    packagePK: context.pk, tracks: context.package.tracks, version: context.channelMapVersion, withClosedSlots: false, db)
                let wanted = RefreshRules.revisionsToRead(map: map, asked: asked, of: context, by: caller)
                catalogue.packages[name] = RefreshRules.entry(
                    context, map: map, revisions: try RevisionRecord.revisions(wanted, packagePK: context.pk, db), asked: asked,
                    collaborators: try context.collaboratorUsernames(db), at: now, by: caller)
            }
            return catalogue
        }
    }

    /// The names of the packages with these ids that `caller` may see.
    private static func names(ids: [String], _ caller: Identity, _ db: Database) throws -> [String: PackageName] {
        guard !ids.isEmpty else { return [:] }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, name, listed FROM packages WHERE id IN (SELECT value FROM json_each(?))
            """), arguments: [JSONColumn.encode(strings: ids)])
        var names: [String: PackageName] = [:]
        for row in rows {
            let name = PackageName(trusted: try row.string("name"))
            // Listed packages are public; the others only for those who may see them.
            let listed = try row.bool("listed")
            guard DownloadRules.sharesName(listed: listed, context: listed ? nil : try PackageContext.load(name, db), with: caller) else { continue }
            names[try row.string("id")] = name
        }
        return names
    }

    func download(of name: PackageName, revision number: Int) async throws(StoreError) -> RevisionDownload {
        let now = backend.clock()
        return try await read { db, caller in
            let package = try PackageContext.visible(name, to: caller, db)
            let row = try Row.fetchOne(db, sql: "SELECT * FROM revisions WHERE package_pk = ? AND number = ?", arguments: [package.pk, number])
            let released = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM releases WHERE package_pk = ? AND revision = ? AND (expires_at IS NULL OR expires_at > ?))
                """, arguments: [package.pk, number, now.databaseValue]).orFalse
            return try DownloadRules.decide(
                try row.map(RevisionRecord.revision), number: number, released: released, file: try row?.optionalString("file"),
                on: package, by: caller)
        }
    }
}

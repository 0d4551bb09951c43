import Foundation
import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

/// What devices need besides the catalogue: names by store id, and revisions' files (``DownloadRules``).
extension SQLiteStore {
    func packageNames(ids: [String]) async throws(StoreError) -> [String: PackageName] {
        try DownloadRules.checkIDs(ids)
        guard !ids.isEmpty else { return [:] }
        return try await read { db, caller in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, name, listed FROM packages WHERE id IN (SELECT value FROM json_each(?))
                """, arguments: [JSONColumn.encode(strings: ids)])
            var names: [String: PackageName] = [:]
            for row in rows {
                let name = PackageName(trusted: try row.string("name"))
                // Listed packages are public; the others only for those who may see them.
                if try !row.bool("listed"), (try? PackageContext.visible(name, to: caller, db)) == nil { continue }
                names[try row.string("id")] = name
            }
            return names
        }
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

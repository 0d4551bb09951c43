import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

/// What devices need besides the catalogue: names by store id, and revisions' files (``DownloadRules``).
extension PostgresStore {
    func packageNames(ids: [String]) async throws(StoreError) -> [String: PackageName] {
        try DownloadRules.checkIDs(ids)
        guard !ids.isEmpty else { return [:] }
        return try await read { db, caller in
            let rows = try await db.rows("SELECT id, name, listed FROM packages WHERE id = ANY(\(ids))")
            var names: [String: PackageName] = [:]
            for row in rows {
                let name = PackageName(trusted: try row.string("name"))
                // Listed packages are public; the others only for those who may see them.
                if try !row.bool("listed"), (try? await PackageContext.visible(name, to: caller, db)) == nil { continue }
                names[try row.string("id")] = name
            }
            return names
        }
    }

    func download(of name: PackageName, revision number: Int) async throws(StoreError) -> RevisionDownload {
        let now = Timestamp(backend.clock())
        return try await read { db, caller in
            let package = try await PackageContext.visible(name, to: caller, db)
            let row = try await db.row("SELECT * FROM revisions WHERE package_pk = \(package.pk) AND number = \(number)")
            let released = try await db.row("""
                SELECT 1 AS found FROM releases
                WHERE package_pk = \(package.pk) AND revision = \(number) AND (expires_at IS NULL OR expires_at > \(now)) LIMIT 1
                """) != nil
            return try DownloadRules.decide(
                try row.map(RevisionRecord.revision), number: number, released: released, file: try row?.optionalString("file"),
                on: package, by: caller)
        }
    }
}

import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

/// What devices need besides the catalogue: names by store id, a refresh's packages (``RefreshRules``), and
/// revisions' files (``DownloadRules``).
extension PostgresStore {
    func packageNames(ids: [String]) async throws(StoreError) -> [String: PackageName] {
        try DownloadRules.checkIDs(ids)
        guard !ids.isEmpty else { return [:] }
        return try await read { db, caller in try await Self.names(ids: ids, caller, db) }
    }

    /// All a device refresh reads, in one transaction (``RefreshRules``), in four statements whatever the
    /// number of packages: the names of the ids, the packages (with their owners and collaborators), their
    /// channel maps, and the revisions those maps release or the caller asked for. One statement per package
    /// and table held a pooled connection for some 80 round trips for a refresh of 20 snaps, and a find page
    /// of 100 results for 400.
    func refreshCatalogue(_ lookup: RefreshLookup) async throws(StoreError) -> RefreshCatalogue {
        try RefreshRules.check(lookup)
        let now = backend.clock()
        return try await read { db, caller in
            var catalogue = RefreshCatalogue(names: try await Self.names(ids: lookup.ids, caller, db))
            let asked = RefreshRules.packages(lookup, names: catalogue.names)
            let packages = try await PackageContext.loadWithCollaborators(Array(asked.keys), db)
                .filter { RefreshRules.sees($0.value.context, caller: caller) }
            let maps = try await ReleaseRecord.channelMaps(of: packages.values.map(\.context), db)
            var wanted: [Int64: Set<Int>] = [:]
            for (name, loaded) in packages {
                guard let map = maps[loaded.context.pk] else { continue }
                wanted[loaded.context.pk] = RefreshRules.revisionsToRead(
                    map: map, asked: asked[name] ?? [], of: loaded.context, by: caller)
            }
            let revisions = try await RevisionRecord.revisions(wanted, db)
            for (name, loaded) in packages {
                let pk = loaded.context.pk
                guard let map = maps[pk] else { continue }
                catalogue.packages[name] = RefreshRules.entry(
                    loaded.context, map: map, revisions: revisions[pk] ?? [:], asked: asked[name] ?? [],
                    collaborators: loaded.collaborators, at: now, by: caller)
            }
            return catalogue
        }
    }

    /// The names of the packages with these ids that `caller` may see.
    private static func names(ids: [String], _ caller: Identity, _ db: Database) async throws -> [String: PackageName] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.rows("SELECT id, name, listed FROM packages WHERE id = ANY(\(ids))")
        var names: [String: PackageName] = [:]
        for row in rows {
            let name = PackageName(trusted: try row.string("name"))
            // Listed packages are public; the others only for those who may see them.
            let listed = try row.bool("listed")
            let context = listed ? nil : try await PackageContext.load(name, lock: false, db)
            guard DownloadRules.sharesName(listed: listed, context: context, with: caller) else { continue }
            names[try row.string("id")] = name
        }
        return names
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

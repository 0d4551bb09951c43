import GRDB
@_spi(Testing) import StoreEngineSupport
import StoreModels
import StoreService

extension SQLiteStore {
    /// Applies a release plan in one write transaction; ``ReleaseRules`` decides, this writes.
    ///
    /// Reading the map, checking `version`, validating against the revisions, writing the new map,
    /// its history row, the bumped version and the audit event all happen under the one write lock
    /// (`BEGIN IMMEDIATE`), so two callers expecting the same version cannot both succeed.
    /// - Throws: `.notFound`/`.forbidden` before anything about the map is revealed;
    ///   `.staleChannelMap` with what changed since `version`; `.plan` for an invalid plan.
    func apply(_ plan: ReleasePlan, to name: PackageName, expecting version: Int?) async throws(StoreError) -> PlanOutcome {
        try await write { db, context in
            let package = try PackageContext.visible(name, to: context.caller, db)
            try ReleaseRules.authorize(plan, on: package, by: context.caller)
            return try Self.applyAuthorized(plan, to: package, expecting: version, db, context)
        }
    }

    /// Steps 2–4 of ``ReleaseRules``, in the caller's write transaction, for a plan already
    /// authorized (by the caller, or by the uploader who asked for a release on approval).
    static func applyAuthorized(
        _ plan: ReleasePlan, to package: PackageContext, expecting version: Int?, _ db: Database, _ context: WriteContext
    ) throws -> PlanOutcome {
        let tracks = package.package.tracks
        let stored = try ReleaseRecord.channelMap(packagePK: package.pk, tracks: tracks, version: package.channelMapVersion, db)
        if let version, version != stored.version {
            let seen = try ReleaseHistoryRecord.map(packagePK: package.pk, at: version, tracks: tracks, db)
            throw ReleaseRules.stale(expected: version, stored: stored, seen: seen)
        }
        let plan = try typingResources(of: plan, packagePK: package.pk, db)
        let numbers = ReleaseRules.revisionsNeeded(by: plan, for: stored, at: context.now)
        let revisions = try RevisionRecord.revisions(numbers, packagePK: package.pk, db)
        let change = try ReleaseRules.decide(plan, stored: stored, revisions: revisions, package: package, by: context)

        try ReleaseRecord.replace(packagePK: package.pk, with: change.map, db)
        try context.checkpoint(.afterWritingReleases)
        try ReleaseHistoryRecord.append(
            packagePK: package.pk, action: change.action, plan: plan, before: change.before, after: change.map,
            actor: context.caller.username, at: context.now, db)
        try db.execute(sql: """
            UPDATE packages SET channel_map_version = ?, latest_stable_version = ?, updated_us = ?, version_key = ?,
                status = CASE WHEN status = 'registered' AND ? THEN 'published' ELSE status END
            WHERE pk = ?
            """, arguments: [
                change.map.version, change.latestStableVersion, PackageSortKeys.micros(context.now),
                PackageSortKeys.version(change.latestStableVersion), change.publishes, package.pk,
            ])
        try context.audit(change.event, db)
        return change.outcome
    }
}

extension RevisionRecord {
    /// The package's revisions with these numbers, by number.
    static func revisions(_ numbers: Set<Int>, packagePK: Int64, _ db: Database) throws -> [Int: Revision] {
        guard !numbers.isEmpty else { return [:] }
        // Cached: a device refresh runs it for every package, and compiling `SELECT *` costs more than running it.
        // A cursor's rows find columns by name in a dictionary (fetched copies compare every name, lowercased).
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT * FROM revisions WHERE package_pk = ? AND number IN (SELECT value FROM json_each(?))
            """), arguments: [packagePK, "[" + numbers.sorted().map(String.init).joined(separator: ",") + "]"])
        var revisions: [Int: Revision] = [:]
        while let row = try rows.next() {
            let revision = try RevisionRecord.revision(row)
            revisions[revision.number] = revision
        }
        return revisions
    }
}

import PostgresNIO
@_spi(Testing) import StoreEngineSupport
import StoreModels
import StoreService

extension PostgresStore {
    /// Applies a release plan in one write transaction; ``ReleaseRules`` decides, this writes.
    ///
    /// The package row is locked first (`SELECT … FOR UPDATE`), so reading the map, checking
    /// `version`, validating against the revisions, writing the new map, its history row, the
    /// bumped version and the audit event happen while no other plan can touch the package: of two
    /// callers expecting the same version, the second waits, then finds the version moved on.
    /// - Throws: `.notFound`/`.forbidden` before anything about the map is revealed;
    ///   `.staleChannelMap` with what changed since `version`; `.plan` for an invalid plan.
    func apply(_ plan: ReleasePlan, to name: PackageName, expecting version: Int?) async throws(StoreError) -> PlanOutcome {
        try await write { db, context in
            let package = try await PackageContext.visible(name, to: context.caller, lock: true, db)
            try ReleaseRules.authorize(plan, on: package, by: context.caller)
            return try await Self.applyAuthorized(plan, to: package, expecting: version, db, context)
        }
    }

    /// Steps 2–4 of ``ReleaseRules``, in the caller's write transaction (the package row locked),
    /// for a plan already authorized (by the caller, or by the uploader who asked for a release on approval).
    static func applyAuthorized(
        _ plan: ReleasePlan, to package: PackageContext, expecting version: Int?, _ db: Database, _ context: WriteContext
    ) async throws -> PlanOutcome {
        let tracks = package.package.tracks
        let stored = try await ReleaseRecord.channelMap(
            packagePK: package.pk, tracks: tracks, version: package.channelMapVersion, db)
        if let version, version != stored.version {
            let seen = try await ReleaseHistoryRecord.map(packagePK: package.pk, at: version, tracks: tracks, db)
            throw ReleaseRules.stale(expected: version, stored: stored, seen: seen)
        }
        let plan = try await typingResources(of: plan, packagePK: package.pk, db)
        let numbers = ReleaseRules.revisionsNeeded(by: plan, for: stored, at: context.now)
        let revisions = try await RevisionRecord.revisions(numbers, packagePK: package.pk, db)
        let change = try ReleaseRules.decide(plan, stored: stored, revisions: revisions, package: package, by: context)

        try await ReleaseRecord.replace(packagePK: package.pk, with: change.map, db)
        try context.checkpoint(.afterWritingReleases)
        try await ReleaseHistoryRecord.append(
            packagePK: package.pk, action: change.action, plan: plan, before: change.before, after: change.map,
            actor: context.caller.username, at: context.now, db)
        try await db.execute("""
            UPDATE packages SET channel_map_version = \(change.map.version), latest_stable_version = \(change.latestStableVersion),
                updated_us = \(PackageSortKeys.micros(context.now)), version_key = \(PackageSortKeys.version(change.latestStableVersion)),
                status = CASE WHEN status = 'registered' AND \(change.publishes) THEN 'published' ELSE status END
            WHERE pk = \(package.pk)
            """)
        try await context.audit(change.event, db)
        return change.outcome
    }
}

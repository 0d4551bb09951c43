import PostgresNIO
import StoreModels
import StoreService

extension PostgresStore {
    /// Applies a release plan in one write transaction.
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
            for action in ReleasePlanning.actions(in: plan) { try package.require(action, by: context.caller) }
            let tracks = package.package.tracks
            let stored = try await ReleaseRecord.channelMap(
                packagePK: package.pk, tracks: tracks, version: package.channelMapVersion, db)
            if let version, version != stored.version {
                let seen = try await ReleaseHistoryRecord.map(packagePK: package.pk, at: version, tracks: tracks, db)
                    ?? ChannelMap(tracks: tracks, version: version)
                throw StoreError.staleChannelMap(expected: version, actual: stored.version, changes: seen.differences(to: stored))
            }
            let current = stored.removingExpiredBranches(at: context.now)
            let numbers = ReleasePlanning.revisionNumbers(in: plan).union(current.releasedRevisions)
            let revisions = try await RevisionRecord.revisions(numbers, packagePK: package.pk, db)
            let outcome: PlanOutcome
            do throws(PlanError) {
                outcome = try current.applying(plan, revisions: revisions, type: package.package.type, now: context.now)
            } catch {
                throw StoreError.plan(error)
            }

            try await ReleaseRecord.replace(packagePK: package.pk, with: outcome.map, db)
            try context.checkpoint(.afterWritingReleases)
            let action = ReleasePlanning.auditAction(for: plan)
            try await ReleaseHistoryRecord.append(
                packagePK: package.pk, action: action, plan: plan, before: stored, after: outcome.map,
                actor: context.caller.username, at: context.now, db)
            let latestStable = ReleaseRecord.latestStableVersion(
                of: outcome.map, defaultTrack: package.package.defaultTrack, revisions: revisions)
            try await db.execute("""
                UPDATE packages SET channel_map_version = \(outcome.map.version), latest_stable_version = \(latestStable),
                    status = CASE WHEN status = 'registered' AND \(!outcome.map.releases.isEmpty) THEN 'published' ELSE status END
                WHERE pk = \(package.pk)
                """)
            try await context.audit(context.event(
                action, kind: .channelMap, object: name.rawValue, package: name.rawValue, publisher: package.owner.username,
                before: try JSONColumn.encode(stored.releases), after: try JSONColumn.encode(outcome.map.releases)), db)
            return outcome
        }
    }
}

/// What a plan needs from storage and how it is recorded.
enum ReleasePlanning {
    /// The permissions a plan needs: closing needs `closeChannel`, everything else `release`.
    static func actions(in plan: ReleasePlan) -> [Action] {
        var actions: [Action] = []
        for operation in plan.operations {
            let action: Action = if case .close = operation { .closeChannel } else { .release }
            if !actions.contains(action) { actions.append(action) }
        }
        return actions
    }

    /// The audit verb: `close`, `promote` or `release.progress` when every operation is of that
    /// kind, otherwise `release`.
    static func auditAction(for plan: ReleasePlan) -> String {
        let verbs = Set(plan.operations.map { operation in
            switch operation {
            case .release: "release"
            case .promote: "promote"
            case .close: "close"
            case .setProgress: "release.progress"
            }
        })
        return verbs.count == 1 ? verbs.first ?? "release" : "release"
    }

    /// Revision numbers the plan's release operations name.
    static func revisionNumbers(in plan: ReleasePlan) -> Set<Int> {
        Set(plan.operations.compactMap { operation in
            if case .release(let number, _, _, _) = operation { number } else { nil }
        })
    }
}

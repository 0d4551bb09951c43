import GRDB
import StoreModels
import StoreService

extension SQLiteStore {
    /// Applies a release plan in one write transaction.
    ///
    /// Reading the map, checking `version`, validating against the revisions, writing the new map,
    /// its history row, the bumped version and the audit event all happen under the one write lock
    /// (`BEGIN IMMEDIATE`), so two callers expecting the same version cannot both succeed.
    /// - Throws: `.notFound`/`.forbidden` before anything about the map is revealed;
    ///   `.staleChannelMap` with what changed since `version`; `.plan` for an invalid plan.
    func apply(_ plan: ReleasePlan, to name: PackageName, expecting version: Int?) async throws(StoreError) -> PlanOutcome {
        try await write { db, context in
            let package = try PackageContext.visible(name, to: context.caller, db)
            for action in ReleasePlanning.actions(in: plan) { try package.require(action, by: context.caller) }
            let tracks = package.package.tracks
            let stored = try ReleaseRecord.channelMap(packagePK: package.pk, tracks: tracks, version: package.channelMapVersion, db)
            if let version, version != stored.version {
                let seen = try ReleaseHistoryRecord.map(packagePK: package.pk, at: version, tracks: tracks, db)
                    ?? ChannelMap(tracks: tracks, version: version)
                throw StoreError.staleChannelMap(expected: version, actual: stored.version, changes: seen.differences(to: stored))
            }
            let current = stored.removingExpiredBranches(at: context.now)
            let numbers = ReleasePlanning.revisionNumbers(in: plan).union(current.releasedRevisions)
            let revisions = try ReleasePlanning.revisions(numbers, packagePK: package.pk, db)
            let outcome: PlanOutcome
            do throws(PlanError) {
                outcome = try current.applying(plan, revisions: revisions, type: package.package.type, now: context.now)
            } catch {
                throw StoreError.plan(error)
            }

            try ReleaseRecord.replace(packagePK: package.pk, with: outcome.map, db)
            try context.checkpoint(.afterWritingReleases)
            let action = ReleasePlanning.auditAction(for: plan)
            try ReleaseHistoryRecord.append(
                packagePK: package.pk, action: action, plan: plan, before: stored, after: outcome.map,
                actor: context.caller.username, at: context.now, db)
            try db.execute(sql: """
                UPDATE packages SET channel_map_version = ?, latest_stable_version = ?,
                    status = CASE WHEN status = 'registered' AND ? THEN 'published' ELSE status END
                WHERE pk = ?
                """, arguments: [
                    outcome.map.version, ReleaseRecord.latestStableVersion(of: outcome.map, defaultTrack: package.package.defaultTrack, revisions: revisions),
                    !outcome.map.releases.isEmpty, package.pk,
                ])
            try context.audit(context.event(
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

    /// The package's revisions with these numbers, by number.
    static func revisions(_ numbers: Set<Int>, packagePK: Int64, _ db: Database) throws -> [Int: Revision] {
        guard !numbers.isEmpty else { return [:] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT * FROM revisions WHERE package_pk = ? AND number IN (SELECT value FROM json_each(?))
            """, arguments: [packagePK, "[" + numbers.sorted().map(String.init).joined(separator: ",") + "]"])
        var revisions: [Int: Revision] = [:]
        for row in rows {
            let revision = try RevisionRecord.revision(row)
            revisions[revision.number] = revision
        }
        return revisions
    }
}

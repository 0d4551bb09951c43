import Foundation
import StoreModels
import StoreService

/// What applying a release plan to a package does, decided from the rows an engine loaded; the
/// engine then writes what ``ReleaseChange`` says, in the transaction it loaded them in.
///
/// The flow every engine follows, its loads and writes in its own SQL:
/// 1. load the package visible to the caller, then ``authorize(_:on:by:)``;
/// 2. load the stored map; when the caller expects another version, load the map the caller saw
///    and throw ``stale(expected:stored:seen:)``;
/// 3. load the revisions ``revisionsNeeded(by:for:at:)`` names;
/// 4. ``decide(_:stored:revisions:package:by:)``, then write the map, the history row (after
///    ``FaultInjection/Point/afterWritingReleases``), the package row and the audit event.
package enum ReleaseRules {
    /// Refuses a caller who may not do what `plan` needs on `package`.
    package static func authorize(_ plan: ReleasePlan, on package: PackageContext, by caller: Identity) throws(StoreError) {
        for action in plan.requiredActions { try package.require(action, by: caller) }
    }

    /// The error for a caller who expected map version `expected` (and saw `seen`, when the history
    /// still has it) while the store holds `stored`: it lists what changed since.
    package static func stale(expected: Int, stored: ChannelMap, seen: ChannelMap?) -> StoreError {
        let seen = seen ?? ChannelMap(tracks: stored.tracks, version: expected)
        return .staleChannelMap(expected: expected, actual: stored.version, changes: seen.differences(to: stored))
    }

    /// The revisions deciding needs: those the plan names and those the map serves (after expired
    /// branches close at `now`).
    package static func revisionsNeeded(by plan: ReleasePlan, for stored: ChannelMap, at now: Date) -> Set<Int> {
        plan.namedRevisions.union(stored.removingExpiredBranches(at: now).releasedRevisions)
    }

    /// The audit reason of an undo (`undoes audit event 42 (close by alice)`), checked as client text.
    /// - Throws: `.invalidInput` for a description that is too long or holds control characters.
    package static func undoReason(_ plan: ReleasePlan) throws(StoreError) -> String? {
        guard let undoes = plan.undoes else { return nil }
        let trimmed = undoes.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= ReleasePlan.maximumUndoDescription,
              !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidInput("a plan's 'undoes' must say in at most \(ReleasePlan.maximumUndoDescription) characters, without control characters, what it undoes")
        }
        return "undoes " + trimmed
    }

    /// What applying `plan` to `stored` changes.
    /// - Throws: `.plan` for a plan the map cannot take.
    package static func decide(
        _ plan: ReleasePlan, stored: ChannelMap, revisions: [Int: Revision], package: PackageContext,
        by context: some AuditingContext
    ) throws(StoreError) -> ReleaseChange {
        let outcome: PlanOutcome
        do throws(PlanError) {
            outcome = try stored.removingExpiredBranches(at: context.now)
                .applying(plan, revisions: revisions, type: package.package.type, now: context.now)
        } catch {
            throw StoreError.plan(error)
        }
        let action = plan.auditAction
        let name = package.package.name.rawValue
        let reason = try undoReason(plan)
        let event: AuditEvent
        do {
            event = context.event(
                action, kind: .channelMap, object: name, package: name, publisher: package.owner.username,
                before: try JSONColumn.encode(stored.releases), after: try JSONColumn.encode(outcome.map.releases), reason: reason)
        } catch {
            throw .server(status: 500, message: "the channel map could not be recorded (\(error))", requestID: nil)
        }
        return ReleaseChange(
            outcome: outcome, before: stored, action: action,
            latestStableVersion: outcome.map.latestStableVersion(defaultTrack: package.package.defaultTrack, revisions: revisions),
            publishes: !outcome.map.releases.isEmpty, event: event)
    }
}

/// What one applied release plan writes: the new map, a history row, the package row, an audit event.
package struct ReleaseChange: Sendable {
    /// The new map and what changed, as the caller gets it back.
    package var outcome: PlanOutcome
    /// The map before the plan (the history row keeps both).
    package var before: ChannelMap
    /// The audit and history verb (``ReleasePlan/auditAction``).
    package var action: String
    /// The version `latest/stable` (of the default track) now serves, for search results.
    package var latestStableVersion: String?
    /// Whether the map now serves anything: a `registered` package becomes `published`.
    package var publishes: Bool
    /// The audit event.
    package var event: AuditEvent

    /// The new map.
    package var map: ChannelMap { outcome.map }
}

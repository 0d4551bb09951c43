import Foundation
import StoreModels
import StoreService

/// Releasing an upload to the channels its publisher named (`snapcraft upload --release`) once it
/// is approved: at once when the automated checks approve it, else when a reviewer does.
///
/// The flow every engine follows, in its own SQL:
/// 1. upload: ``authorize(_:on:by:)`` before the revision is written (the uploader must be allowed
///    to release); when the revision is approved at once, apply ``plan(_:revision:)`` in the same
///    transaction, else keep ``column(_:)`` in `revisions.release_on_approval`;
/// 2. review: an approval applies the kept channels in the review's transaction (the release is the
///    uploader's request, authorized when it was made); approval or rejection empties the column.
package enum ReleaseOnApprovalRules {
    /// The plan releasing `revision` to `channels`; `nil` for no channels.
    package static func plan(_ channels: [Channel], revision: Int) -> ReleasePlan? {
        guard !channels.isEmpty else { return nil }
        var plan = ReleasePlan()
        plan.append(.release(revision: revision, channels: channels))
        return plan
    }

    /// Refuses an uploader who may not release to the package, and channels of tracks the package
    /// has not opened (the approval could never apply them).
    package static func authorize(_ channels: [Channel], on package: PackageContext, by caller: Identity) throws(StoreError) {
        guard let plan = plan(channels, revision: 0) else { return }
        try ReleaseRules.authorize(plan, on: package, by: caller)
        let open = Set(package.package.tracks + [Channel.latestTrack])
        if let closed = channels.first(where: { !open.contains($0.track) }) {
            throw .invalidChannel(
                "the track '\(closed.track)' is not open on '\(package.package.name)' (open: \(open.sorted().joined(separator: ", "))); ask an admin to open it, or release to another channel")
        }
    }

    /// The plan an approval applies: the kept channels, when the uploader may still release to the
    /// package at that moment (not for a quarantined package, a suspended owner, or an uploader who
    /// was removed, suspended or demoted since); `nil` otherwise, and the approval releases nothing.
    package static func planOnApproval(
        _ channels: [Channel], revision: Int, uploader: Identity.Account?, on package: PackageContext
    ) -> ReleasePlan? {
        guard let plan = plan(channels, revision: revision), let uploader else { return nil }
        do { try ReleaseRules.authorize(plan, on: package, by: Identity(account: uploader)) } catch { return nil }
        return plan
    }

    /// The JSON the column keeps.
    package static func column(_ channels: [Channel]) -> String {
        "[" + channels.map { "\"\($0.fullName)\"" }.joined(separator: ",") + "]"
    }

    /// The channels a column holds (names that no longer parse are dropped).
    package static func channels(fromColumn text: String?) -> [Channel] {
        guard let text, let data = text.data(using: .utf8),
              let names = try? JSONDecoder().decode([String].self, from: data) else { return [] }
        return names.compactMap { try? Channel(parsing: $0) }
    }
}

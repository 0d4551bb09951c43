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

    /// Refuses an uploader who may not release to the package.
    package static func authorize(_ channels: [Channel], on package: PackageContext, by caller: Identity) throws(StoreError) {
        guard let plan = plan(channels, revision: 0) else { return }
        try ReleaseRules.authorize(plan, on: package, by: caller)
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

import StoreModels

/// Builds the plan that turns the current channel map back into an earlier one: re-releases what
/// the earlier map held and closes what it did not. The same preview flow then shows and applies it.
enum UndoPlanner {
    /// The operations that make `current` serve what `previous` served, channel by channel and
    /// platform by platform (plain and progressive entries both).
    static func plan(from current: ChannelMap, to previous: ChannelMap) -> ReleasePlan {
        var keys: [ChannelTarget] = []
        for release in current.releases + previous.releases {
            let key = ChannelTarget(channel: release.channel, platform: release.platform)
            if !keys.contains(key) { keys.append(key) }
        }
        keys.sort { $0.channel != $1.channel ? $0.channel < $1.channel : $0.platform < $1.platform }
        var plan = ReleasePlan()
        for key in keys {
            let now = current.entries(key.channel, on: key.platform)
            let then = previous.entries(key.channel, on: key.platform)
            if same(now.plain, then.plain) && same(now.progressive, then.progressive) { continue }
            if let plain = then.plain {
                // A plain release also ends any progressive release in flight.
                plan.append(.release(revision: plain.revision, channels: [key.channel], progressive: nil, platforms: [key.platform]))
            } else if then.progressive == nil || now.plain != nil {
                plan.append(.close(channels: [key.channel], platforms: [key.platform]))
            }
            if let progressive = then.progressive {
                plan.append(.release(revision: progressive.revision, channels: [key.channel],
                                     progressive: progressive.progressivePercentage, platforms: [key.platform]))
            }
        }
        return plan
    }

    private static func same(_ lhs: ChannelRelease?, _ rhs: ChannelRelease?) -> Bool {
        lhs?.revision == rhs?.revision && lhs?.progressivePercentage == rhs?.progressivePercentage
    }
}

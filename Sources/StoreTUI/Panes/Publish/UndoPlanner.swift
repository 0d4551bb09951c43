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

    /// The map `current` becomes when exactly what one change did (`before` → `after`) is put back:
    /// each channel and platform that change touched returns to `before`, unless it has changed
    /// again since (then it is left as it is and listed in `skipped`). Everything else stays.
    static func reverting(before: ChannelMap, after: ChannelMap, on current: ChannelMap) -> (target: ChannelMap, skipped: [ChannelTarget]) {
        var target = current
        var skipped: [ChannelTarget] = []
        var keys: [ChannelTarget] = []
        for release in before.releases + after.releases {
            let key = ChannelTarget(channel: release.channel, platform: release.platform)
            if !keys.contains(key) { keys.append(key) }
        }
        for key in keys {
            let then = before.entries(key.channel, on: key.platform), changed = after.entries(key.channel, on: key.platform)
            guard !(same(then.plain, changed.plain) && same(then.progressive, changed.progressive)) else { continue }
            let now = current.entries(key.channel, on: key.platform)
            guard same(now.plain, changed.plain) && same(now.progressive, changed.progressive) else {
                skipped.append(key)
                continue
            }
            target.remove { $0.channel == key.channel && $0.platform == key.platform }
            for release in [then.plain, then.progressive].compactMap({ $0 }) { target.upsert(release) }
        }
        return (target, skipped)
    }

    private static func same(_ lhs: ChannelRelease?, _ rhs: ChannelRelease?) -> Bool {
        lhs?.revision == rhs?.revision && lhs?.progressivePercentage == rhs?.progressivePercentage
    }
}

/// One cell of a channel map: a channel on a platform.
public struct ChannelSlot: Hashable, Sendable, Codable, Comparable {
    public var channel: Channel
    public var platform: Platform

    /// Creates a slot.
    public init(channel: Channel, platform: Platform) {
        self.channel = channel
        self.platform = platform
    }

    public static func < (lhs: ChannelSlot, rhs: ChannelSlot) -> Bool {
        (lhs.channel, lhs.platform) < (rhs.channel, rhs.platform)
    }
}

extension ChannelMap {
    /// Whether `channel` on `platform` once held a release of its own and was closed: shown as
    /// closed, where a slot that never held one is "never released".
    public func wasClosed(_ channel: Channel, on platform: Platform) -> Bool {
        closedSlots.contains(ChannelSlot(channel: channel, platform: platform))
    }

    /// The slots that hold a plain or progressive release of their own.
    var occupiedSlots: Set<ChannelSlot> { Set(releases.map { ChannelSlot(channel: $0.channel, platform: $0.platform) }) }

    /// The closed slots after a change from `before` to this map: those closed before that are
    /// still empty, and those that held a release and no longer do (an expired branch is gone, not
    /// closed).
    func closing(from before: ChannelMap) -> Set<ChannelSlot> {
        let now = occupiedSlots
        let emptied = before.occupiedSlots.subtracting(now).filter { !$0.channel.isBranch }
        return before.closedSlots.union(emptied).subtracting(now)
    }
}

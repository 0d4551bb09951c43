import StoreModels

/// One selectable row of the channel map: a channel on a platform.
public struct ChannelTarget: Hashable, Sendable {
    public var channel: Channel
    public var platform: Platform

    /// Creates a target.
    public init(channel: Channel, platform: Platform) {
        self.channel = channel
        self.platform = platform
    }
}

/// The channel map's rows in display order (per platform: a heading, the column header, every
/// channel; a blank row between platforms), shared by the view and the reducer's selection.
enum ChannelMapRows {
    /// The channel rows, platform by platform.
    static func targets(_ map: ChannelMap) -> [ChannelTarget] {
        let channels = map.channels
        return map.platforms.flatMap { platform in channels.map { ChannelTarget(channel: $0, platform: platform) } }
    }

    /// Every drawn row, channel rows included.
    static func rowCount(_ map: ChannelMap) -> Int {
        let platforms = map.platforms.count
        guard platforms > 0 else { return 1 }
        return platforms * (map.channels.count + 2) + (platforms - 1)
    }

    /// The drawn row of the `index`-th channel row.
    static func rowIndex(ofTarget index: Int, in map: ChannelMap) -> Int {
        let perPlatform = max(1, map.channels.count)
        let platform = index / perPlatform, channel = index % perPlatform
        return platform * (perPlatform + 3) + 2 + channel
    }
}

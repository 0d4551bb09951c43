import StoreModels

/// One selectable cell of the channel map: a channel on a platform.
public struct ChannelTarget: Hashable, Sendable {
    public var channel: Channel
    public var platform: Platform

    /// Creates a target.
    public init(channel: Channel, platform: Platform) {
        self.channel = channel
        self.platform = platform
    }
}

/// The channel map as a matrix, as `snapcraft status` and the stores' release pages draw it: a row
/// per channel (the default track's first, branches under their risk), a column per platform. The
/// view draws it and the reducer moves the highlighted cell over it.
///
/// Drawn rows, top to bottom: each track's channels, a blank row between tracks. Cells are numbered
/// row by row (`row × platforms + column`), which is ``PackageState/channelSelection``.
public struct ChannelMapGrid: Hashable, Sendable {
    /// What one drawn row holds.
    public enum Row: Hashable, Sendable {
        /// The `index`-th channel.
        case channel(Int)
        /// Space between two tracks.
        case gap
    }

    /// The channels in display order.
    public let channels: [Channel]
    /// The columns, sorted.
    public let platforms: [Platform]
    /// The drawn rows.
    public let rows: [Row]
    /// The track devices follow when they name none, listed first.
    public let defaultTrack: String

    /// The grid of `map`, with `defaultTrack` (the package's) first.
    public init(_ map: ChannelMap, defaultTrack: String? = nil) {
        let defaultTrack = defaultTrack ?? Channel.latestTrack
        let all = map.channels
        let tracks = map.orderedTracks.filter { $0 == defaultTrack } + map.orderedTracks.filter { $0 != defaultTrack }
        channels = tracks.flatMap { track in all.filter { $0.track == track } }
        platforms = map.platforms
        self.defaultTrack = defaultTrack
        var rows: [Row] = []
        for (index, channel) in channels.enumerated() {
            if index > 0, channels[index - 1].track != channel.track { rows.append(.gap) }
            rows.append(.channel(index))
        }
        self.rows = rows
    }

    /// How many cells can be highlighted.
    public var cellCount: Int { channels.count * platforms.count }

    /// The channel and platform of cell `index`, if there is one.
    public func target(at index: Int) -> ChannelTarget? {
        guard !platforms.isEmpty, index >= 0, index < cellCount else { return nil }
        return ChannelTarget(channel: channels[index / platforms.count], platform: platforms[index % platforms.count])
    }

    /// The drawn row of cell `index`.
    public func drawnRow(ofCell index: Int) -> Int {
        guard !platforms.isEmpty else { return 0 }
        let channel = index / platforms.count
        return rows.firstIndex(of: .channel(channel)) ?? 0
    }

    /// Moves cell `index` by `rows` channels and `columns` platforms, staying inside the grid
    /// (a move past the last column stops there rather than wrapping to the next channel).
    public func moving(_ index: Int, rows: Int = 0, columns: Int = 0) -> Int {
        guard cellCount > 0 else { return 0 }
        let width = platforms.count
        let row = min(max(0, index / width + rows), channels.count - 1)
        let column = min(max(0, index % width + columns), width - 1)
        return row * width + column
    }
}

extension PackageState {
    /// The channel map as the console draws it, once the map has loaded.
    public var channelGrid: ChannelMapGrid? {
        channelMap.value.map { ChannelMapGrid($0, defaultTrack: detail.value?.package.defaultTrack) }
    }

    /// The highlighted cell's channel and platform.
    public var highlightedChannel: ChannelTarget? { channelGrid?.target(at: channelSelection) }
}

extension ChannelMapGrid {
    /// Every cell, in the grid's order.
    public var targets: [ChannelTarget] { (0..<cellCount).compactMap(target(at:)) }
}

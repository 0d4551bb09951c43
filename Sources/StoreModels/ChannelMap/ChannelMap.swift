import Foundation

/// Which revision each channel of a package serves, per platform.
///
/// Holds only what was released; ``serving(_:on:)`` applies the stores' following rule: a risk
/// with nothing of its own is served by the next safer risk of its track that has a release.
public struct ChannelMap: Hashable, Sendable, Codable {
    /// Every release entry, kept sorted by channel, platform, then plain before progressive.
    public private(set) var releases: [ChannelRelease]
    /// Tracks open on the package; `latest` is always there.
    public var tracks: [String]
    /// Bumped by every applied plan; clients send the version they saw to detect conflicts.
    public var version: Int
    /// Slots that held a release and were closed (``wasClosed(_:on:)``); kept by ``applying(_:revisions:type:now:)``.
    public var closedSlots: Set<ChannelSlot>

    /// Creates a channel map.
    public init(releases: [ChannelRelease] = [], tracks: [String] = [Channel.latestTrack], version: Int = 0,
                closedSlots: Set<ChannelSlot> = []) {
        self.releases = []
        self.tracks = tracks.contains(Channel.latestTrack) ? tracks : [Channel.latestTrack] + tracks
        self.version = version
        self.closedSlots = closedSlots
        for release in releases { upsert(release) }
    }

    private enum CodingKeys: String, CodingKey { case releases, tracks, version, closedSlots }

    /// Decodes a map; `closedSlots` may be absent (older stores and documents).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(releases: try container.decode([ChannelRelease].self, forKey: .releases),
                  tracks: try container.decode([String].self, forKey: .tracks),
                  version: try container.decode(Int.self, forKey: .version),
                  closedSlots: try container.decodeIfPresent(Set<ChannelSlot>.self, forKey: .closedSlots) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(releases, forKey: .releases)
        try container.encode(tracks, forKey: .tracks)
        try container.encode(version, forKey: .version)
        if !closedSlots.isEmpty { try container.encode(closedSlots.sorted(), forKey: .closedSlots) }
    }

    /// All platforms that appear in the map, sorted.
    public var platforms: [Platform] { Array(Set(releases.map(\.platform))).sorted() }

    /// The entries of one channel on one platform: at most one plain and one progressive.
    public func entries(_ channel: Channel, on platform: Platform) -> (plain: ChannelRelease?, progressive: ChannelRelease?) {
        var plain: ChannelRelease?
        var progressive: ChannelRelease?
        for release in releases where release.channel == channel && release.platform == platform {
            if release.isProgressive { progressive = release } else { plain = release }
        }
        return (plain, progressive)
    }

    /// What `channel` serves on `platform`, following safer risks when it has nothing of its own.
    ///
    /// A branch never follows: it is open while it holds a release and closed otherwise.
    /// - Complexity: O(*n*) in the number of entries.
    public func serving(_ channel: Channel, on platform: Platform) -> Serving {
        let own = entries(channel, on: platform)
        if let plain = own.plain {
            return Serving(source: .own, release: plain, progressive: own.progressive)
        }
        if channel.isBranch {
            return own.progressive.map { Serving(source: .own, release: nil, progressive: $0) } ?? .closed
        }
        var risk = channel.risk.safer
        while let current = risk {
            let safer = Channel(track: channel.track, risk: current)
            let entries = entries(safer, on: platform)
            if let plain = entries.plain {
                return Serving(source: .following(safer), release: plain, progressive: own.progressive ?? entries.progressive)
            }
            risk = current.safer
        }
        if let progressive = own.progressive { return Serving(source: .own, release: nil, progressive: progressive) }
        return .closed
    }

    /// The channels to show: the four risks of every track, then each open branch after its risk.
    public var channels: [Channel] {
        var result: [Channel] = []
        let branches = Set(releases.filter(\.channel.isBranch).map(\.channel))
        for track in orderedTracks {
            for risk in Risk.allCases {
                result.append(Channel(track: track, risk: risk))
                result.append(contentsOf: branches.filter { $0.track == track && $0.risk == risk }.sorted())
            }
        }
        return result
    }

    /// Tracks with `latest` first, then in the order they were opened.
    public var orderedTracks: [String] {
        var seen = Set<String>()
        var result: [String] = []
        for track in [Channel.latestTrack] + tracks + releases.map(\.channel.track) where seen.insert(track).inserted {
            result.append(track)
        }
        return result
    }

    /// Revision numbers any channel serves, to any share of devices.
    public var releasedRevisions: Set<Int> { Set(releases.map(\.revision)) }

    /// A copy without the branch releases that expired before `now`.
    public func removingExpiredBranches(at now: Date) -> ChannelMap {
        var copy = self
        copy.releases.removeAll { release in release.expiresAt.map { $0 <= now } ?? false }
        return copy
    }

    /// Adds or replaces the entry for the same channel, platform and kind (plain or progressive).
    public mutating func upsert(_ release: ChannelRelease) {
        releases.removeAll {
            $0.channel == release.channel && $0.platform == release.platform && $0.isProgressive == release.isProgressive
        }
        let index = releases.firstIndex { ChannelMap.sortsBefore(release, $0) } ?? releases.endIndex
        releases.insert(release, at: index)
    }

    /// Removes entries matching `predicate`.
    public mutating func remove(where predicate: (ChannelRelease) -> Bool) {
        releases.removeAll(where: predicate)
    }

    private static func sortsBefore(_ lhs: ChannelRelease, _ rhs: ChannelRelease) -> Bool {
        if lhs.channel != rhs.channel { return lhs.channel < rhs.channel }
        if lhs.platform != rhs.platform { return lhs.platform < rhs.platform }
        return !lhs.isProgressive && rhs.isProgressive
    }
}

import Foundation

/// One entry of a channel map: a revision released to a channel on a platform.
///
/// As on the Snap Store, a progressive release is a second entry for the same channel and
/// platform whose `progressivePercentage` says which share of devices gets it; the plain entry
/// (percentage `nil`) is what everyone else gets.
public struct ChannelRelease: Hashable, Sendable, Codable {
    public var channel: Channel
    public var platform: Platform
    public var revision: Int
    public var releasedAt: Date
    /// When a branch closes by itself: 30 days after the last release into it.
    public var expiresAt: Date?
    /// Share of devices (1–99) that get this revision; `nil` for a plain release.
    public var progressivePercentage: Int?
    /// Resource revisions released with it (charms).
    public var resources: [ResourceAttachment]

    /// Creates a channel map entry.
    public init(
        channel: Channel, platform: Platform, revision: Int, releasedAt: Date, expiresAt: Date? = nil,
        progressivePercentage: Int? = nil, resources: [ResourceAttachment] = []
    ) {
        self.channel = channel
        self.platform = platform
        self.revision = revision
        self.releasedAt = releasedAt
        self.expiresAt = expiresAt
        self.progressivePercentage = progressivePercentage
        self.resources = resources
    }

    private enum CodingKeys: String, CodingKey {
        case channel, platform, revision, releasedAt, expiresAt, progressivePercentage, resources
    }

    /// Decodes an entry; `resources` may be absent (entries written before resources existed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        channel = try container.decode(Channel.self, forKey: .channel)
        platform = try container.decode(Platform.self, forKey: .platform)
        revision = try container.decode(Int.self, forKey: .revision)
        releasedAt = try container.decode(Date.self, forKey: .releasedAt)
        expiresAt = try container.decodeIfPresent(Date.self, forKey: .expiresAt)
        progressivePercentage = try container.decodeIfPresent(Int.self, forKey: .progressivePercentage)
        resources = try container.decodeIfPresent([ResourceAttachment].self, forKey: .resources) ?? []
    }

    /// Encodes an entry; no `resources` key when there are none, so entries without stay as they were.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channel, forKey: .channel)
        try container.encode(platform, forKey: .platform)
        try container.encode(revision, forKey: .revision)
        try container.encode(releasedAt, forKey: .releasedAt)
        try container.encodeIfPresent(expiresAt, forKey: .expiresAt)
        try container.encodeIfPresent(progressivePercentage, forKey: .progressivePercentage)
        if !resources.isEmpty { try container.encode(resources, forKey: .resources) }
    }

    /// Whether this is the progressive half of a channel.
    public var isProgressive: Bool { progressivePercentage != nil }
}

/// What a channel serves on one platform, with the "following" rule applied.
public struct Serving: Hashable, Sendable, Codable {
    /// Where the served revision comes from.
    public enum Source: Hashable, Sendable, Codable {
        /// The channel has a release of its own.
        case own
        /// Nothing of its own; served from this safer channel (charmcraft's `↑`, "tracking").
        case following(Channel)
        /// Nothing of its own and nothing safer: closed.
        case closed
    }

    public var source: Source
    /// What most devices get; `nil` when closed.
    public var release: ChannelRelease?
    /// A progressive release in the channel (or the channel it follows), if any.
    public var progressive: ChannelRelease?

    /// A closed channel.
    public static let closed = Serving(source: .closed, release: nil, progressive: nil)

    public init(source: Source, release: ChannelRelease?, progressive: ChannelRelease?) {
        self.source = source
        self.release = release
        self.progressive = progressive
    }

    /// The revision most devices get.
    public var revision: Int? { release?.revision }

    /// The word `charmcraft status --format json` uses: `open`, `tracking` or `closed`.
    public var statusWord: String {
        switch source {
        case .own: "open"
        case .following: "tracking"
        case .closed: "closed"
        }
    }

    /// Whether the channel follows a safer one.
    public var isFollowing: Bool { if case .following = source { true } else { false } }
}

extension Serving {
    /// Whether both serve the same: the same source and releases, their times compared to the
    /// microsecond. PostgreSQL keeps times to the microsecond and the release history keeps them as
    /// JSON seconds, so one release read both ways may differ below that (a stale-map refusal must
    /// not list a channel nobody changed).
    public func isSame(as other: Serving) -> Bool {
        source == other.source && Self.same(release, other.release) && Self.same(progressive, other.progressive)
    }

    private static func same(_ lhs: ChannelRelease?, _ rhs: ChannelRelease?) -> Bool {
        guard let lhs, let rhs else { return lhs == nil && rhs == nil }
        guard withinAMicrosecond(lhs.releasedAt, rhs.releasedAt) else { return false }
        switch (lhs.expiresAt, rhs.expiresAt) {
        case (nil, nil): break
        case let (left?, right?): guard withinAMicrosecond(left, right) else { return false }
        default: return false
        }
        var left = lhs
        left.releasedAt = rhs.releasedAt
        left.expiresAt = rhs.expiresAt
        return left == rhs
    }

    /// Rounding both to the microsecond is not enough: two reads either side of a half microsecond
    /// would round apart.
    private static func withinAMicrosecond(_ lhs: Date, _ rhs: Date) -> Bool {
        abs(lhs.timeIntervalSince1970 - rhs.timeIntervalSince1970) < 0.000_001
    }
}

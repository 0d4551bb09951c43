/// One entry of a publisher document's channel list (`package.channels`, `snap.channels`).
///
/// `{"name": "latest/beta", "track": "latest", "risk": "beta", "branch": null, "fallback": "latest/candidate"}`.
/// charmcraft and snapcraft index all five keys, so `branch` and `fallback` are written as `null`, never omitted.
public struct WireChannelInfo: Hashable, Sendable, Codable {
    /// Full name, `latest/` included.
    public var name: String
    public var track: String
    public var risk: String
    public var branch: String?
    /// The channel served when this one has nothing: the next safer risk, or a branch's own track/risk.
    public var fallback: String?

    /// Creates an entry from its parts.
    public init(name: String, track: String, risk: String, branch: String?, fallback: String?) {
        self.name = name
        self.track = track
        self.risk = risk
        self.branch = branch
        self.fallback = fallback
    }

    /// The entry for `channel`, its fallback computed by the stores' rule.
    public init(_ channel: Channel) {
        self.init(
            name: channel.fullName, track: channel.track, risk: channel.risk.description, branch: channel.branch,
            fallback: channel.fallback?.fullName)
    }

    /// The channel list of a package: the four risks of every track, each open branch right after its risk.
    ///
    /// Tracks come in ``ChannelMap/orderedTracks`` order (`latest` first) followed by any of `tracks` the map
    /// does not know. Branches are those holding a release in `map`; drop expired ones first with
    /// ``ChannelMap/removingExpiredBranches(at:)``.
    /// - Complexity: O(*t* · *n*) for *t* tracks and *n* map entries.
    public static func channels(of map: ChannelMap, tracks: [String] = []) -> [WireChannelInfo] {
        var widened = map
        widened.tracks += tracks.filter { !map.tracks.contains($0) }
        return widened.channels.map(WireChannelInfo.init)
    }

    private enum CodingKeys: String, CodingKey {
        case name, track, risk, branch, fallback
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(track, forKey: .track)
        try container.encode(risk, forKey: .risk)
        try container.encode(branch, forKey: .branch)
        try container.encode(fallback, forKey: .fallback)
    }
}

/// A channel-map entry's progressive state: `{"paused": null, "percentage": null}`.
///
/// `paused` and `percentage` are always written (snapcraft requires both keys). The Snap Store adds
/// `current-percentage` (also on plain entries, as `100.0`, `0.0` or `null`); Charmhub omits it.
public struct WireProgressive: Hashable, Sendable, Codable {
    public var paused: Bool?
    /// Share of devices targeted (e.g. `20.0`); `null` for a plain release.
    public var percentage: Double?
    /// Share of devices that actually have it (Snap Store only).
    public var currentPercentage: WireField<Double>

    /// Creates a progressive block.
    public init(paused: Bool? = nil, percentage: Double? = nil, currentPercentage: WireField<Double> = .absent) {
        self.paused = paused
        self.percentage = percentage
        self.currentPercentage = currentPercentage
    }

    /// A plain release's block: both keys `null`.
    public static let plain = WireProgressive()

    /// The block for a domain entry: `{"paused": false, "percentage": 20.0}` when progressive, else both `null`.
    public init(_ release: ChannelRelease, currentPercentage: WireField<Double> = .absent) {
        if let percentage = release.progressivePercentage {
            self.init(paused: false, percentage: Double(percentage), currentPercentage: currentPercentage)
        } else {
            self.init(currentPercentage: currentPercentage)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case paused, percentage
        case currentPercentage = "current-percentage"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(paused, forKey: .paused)
        try container.encode(percentage, forKey: .percentage)
        try container.encode(currentPercentage, forKey: .currentPercentage)
    }
}

/// The `channel` object of a v2 info `channel-map` entry.
///
/// `name` drops `latest/` (`stable`, `1.11/stable`) while `track` is always explicit.
public struct SnapInfoChannel: Hashable, Sendable, Codable {
    public var architecture: String
    public var name: String
    public var releasedAt: WireDate
    public var risk: String
    public var track: String

    /// Creates a channel object.
    public init(architecture: String, name: String, releasedAt: WireDate, risk: String, track: String) {
        self.architecture = architecture
        self.name = name
        self.releasedAt = releasedAt
        self.risk = risk
        self.track = track
    }

    private enum CodingKeys: String, CodingKey {
        case architecture, name, risk, track
        case releasedAt = "released-at"
    }
}

/// One v2 info `channel-map` entry: a `channel` object beside the revision-level fields, in one JSON object.
public struct SnapInfoChannelMapEntry: Hashable, Sendable, Codable {
    public var channel: SnapInfoChannel
    /// The revision-level fields, written at the entry's own level.
    public var revision: SnapRevisionFields

    /// Creates an entry.
    public init(channel: SnapInfoChannel, revision: SnapRevisionFields = SnapRevisionFields()) {
        self.channel = channel
        self.revision = revision
    }

    private enum CodingKeys: String, CodingKey {
        case channel
    }

    public init(from decoder: any Decoder) throws {
        channel = try decoder.container(keyedBy: CodingKeys.self).decode(SnapInfoChannel.self, forKey: .channel)
        revision = try SnapRevisionFields(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try revision.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channel, forKey: .channel)
    }
}

/// `GET /v2/snaps/info/{name}`.
///
/// `default-track` is always written (`null` when the snap has none). An empty `channel-map` means
/// "not found" to snapd.
public struct SnapInfoResponse: Hashable, Sendable, Codable {
    public var channelMap: [SnapInfoChannelMapEntry]
    public var defaultTrack: String?
    public var name: String
    public var snapID: String
    public var snap: SnapDetails

    /// Creates the document.
    public init(
        channelMap: [SnapInfoChannelMapEntry], defaultTrack: String? = nil, name: String, snapID: String,
        snap: SnapDetails
    ) {
        self.channelMap = channelMap
        self.defaultTrack = defaultTrack
        self.name = name
        self.snapID = snapID
        self.snap = snap
    }

    private enum CodingKeys: String, CodingKey {
        case name, snap
        case channelMap = "channel-map"
        case defaultTrack = "default-track"
        case snapID = "snap-id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channelMap, forKey: .channelMap)
        try container.encode(defaultTrack, forKey: .defaultTrack)
        try container.encode(name, forKey: .name)
        try container.encode(snapID, forKey: .snapID)
        try container.encode(snap, forKey: .snap)
    }
}

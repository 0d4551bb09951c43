/// The progressive part of a snap-release request: `{"percentage": 20, "paused": false}`.
public struct SnapReleaseProgressive: Hashable, Sendable, Codable {
    public var percentage: Double
    public var paused: Bool?

    /// Creates the block.
    public init(percentage: Double, paused: Bool? = false) {
        self.percentage = percentage
        self.paused = paused
    }
}

/// `POST /dev/api/snap-release/` body: `{"name", "revision", "channels", "progressive"?}`.
///
/// snapcraft sends the revision as a string (`"22"`), the webteam client as a number (`22`); decoding takes
/// either and ``revisionIsText`` remembers which, so the request re-encodes as it came.
public struct SnapReleaseRequest: Hashable, Sendable, Codable {
    public var name: String
    public var revision: Int
    /// Whether `revision` is written as a JSON string.
    public var revisionIsText: Bool
    /// Channels as typed (`edge`, `2.0/beta`, `latest/edge/fix`).
    public var channels: [String]
    public var progressive: SnapReleaseProgressive?

    /// Creates the request.
    public init(
        name: String, revision: Int, channels: [String], progressive: SnapReleaseProgressive? = nil,
        revisionIsText: Bool = false
    ) {
        self.name = name
        self.revision = revision
        self.channels = channels
        self.progressive = progressive
        self.revisionIsText = revisionIsText
    }

    private enum CodingKeys: String, CodingKey {
        case name, revision, channels, progressive
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        channels = try container.decode([String].self, forKey: .channels)
        progressive = try container.decodeIfPresent(SnapReleaseProgressive.self, forKey: .progressive)
        if let number = try? container.decode(Int.self, forKey: .revision) {
            revision = number
            revisionIsText = false
        } else {
            let text = try container.decode(String.self, forKey: .revision)
            guard let number = Int(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .revision, in: container, debugDescription: "revision '\(text)' is not a number")
            }
            revision = number
            revisionIsText = true
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        if revisionIsText {
            try container.encode(String(revision), forKey: .revision)
        } else {
            try container.encode(revision, forKey: .revision)
        }
        try container.encode(channels, forKey: .channels)
        try container.encodeIfPresent(progressive, forKey: .progressive)
    }
}

/// `POST /dev/api/snap-release/` reply: the new tree, the released architecture's list, the opened channels.
public struct SnapReleaseResponse: Hashable, Sendable, Codable {
    public var success: Bool
    public var channelMapTree: SnapChannelMapTree
    /// The channel states of the released architecture.
    public var channelMap: [SnapChannelStatus]?
    public var openedChannels: [String]?

    /// Creates the reply.
    public init(
        success: Bool = true, channelMapTree: SnapChannelMapTree, channelMap: [SnapChannelStatus]? = nil,
        openedChannels: [String]? = nil
    ) {
        self.success = success
        self.channelMapTree = channelMapTree
        self.channelMap = channelMap
        self.openedChannels = openedChannels
    }

    private enum CodingKeys: String, CodingKey {
        case success
        case channelMapTree = "channel_map_tree"
        case channelMap = "channel_map"
        case openedChannels = "opened_channels"
    }
}

/// `POST /dev/api/snaps/{snap_id}/close` body: `{"channels": ["edge"]}`.
public struct SnapCloseChannelRequest: Hashable, Sendable, Codable {
    public var channels: [String]

    /// Creates the request.
    public init(channels: [String]) { self.channels = channels }
}

/// `POST /dev/api/snaps/{snap_id}/close` reply: the new tree, per-architecture lists, the closed channels.
public struct SnapCloseChannelResponse: Hashable, Sendable, Codable {
    public var channelMapTree: SnapChannelMapTree
    /// Channel states per architecture.
    public var channelMaps: [String: [SnapChannelStatus]]?
    public var closedChannels: [String]

    /// Creates the reply.
    public init(channelMapTree: SnapChannelMapTree, channelMaps: [String: [SnapChannelStatus]]? = nil, closedChannels: [String]) {
        self.channelMapTree = channelMapTree
        self.channelMaps = channelMaps
        self.closedChannels = closedChannels
    }

    private enum CodingKeys: String, CodingKey {
        case channelMapTree = "channel_map_tree"
        case channelMaps = "channel_maps"
        case closedChannels = "closed_channels"
    }
}

/// A resource attached to a release: `{"name", "type"?, "revision"?, "optional"?}`.
///
/// Release requests send `{"name", "revision"}`; the releases document lists `{"name", "type", "revision"}`.
/// Keys left `nil` are omitted.
public struct CharmResourceRef: Hashable, Sendable, Codable {
    public var name: String
    /// `file` or `oci-image`.
    public var type: String?
    public var revision: Int?
    public var optional: Bool?

    /// Creates a resource reference.
    public init(name: String, type: String? = nil, revision: Int? = nil, optional: Bool? = nil) {
        self.name = name
        self.type = type
        self.revision = revision
        self.optional = optional
    }
}

/// One `channel-map` entry of `GET /v1/charm/{name}/releases`.
///
/// `base` and `expiration-date` are always written, `null` when empty; a branch entry must carry an
/// expiration date (charmcraft formats it unconditionally).
public struct CharmChannelMapEntry: Hashable, Sendable, Codable {
    /// `{"architecture", "channel", "name"}` or `null`.
    public var base: CharmBase?
    /// Full channel name (`latest/edge`, `2.0/stable/hotfix`).
    public var channel: String
    public var expirationDate: WireDate?
    public var progressive: WireProgressive
    public var resources: [CharmResourceRef]
    public var revision: Int
    /// When the release happened.
    public var when: WireDate

    /// Creates an entry.
    public init(
        base: CharmBase?, channel: String, expirationDate: WireDate? = nil, progressive: WireProgressive = .plain,
        resources: [CharmResourceRef] = [], revision: Int, when: WireDate
    ) {
        self.base = base
        self.channel = channel
        self.expirationDate = expirationDate
        self.progressive = progressive
        self.resources = resources
        self.revision = revision
        self.when = when
    }

    private enum CodingKeys: String, CodingKey {
        case base, channel, progressive, resources, revision, when
        case expirationDate = "expiration-date"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(base, forKey: .base)
        try container.encode(channel, forKey: .channel)
        try container.encode(expirationDate, forKey: .expirationDate)
        try container.encode(progressive, forKey: .progressive)
        try container.encode(resources, forKey: .resources)
        try container.encode(revision, forKey: .revision)
        try container.encode(when, forKey: .when)
    }
}

/// The `package` object of a releases document: `{"channels": [...]}`.
public struct WirePackageChannels: Hashable, Sendable, Codable {
    public var channels: [WireChannelInfo]

    /// Creates the object.
    public init(channels: [WireChannelInfo]) { self.channels = channels }
}

/// `GET /v1/charm/{name}/releases`: the channel map, the package's channels and the released revisions.
///
/// charmcraft `status` shows only tracks listed in `package.channels` and looks up every channel-map
/// revision in `revisions`. Build one from the domain with ``init(map:revisions:tracks:)``.
public struct CharmReleasesResponse: Hashable, Sendable, Codable {
    public var channelMap: [CharmChannelMapEntry]
    public var package: WirePackageChannels
    public var revisions: [CharmRevision]

    /// Creates the document from its parts.
    public init(channelMap: [CharmChannelMapEntry], package: WirePackageChannels, revisions: [CharmRevision]) {
        self.channelMap = channelMap
        self.package = package
        self.revisions = revisions
    }

    private enum CodingKeys: String, CodingKey {
        case package, revisions
        case channelMap = "channel-map"
    }
}

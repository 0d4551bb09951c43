/// One `channel-map` entry of the snap publisher APIs (v2 channel-map, on-prem `/v1/snap/{name}/releases`).
///
/// `expiration-date` and `progressive{paused, percentage}` are always written (snapcraft requires the keys).
/// `when` and the on-prem gateway's `resources` are omitted when `nil`. A progressive release is a second
/// entry for the same channel and architecture with a non-null `progressive.percentage`.
public struct SnapChannelMapEntry: Hashable, Sendable, Codable {
    /// `amd64`, `arm64`… or `all`.
    public var architecture: String
    /// Full channel name.
    public var channel: String
    public var expirationDate: WireDate?
    public var progressive: WireProgressive
    public var revision: Int
    public var when: WireDate?
    /// On-prem gateway only: resources attached to the release.
    public var resources: [CharmResourceRef]?
    /// On-prem gateway only: the Charmhub base key, `null` for a snap (craft-store requires the key).
    public var base: WireField<CharmBase> = .absent

    /// Creates an entry.
    public init(
        architecture: String, channel: String, expirationDate: WireDate? = nil, progressive: WireProgressive = .plain,
        revision: Int, when: WireDate? = nil, resources: [CharmResourceRef]? = nil
    ) {
        self.architecture = architecture
        self.channel = channel
        self.expirationDate = expirationDate
        self.progressive = progressive
        self.revision = revision
        self.when = when
        self.resources = resources
    }

    private enum CodingKeys: String, CodingKey {
        case architecture, channel, progressive, revision, when, resources, base
        case expirationDate = "expiration-date"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(architecture, forKey: .architecture)
        try container.encode(channel, forKey: .channel)
        try container.encode(expirationDate, forKey: .expirationDate)
        try container.encode(progressive, forKey: .progressive)
        try container.encode(revision, forKey: .revision)
        try container.encodeIfPresent(when, forKey: .when)
        try container.encodeIfPresent(resources, forKey: .resources)
        if base.isPresent { try container.encode(base, forKey: .base) }
    }
}

/// A snap track: `{"name", "creation-date", "version-pattern", "status"}`.
///
/// `creation-date` and `version-pattern` are always written (snapcraft requires them); `status`
/// (`default`, `active`, `hidden`, `closed`) is omitted when `nil`.
public struct SnapTrack: Hashable, Sendable, Codable {
    public var name: String
    public var creationDate: WireDate?
    public var versionPattern: String?
    public var status: String?

    /// Creates a track entry.
    public init(name: String, creationDate: WireDate? = nil, versionPattern: String? = nil, status: String? = nil) {
        self.name = name
        self.creationDate = creationDate
        self.versionPattern = versionPattern
        self.status = status
    }

    private enum CodingKeys: String, CodingKey {
        case name, status
        case creationDate = "creation-date"
        case versionPattern = "version-pattern"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(creationDate, forKey: .creationDate)
        try container.encode(versionPattern, forKey: .versionPattern)
        try container.encodeIfPresent(status, forKey: .status)
    }
}

/// The `snap` object of the publisher channel-map and releases documents.
///
/// `default-track` is always written (`null` when unset); other optional keys are omitted when `nil`.
public struct SnapPublisherSnap: Hashable, Sendable, Codable {
    public var id: String?
    public var name: String
    public var isPrivate: Bool?
    public var defaultTrack: String?
    public var publisher: WirePublisher?
    public var title: String?
    public var tracks: [SnapTrack]?
    public var channels: [WireChannelInfo]

    /// Creates the object.
    public init(
        name: String, id: String? = nil, isPrivate: Bool? = nil, defaultTrack: String? = nil,
        publisher: WirePublisher? = nil, title: String? = nil, tracks: [SnapTrack]? = nil,
        channels: [WireChannelInfo] = []
    ) {
        self.name = name
        self.id = id
        self.isPrivate = isPrivate
        self.defaultTrack = defaultTrack
        self.publisher = publisher
        self.title = title
        self.tracks = tracks
        self.channels = channels
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, publisher, title, tracks, channels
        case isPrivate = "private"
        case defaultTrack = "default-track"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(isPrivate, forKey: .isPrivate)
        try container.encode(defaultTrack, forKey: .defaultTrack)
        try container.encodeIfPresent(publisher, forKey: .publisher)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(tracks, forKey: .tracks)
        try container.encode(channels, forKey: .channels)
    }
}

/// `GET /api/v2/snaps/{name}/channel-map` (what `snapcraft status` reads).
public struct SnapChannelMapResponse: Hashable, Sendable, Codable {
    public var channelMap: [SnapChannelMapEntry]
    public var revisions: [SnapPublisherRevision]
    public var snap: SnapPublisherSnap

    /// Creates the document.
    public init(channelMap: [SnapChannelMapEntry], revisions: [SnapPublisherRevision], snap: SnapPublisherSnap) {
        self.channelMap = channelMap
        self.revisions = revisions
        self.snap = snap
    }

    private enum CodingKeys: String, CodingKey {
        case revisions, snap
        case channelMap = "channel-map"
    }
}

/// The on-prem publisher gateway's `GET /v1/snap/{name}/releases`: Charmhub's shape with snap entries.
public struct SnapReleasesV1Response: Hashable, Sendable, Codable {
    public var channelMap: [SnapChannelMapEntry]
    public var package: WirePackageChannels
    public var revisions: [SnapPublisherRevision]

    /// Creates the document.
    public init(channelMap: [SnapChannelMapEntry], package: WirePackageChannels, revisions: [SnapPublisherRevision]) {
        self.channelMap = channelMap
        self.package = package
        self.revisions = revisions
    }

    private enum CodingKeys: String, CodingKey {
        case package, revisions
        case channelMap = "channel-map"
    }
}

extension SnapReleasesV1Response {
    /// Builds `GET /v1/snap/{name}/releases` from the domain: one entry per map entry, the channels of
    /// the map and `tracks`, and the released revisions, newest first.
    /// - Throws: `WireBuildError.missingRevision` when the map releases a revision not in `revisions`.
    public init(map: ChannelMap, revisions: [Revision], tracks: [String] = []) throws(WireBuildError) {
        let released = map.releasedRevisions
        if let missing = released.subtracting(revisions.map(\.number)).min() { throw .missingRevision(missing) }
        self.init(
            channelMap: map.releases.map { release in
                var entry = SnapChannelMapEntry(release)
                entry.base = .null
                entry.resources = []
                return entry
            },
            package: WirePackageChannels(channels: WireChannelInfo.channels(of: map, tracks: tracks)),
            revisions: revisions.filter { released.contains($0.number) }.sorted { $0.number > $1.number }
                .map { SnapPublisherRevision($0, status: "released") })
    }
}

/// `GET /v1/snap/{name}/revisions`: `{"revisions": [...]}`, newest first.
public struct SnapRevisionsV1Response: Hashable, Sendable, Codable {
    public var revisions: [SnapPublisherRevision]

    /// Creates the document.
    public init(revisions: [SnapPublisherRevision]) { self.revisions = revisions }
}


/// Package-level fields of Charmhub's public v2 API (`result`), selected with dotted `fields=` paths.
///
/// Every key is optional; absent keys stay absent.
public struct CharmResult: Hashable, Sendable, Codable {
    public var categories: [WireCategory]?
    public var description: String?
    public var license: String?
    public var links: [String: [String]]?
    public var media: [WireMedia]?
    public var publisher: WirePublisher?
    public var storeURL: String?
    public var summary: String?
    public var title: String?
    /// How many deployments use the charm.
    public var usedBy: Int?
    public var website: String?

    /// Creates package-level fields; everything defaults to absent.
    public init(
        categories: [WireCategory]? = nil, description: String? = nil, license: String? = nil,
        links: [String: [String]]? = nil, media: [WireMedia]? = nil, publisher: WirePublisher? = nil,
        storeURL: String? = nil, summary: String? = nil, title: String? = nil, usedBy: Int? = nil,
        website: String? = nil
    ) {
        self.categories = categories
        self.description = description
        self.license = license
        self.links = links
        self.media = media
        self.publisher = publisher
        self.storeURL = storeURL
        self.summary = summary
        self.title = title
        self.usedBy = usedBy
        self.website = website
    }

    private enum CodingKeys: String, CodingKey {
        case categories, description, license, links, media, publisher, summary, title, website
        case storeURL = "store-url"
        case usedBy = "used-by"
    }
}

/// The `channel` object of a Charmhub v2 release: name, track, risk, release time and base.
public struct CharmInfoChannel: Hashable, Sendable, Codable {
    /// Clients should rely on `track` and `risk`; whether `name` keeps `latest/` varies.
    public var name: String
    public var track: String
    public var risk: String
    public var releasedAt: WireDate?
    public var base: CharmBase?

    /// Creates a channel object.
    public init(name: String, track: String, risk: String, releasedAt: WireDate? = nil, base: CharmBase? = nil) {
        self.name = name
        self.track = track
        self.risk = risk
        self.releasedAt = releasedAt
        self.base = base
    }

    private enum CodingKeys: String, CodingKey {
        case name, track, risk, base
        case releasedAt = "released-at"
    }
}

/// A charm download: `{"size", "url", "hash-sha-256"}`.
public struct CharmDownload: Hashable, Sendable, Codable {
    public var size: Int64?
    public var url: String?
    public var hashSHA256: String?

    /// Creates a download block.
    public init(size: Int64? = nil, url: String? = nil, hashSHA256: String? = nil) {
        self.size = size
        self.url = url
        self.hashSHA256 = hashSHA256
    }

    private enum CodingKeys: String, CodingKey {
        case size, url
        case hashSHA256 = "hash-sha-256"
    }
}

/// The `revision` object of a Charmhub v2 release.
public struct CharmInfoRevision: Hashable, Sendable, Codable {
    public var revision: Int?
    public var version: String?
    public var createdAt: WireDate?
    public var bases: [CharmBase]?
    public var download: CharmDownload?
    public var configYAML: String?
    public var metadataYAML: String?

    /// Creates a revision object; everything defaults to absent.
    public init(
        revision: Int? = nil, version: String? = nil, createdAt: WireDate? = nil, bases: [CharmBase]? = nil,
        download: CharmDownload? = nil, configYAML: String? = nil, metadataYAML: String? = nil
    ) {
        self.revision = revision
        self.version = version
        self.createdAt = createdAt
        self.bases = bases
        self.download = download
        self.configYAML = configYAML
        self.metadataYAML = metadataYAML
    }

    private enum CodingKeys: String, CodingKey {
        case revision, version, bases, download
        case createdAt = "created-at"
        case configYAML = "config-yaml"
        case metadataYAML = "metadata-yaml"
    }
}

/// A Charmhub v2 release: `{"channel": {…}, "revision": {…}}` (info `channel-map` entries, `default-release`).
public struct CharmInfoRelease: Hashable, Sendable, Codable {
    public var channel: CharmInfoChannel?
    public var revision: CharmInfoRevision?
    /// Resources released with it (shape left open).
    public var resources: [WireJSON]?

    /// Creates a release.
    public init(channel: CharmInfoChannel? = nil, revision: CharmInfoRevision? = nil, resources: [WireJSON]? = nil) {
        self.channel = channel
        self.revision = revision
        self.resources = resources
    }
}

/// `GET /v2/charms/info/{name}`; without `fields=` only `id`, `name` and `type` come back.
public struct CharmInfoResponse: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    /// `charm` or `bundle`.
    public var type: String
    public var result: CharmResult?
    public var channelMap: [CharmInfoRelease]?
    /// The most stable release on the default track.
    public var defaultRelease: CharmInfoRelease?

    /// Creates the document.
    public init(
        id: String, name: String, type: String = "charm", result: CharmResult? = nil,
        channelMap: [CharmInfoRelease]? = nil, defaultRelease: CharmInfoRelease? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.result = result
        self.channelMap = channelMap
        self.defaultRelease = defaultRelease
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, type, result
        case channelMap = "channel-map"
        case defaultRelease = "default-release"
    }
}

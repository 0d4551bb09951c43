/// A Charmhub base as `POST /v2/charms/refresh` names it: `{"architecture", "name", "channel"}`
/// (`NA` for what Juju does not know).
public struct CharmRefreshBase: Hashable, Sendable, Codable {
    public var architecture: String
    public var name: String
    public var channel: String

    /// Creates a base.
    public init(architecture: String, name: String, channel: String) {
        self.architecture = architecture
        self.name = name
        self.channel = channel
    }

    /// The store's base (`ubuntu@22.04`), or `nil` when Juju does not say.
    public var storeBase: String? {
        guard !name.isEmpty, !channel.isEmpty, name != "NA", channel != "NA", name != "all", channel != "all" else { return nil }
        return "\(name)@\(channel)"
    }
}

/// `POST /v2/charms/refresh` as Juju sends it.
public struct CharmRefreshRequest: Hashable, Sendable, Codable {
    public var context: [CharmRefreshContext]
    public var actions: [CharmRefreshAction]
    public var fields: [String]?

    /// Creates a request.
    public init(context: [CharmRefreshContext] = [], actions: [CharmRefreshAction], fields: [String]? = nil) {
        self.context = context
        self.actions = actions
        self.fields = fields
    }

    private enum CodingKeys: String, CodingKey { case context, actions, fields }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        context = try container.decodeIfPresent([CharmRefreshContext].self, forKey: .context) ?? []
        actions = try container.decode([CharmRefreshAction].self, forKey: .actions)
        fields = try container.decodeIfPresent([String].self, forKey: .fields)
    }
}

/// One deployed charm: `{"instance-key", "id", "revision", "base", "tracking-channel"}`.
public struct CharmRefreshContext: Hashable, Sendable, Codable {
    public var instanceKey: String
    public var id: String
    public var revision: Int
    public var base: CharmRefreshBase?
    public var trackingChannel: String?

    /// Creates a context entry.
    public init(instanceKey: String, id: String, revision: Int, base: CharmRefreshBase? = nil, trackingChannel: String? = nil) {
        self.instanceKey = instanceKey
        self.id = id
        self.revision = revision
        self.base = base
        self.trackingChannel = trackingChannel
    }

    private enum CodingKeys: String, CodingKey {
        case id, revision, base
        case instanceKey = "instance-key"
        case trackingChannel = "tracking-channel"
    }
}

/// One action: install or download by `name` or `id` (with `channel` and `base`, or `revision`), refresh by `id`.
public struct CharmRefreshAction: Hashable, Sendable, Codable {
    public var action: String
    public var instanceKey: String
    public var id: String?
    public var name: String?
    public var channel: String?
    public var revision: Int?
    public var base: CharmRefreshBase?

    /// Creates an action.
    public init(
        action: String, instanceKey: String, id: String? = nil, name: String? = nil, channel: String? = nil, revision: Int? = nil,
        base: CharmRefreshBase? = nil
    ) {
        self.action = action
        self.instanceKey = instanceKey
        self.id = id
        self.name = name
        self.channel = channel
        self.revision = revision
        self.base = base
    }

    private enum CodingKeys: String, CodingKey {
        case action, id, name, channel, revision, base
        case instanceKey = "instance-key"
    }
}

/// `POST /v2/charms/refresh` reply: one result per action (Juju insists), and request-wide errors.
public struct CharmRefreshResponse: Hashable, Sendable, Codable {
    public var results: [CharmRefreshResult]
    public var errorList: [WireError]

    /// Creates the reply.
    public init(results: [CharmRefreshResult], errorList: [WireError] = []) {
        self.results = results
        self.errorList = errorList
    }

    private enum CodingKeys: String, CodingKey {
        case results
        case errorList = "error-list"
    }
}

/// One result: `{"result", "instance-key", "id", "name", "effective-channel", "charm": {…}}` or `"error"`.
public struct CharmRefreshResult: Hashable, Sendable, Codable {
    public var result: String
    public var instanceKey: String
    public var id: String?
    public var name: String?
    public var effectiveChannel: String?
    public var releasedAt: WireDate?
    public var charm: CharmRefreshCharm?
    public var error: WireError?

    /// Creates a result.
    public init(
        result: String, instanceKey: String, id: String? = nil, name: String? = nil, effectiveChannel: String? = nil,
        releasedAt: WireDate? = nil, charm: CharmRefreshCharm? = nil, error: WireError? = nil
    ) {
        self.result = result
        self.instanceKey = instanceKey
        self.id = id
        self.name = name
        self.effectiveChannel = effectiveChannel
        self.releasedAt = releasedAt
        self.charm = charm
        self.error = error
    }

    private enum CodingKeys: String, CodingKey {
        case result, id, name, charm, error
        case instanceKey = "instance-key"
        case effectiveChannel = "effective-channel"
        case releasedAt = "released-at"
    }
}

/// A result's `charm`: what Juju reads to download and deploy it.
public struct CharmRefreshCharm: Hashable, Sendable, Codable {
    public var type: String
    public var id: String
    public var name: String
    public var revision: Int
    public var version: String
    public var createdAt: WireDate
    public var bases: [CharmRefreshBase]
    public var download: Download
    public var metadataYAML: String
    public var configYAML: String
    public var resources: [Resource]

    /// `{"hash-sha-256", "size", "url"}` (Charmhub's spelling for charms).
    public struct Download: Hashable, Sendable, Codable {
        public var sha256: String
        public var size: Int64
        public var url: String

        public init(sha256: String, size: Int64, url: String) {
            self.sha256 = sha256
            self.size = size
            self.url = url
        }

        private enum CodingKeys: String, CodingKey {
            case size, url
            case sha256 = "hash-sha-256"
        }
    }

    /// A resource released with the charm revision, with its own download (resource spelling of the hashes).
    public struct Resource: Hashable, Sendable, Codable {
        public var name: String
        public var type: String
        public var revision: Int
        public var filename: String
        public var description: String
        public var download: ResourceDownload

        public init(name: String, type: String, revision: Int, filename: String, description: String, download: ResourceDownload) {
            self.name = name
            self.type = type
            self.revision = revision
            self.filename = filename
            self.description = description
            self.download = download
        }
    }

    /// `{"hash-sha256", "hash-sha3-384", "hash-sha384", "hash-sha512", "size", "url"}`.
    public struct ResourceDownload: Hashable, Sendable, Codable {
        public var sha256: String
        public var sha3_384: String
        public var sha384: String
        public var sha512: String
        public var size: Int64
        public var url: String

        public init(sha256: String, sha3_384: String, sha384: String, sha512: String, size: Int64, url: String) {
            self.sha256 = sha256
            self.sha3_384 = sha3_384
            self.sha384 = sha384
            self.sha512 = sha512
            self.size = size
            self.url = url
        }

        private enum CodingKeys: String, CodingKey {
            case size, url
            case sha256 = "hash-sha256"
            case sha3_384 = "hash-sha3-384"
            case sha384 = "hash-sha384"
            case sha512 = "hash-sha512"
        }
    }

    /// Creates the object.
    public init(
        type: String = "charm", id: String, name: String, revision: Int, version: String, createdAt: WireDate,
        bases: [CharmRefreshBase], download: Download, metadataYAML: String, configYAML: String, resources: [Resource]
    ) {
        self.type = type
        self.id = id
        self.name = name
        self.revision = revision
        self.version = version
        self.createdAt = createdAt
        self.bases = bases
        self.download = download
        self.metadataYAML = metadataYAML
        self.configYAML = configYAML
        self.resources = resources
    }

    private enum CodingKeys: String, CodingKey {
        case type, id, name, revision, version, bases, download, resources
        case createdAt = "created-at"
        case metadataYAML = "metadata-yaml"
        case configYAML = "config-yaml"
    }
}

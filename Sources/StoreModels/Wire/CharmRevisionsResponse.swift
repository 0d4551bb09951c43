/// A charm base: `{"architecture": "amd64", "channel": "22.04", "name": "ubuntu"}`.
///
/// Exactly these three keys: charmcraft builds `Base(**base)`, so any extra key makes it fail.
public struct CharmBase: Hashable, Sendable, Codable {
    public var architecture: String
    public var channel: String
    public var name: String

    /// Creates a base.
    public init(architecture: String, channel: String, name: String) {
        self.architecture = architecture
        self.channel = channel
        self.name = name
    }

    /// The base of a domain platform whose base is written `name@channel`; `nil` otherwise.
    public init?(_ platform: Platform) {
        guard let parts = platform.baseParts else { return nil }
        self.init(architecture: platform.architecture.rawValue, channel: parts.channel, name: parts.name)
    }

    /// The domain platform, base written `name@channel`.
    public var platform: Platform {
        Platform(architecture: Architecture(rawValue: architecture), base: "\(name)@\(channel)")
    }
}

/// A charm revision as `GET /v1/charm/{name}/revisions` and `/releases` list it.
///
/// `errors`, `bases` and `version` are always written (`null` allowed): charmcraft indexes them.
/// `size` and `sha3-384` appear in the releases document (promote checks them) and are omitted when `nil`.
public struct CharmRevision: Hashable, Sendable, Codable {
    public var revision: Int
    public var version: String?
    public var createdAt: WireDate
    /// `released`, `approved`, `rejected`…
    public var status: String
    /// `null`, or what the review found (`[{"code": "review-error", "message": …}]`).
    public var errors: [WireError]?
    /// One entry per platform the revision runs on; an entry may be `null`.
    public var bases: [CharmBase?]
    /// SHA3-384 of the file, 96 hex digits.
    public var sha3_384: String?
    public var size: Int64?

    /// Creates a revision entry.
    public init(
        revision: Int, version: String?, createdAt: WireDate, status: String, errors: [WireError]? = nil,
        bases: [CharmBase?], sha3_384: String? = nil, size: Int64? = nil
    ) {
        self.revision = revision
        self.version = version
        self.createdAt = createdAt
        self.status = status
        self.errors = errors
        self.bases = bases
        self.sha3_384 = sha3_384
        self.size = size
    }

    private enum CodingKeys: String, CodingKey {
        case revision, version, status, errors, bases, size
        case createdAt = "created-at"
        case sha3_384 = "sha3-384"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(revision, forKey: .revision)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(status, forKey: .status)
        try container.encode(errors, forKey: .errors)
        try container.encode(bases, forKey: .bases)
        try container.encodeIfPresent(sha3_384, forKey: .sha3_384)
        try container.encodeIfPresent(size, forKey: .size)
    }
}

/// `GET /v1/charm/{name}/revisions`: `{"revisions": [...]}`.
public struct CharmRevisionsResponse: Hashable, Sendable, Codable {
    public var revisions: [CharmRevision]

    /// Creates the document.
    public init(revisions: [CharmRevision]) { self.revisions = revisions }
}

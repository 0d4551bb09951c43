/// One record of the snap release history: a release, or a close when `revision` is `null`.
///
/// `branch`, `expiration-date` and `revision` are always written; `progressive` is omitted when `nil`.
public struct SnapReleaseHistoryEntry: Hashable, Sendable, Codable {
    public var architecture: String
    public var branch: String?
    /// Full channel name.
    public var channel: String
    public var expirationDate: WireDate?
    public var progressive: WireProgressive?
    /// `nil` for a close.
    public var revision: Int?
    public var risk: String
    public var track: String
    public var when: WireDate

    /// Creates a history record.
    public init(
        architecture: String, branch: String? = nil, channel: String, expirationDate: WireDate? = nil,
        progressive: WireProgressive? = nil, revision: Int?, risk: String, track: String, when: WireDate
    ) {
        self.architecture = architecture
        self.branch = branch
        self.channel = channel
        self.expirationDate = expirationDate
        self.progressive = progressive
        self.revision = revision
        self.risk = risk
        self.track = track
        self.when = when
    }

    private enum CodingKeys: String, CodingKey {
        case architecture, branch, channel, progressive, revision, risk, track, when
        case expirationDate = "expiration-date"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(architecture, forKey: .architecture)
        try container.encode(branch, forKey: .branch)
        try container.encode(channel, forKey: .channel)
        try container.encode(expirationDate, forKey: .expirationDate)
        try container.encodeIfPresent(progressive, forKey: .progressive)
        try container.encode(revision, forKey: .revision)
        try container.encode(risk, forKey: .risk)
        try container.encode(track, forKey: .track)
        try container.encode(when, forKey: .when)
    }
}

/// `GET /api/v2/snaps/{name}/releases[?page=N]`: release history and the revisions it names.
///
/// Revisions here use underscore keys (`build_url`, `created_at`); see ``SnapPublisherRevision/keyStyle``.
public struct SnapReleasesResponse: Hashable, Sendable, Codable {
    /// HAL links (`self`, `next`); omitted when `nil`.
    public var links: [String: WireHALLink]?
    public var releases: [SnapReleaseHistoryEntry]
    public var revisions: [SnapPublisherRevision]
    public var snap: SnapPublisherSnap?

    /// Creates the document.
    public init(
        links: [String: WireHALLink]? = nil, releases: [SnapReleaseHistoryEntry], revisions: [SnapPublisherRevision],
        snap: SnapPublisherSnap? = nil
    ) {
        self.links = links
        self.releases = releases
        self.revisions = revisions
        self.snap = snap
    }

    private enum CodingKeys: String, CodingKey {
        case releases, revisions, snap
        case links = "_links"
    }
}

/// `GET /api/v2/snaps/{name}/revisions/{rev}`: `{"revision": {…}}`.
public struct SnapRevisionResponse: Hashable, Sendable, Codable {
    public var revision: SnapPublisherRevision

    /// Creates the document.
    public init(revision: SnapPublisherRevision) { self.revision = revision }
}

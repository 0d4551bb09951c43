/// A snap revision as the publisher APIs list it (v2 channel-map, v2 releases history, single revision).
///
/// The history and single-revision endpoints spell three keys with underscores (`build_url`, `created_at`,
/// `created_by`) where the channel-map uses hyphens (`build-url`…). Decoding reads either and keeps the
/// spelling in ``keyStyle`` so a document re-encodes as it came; `sha3-384` is hyphenated everywhere.
public struct SnapPublisherRevision: Hashable, Sendable, Codable {
    /// How the three spelling-variant keys are written.
    public enum KeyStyle: String, Hashable, Sendable, Codable {
        /// `build-url`, `created-at`, `created-by` (channel-map, on-prem gateway).
        case hyphenated
        /// `build_url`, `created_at`, `created_by` (releases history, single revision).
        case underscored
    }

    public var architectures: [Architecture]
    /// Build metadata (`build-request-id`…), shape left open.
    public var attributes: [String: WireJSON]?
    /// `core22`…; `null` for snaps without a base.
    public var base: WireField<String>
    public var buildURL: WireField<String>
    /// `strict`, `classic` or `devmode`.
    public var confinement: String?
    public var createdAt: WireDate?
    public var createdBy: String?
    public var epoch: SnapEpoch?
    /// `stable` or `devel`.
    public var grade: String?
    public var revision: Int
    public var sha3_384: String?
    public var size: Int64?
    /// `Published`, `Unpublished`, `ManualReviewPending`… (on-prem: `released`, `approved`, `rejected`).
    public var status: String?
    /// `app`, `base`…
    public var type: String?
    public var version: String
    /// Which spelling to write.
    public var keyStyle: KeyStyle

    /// Creates a revision entry; optional fields default to absent.
    public init(
        revision: Int, version: String, architectures: [Architecture], attributes: [String: WireJSON]? = nil,
        base: WireField<String> = .absent, buildURL: WireField<String> = .absent, confinement: String? = nil,
        createdAt: WireDate? = nil, createdBy: String? = nil, epoch: SnapEpoch? = nil, grade: String? = nil,
        sha3_384: String? = nil, size: Int64? = nil, status: String? = nil, type: String? = nil,
        keyStyle: KeyStyle = .hyphenated
    ) {
        self.revision = revision
        self.version = version
        self.architectures = architectures
        self.attributes = attributes
        self.base = base
        self.buildURL = buildURL
        self.confinement = confinement
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.epoch = epoch
        self.grade = grade
        self.sha3_384 = sha3_384
        self.size = size
        self.status = status
        self.type = type
        self.keyStyle = keyStyle
    }

    private enum CodingKeys: String, CodingKey {
        case architectures, attributes, base, confinement, epoch, grade, revision, size, status, type, version
        case sha3_384 = "sha3-384"
        case buildURL = "build-url"
        case createdAt = "created-at"
        case createdBy = "created-by"
        case buildURLUnderscored = "build_url"
        case createdAtUnderscored = "created_at"
        case createdByUnderscored = "created_by"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let underscored = [CodingKeys.buildURLUnderscored, .createdAtUnderscored, .createdByUnderscored]
            .contains { container.contains($0) }
        keyStyle = underscored ? .underscored : .hyphenated
        architectures = try container.decode([Architecture].self, forKey: .architectures)
        attributes = try container.decodeIfPresent([String: WireJSON].self, forKey: .attributes)
        base = try container.decode(WireField<String>.self, forKey: .base)
        buildURL = try container.decode(WireField<String>.self, forKey: underscored ? .buildURLUnderscored : .buildURL)
        confinement = try container.decodeIfPresent(String.self, forKey: .confinement)
        createdAt = try container.decodeIfPresent(WireDate.self, forKey: underscored ? .createdAtUnderscored : .createdAt)
        createdBy = try container.decodeIfPresent(String.self, forKey: underscored ? .createdByUnderscored : .createdBy)
        epoch = try container.decodeIfPresent(SnapEpoch.self, forKey: .epoch)
        grade = try container.decodeIfPresent(String.self, forKey: .grade)
        revision = try container.decode(Int.self, forKey: .revision)
        sha3_384 = try container.decodeIfPresent(String.self, forKey: .sha3_384)
        size = try container.decodeIfPresent(Int64.self, forKey: .size)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        version = try container.decode(String.self, forKey: .version)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let underscored = keyStyle == .underscored
        try container.encode(architectures, forKey: .architectures)
        try container.encodeIfPresent(attributes, forKey: .attributes)
        try container.encode(base, forKey: .base)
        try container.encode(buildURL, forKey: underscored ? .buildURLUnderscored : .buildURL)
        try container.encodeIfPresent(confinement, forKey: .confinement)
        try container.encodeIfPresent(createdAt, forKey: underscored ? .createdAtUnderscored : .createdAt)
        try container.encodeIfPresent(createdBy, forKey: underscored ? .createdByUnderscored : .createdBy)
        try container.encodeIfPresent(epoch, forKey: .epoch)
        try container.encodeIfPresent(grade, forKey: .grade)
        try container.encode(revision, forKey: .revision)
        try container.encodeIfPresent(sha3_384, forKey: .sha3_384)
        try container.encodeIfPresent(size, forKey: .size)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encode(version, forKey: .version)
    }
}

extension SnapPublisherRevision {
    /// The entry for a domain revision, as the v2 channel-map lists it (hyphenated keys by default).
    ///
    /// `status` is left absent: pass the word the target endpoint uses (`Published`, `released`…).
    public init(_ revision: Revision, status: String? = nil, keyStyle: KeyStyle = .hyphenated) {
        self.init(
            revision: revision.number, version: revision.version, architectures: revision.architectures,
            attributes: [:], base: WireField(nullable: revision.base), buildURL: .null,
            confinement: revision.confinement?.rawValue, createdAt: WireDate(revision.createdAt),
            createdBy: nil, epoch: SnapEpoch(), grade: revision.grade?.rawValue, sha3_384: revision.sha3_384,
            size: revision.size, status: status, keyStyle: keyStyle)
    }
}

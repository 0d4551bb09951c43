/// Find's `revision` object: the revision-level fields plus the `channel` it was found in (`"stable"`).
public struct SnapFindRevision: Hashable, Sendable, Codable {
    /// The channel the result comes from, short form.
    public var channel: String?
    /// The revision-level fields, written at the same level as `channel`.
    public var fields: SnapRevisionFields

    /// Creates a find revision.
    public init(channel: String? = nil, fields: SnapRevisionFields = SnapRevisionFields()) {
        self.channel = channel
        self.fields = fields
    }

    private enum CodingKeys: String, CodingKey {
        case channel
    }

    public init(from decoder: any Decoder) throws {
        channel = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .channel)
        fields = try SnapRevisionFields(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(channel, forKey: .channel)
    }
}

/// One `GET /v2/snaps/find` result.
///
/// Without `fields=` the real store sends only `name`, `snap-id` and an empty `snap`, and no `revision` key.
public struct SnapFindResult: Hashable, Sendable, Codable {
    public var name: String
    public var snapID: String
    public var snap: SnapDetails
    public var revision: SnapFindRevision?

    /// Creates a result.
    public init(name: String, snapID: String, snap: SnapDetails = SnapDetails(), revision: SnapFindRevision? = nil) {
        self.name = name
        self.snapID = snapID
        self.snap = snap
        self.revision = revision
    }

    private enum CodingKeys: String, CodingKey {
        case name, snap, revision
        case snapID = "snap-id"
    }
}

/// `GET /v2/snaps/find`: `{"results": [...]}`.
public struct SnapFindResponse: Hashable, Sendable, Codable {
    public var results: [SnapFindResult]

    /// Creates the document.
    public init(results: [SnapFindResult]) { self.results = results }
}

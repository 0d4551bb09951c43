/// One `GET /v2/charms/find` result.
public struct CharmFindResult: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    /// `charm` or `bundle`.
    public var type: String
    public var result: CharmResult?
    public var defaultRelease: CharmInfoRelease?

    /// Creates a result.
    public init(
        id: String, name: String, type: String = "charm", result: CharmResult? = nil,
        defaultRelease: CharmInfoRelease? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.result = result
        self.defaultRelease = defaultRelease
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, type, result
        case defaultRelease = "default-release"
    }
}

/// `GET /v2/charms/find`: `{"results": [...]}`.
public struct CharmFindResponse: Hashable, Sendable, Codable {
    public var results: [CharmFindResult]

    /// Creates the document.
    public init(results: [CharmFindResult]) { self.results = results }
}

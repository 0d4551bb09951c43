/// One item of `POST /v1/charm/libraries/bulk`: by id, or by charm and library name, with optional API/patch.
public struct CharmLibraryRequestItem: Hashable, Sendable, Codable {
    public var libraryID: String?
    public var charmName: String?
    public var libraryName: String?
    public var api: Int?
    public var patch: Int?

    /// Creates an item; keys left `nil` are omitted.
    public init(
        libraryID: String? = nil, charmName: String? = nil, libraryName: String? = nil, api: Int? = nil,
        patch: Int? = nil
    ) {
        self.libraryID = libraryID
        self.charmName = charmName
        self.libraryName = libraryName
        self.api = api
        self.patch = patch
    }

    private enum CodingKeys: String, CodingKey {
        case api, patch
        case libraryID = "library-id"
        case charmName = "charm-name"
        case libraryName = "library-name"
    }
}

/// A charm library as the bulk endpoint returns it.
public struct CharmLibrary: Hashable, Sendable, Codable {
    public var libraryID: String
    public var charmName: String
    public var libraryName: String
    public var api: Int
    public var patch: Int
    /// The library source, when asked for.
    public var content: String?
    public var contentHash: String?

    /// Creates a library entry.
    public init(
        libraryID: String, charmName: String, libraryName: String, api: Int, patch: Int, content: String? = nil,
        contentHash: String? = nil
    ) {
        self.libraryID = libraryID
        self.charmName = charmName
        self.libraryName = libraryName
        self.api = api
        self.patch = patch
        self.content = content
        self.contentHash = contentHash
    }

    private enum CodingKeys: String, CodingKey {
        case api, patch, content
        case libraryID = "library-id"
        case charmName = "charm-name"
        case libraryName = "library-name"
        case contentHash = "content-hash"
    }
}

/// `POST /v1/charm/libraries/bulk` reply: `{"libraries": [...]}` (key required, even when empty).
public struct CharmLibrariesResponse: Hashable, Sendable, Codable {
    public var libraries: [CharmLibrary]

    /// Creates the reply.
    public init(libraries: [CharmLibrary] = []) { self.libraries = libraries }
}

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

/// A charm library version as Charmhub returns it: by the bulk endpoint (no `content`), by
/// `GET /v1/charm/libraries/{charm}/{id}` and by a publication (with it).
public struct CharmLibrary: Hashable, Sendable, Codable {
    public var libraryID: String
    public var charmName: String
    public var libraryName: String
    public var api: Int
    public var patch: Int
    /// The library source, when asked for.
    public var content: String?
    /// charmcraft's hash of the source (``Library/hash``).
    public var hash: String

    /// Creates a library entry.
    public init(
        libraryID: String, charmName: String, libraryName: String, api: Int, patch: Int, content: String? = nil, hash: String
    ) {
        self.libraryID = libraryID
        self.charmName = charmName
        self.libraryName = libraryName
        self.api = api
        self.patch = patch
        self.content = content
        self.hash = hash
    }

    /// The wire form of `library`.
    public init(_ library: Library) {
        self.init(
            libraryID: library.id, charmName: library.charm.rawValue, libraryName: library.name, api: library.api,
            patch: library.patch, content: library.content, hash: library.hash)
    }

    /// The library this entry describes.
    /// - Throws: when the charm name is not a valid package name.
    public func domain() throws -> Library {
        Library(
            id: libraryID, charm: try PackageName(charmName, type: .charm), name: libraryName, api: api, patch: patch,
            hash: hash, content: content)
    }

    private enum CodingKeys: String, CodingKey {
        case api, patch, content, hash
        case libraryID = "library-id"
        case charmName = "charm-name"
        case libraryName = "library-name"
    }
}

/// `POST /v1/charm/libraries/{charm}` body: `{"library-name"}` (registers a library name).
public struct CharmLibraryRegistration: Hashable, Sendable, Codable {
    public var libraryName: String

    /// Creates the body.
    public init(libraryName: String) { self.libraryName = libraryName }

    private enum CodingKeys: String, CodingKey { case libraryName = "library-name" }
}

/// `POST /v1/charm/libraries/{charm}` reply: `{"library-id"}`.
public struct CharmLibraryRegistered: Hashable, Sendable, Codable {
    public var libraryID: String

    /// Creates the reply.
    public init(libraryID: String) { self.libraryID = libraryID }

    private enum CodingKeys: String, CodingKey { case libraryID = "library-id" }
}

/// `POST /v1/charm/libraries/{charm}/{id}` body, as `charmcraft publish-lib` sends it.
public struct CharmLibraryPublication: Hashable, Sendable, Codable {
    public var api: Int
    public var patch: Int
    public var content: String
    public var hash: String

    /// Creates the body.
    public init(api: Int, patch: Int, content: String, hash: String) {
        self.api = api
        self.patch = patch
        self.content = content
        self.hash = hash
    }
}

/// `POST /v1/charm/libraries/bulk` reply: `{"libraries": [...]}` (key required, even when empty).
public struct CharmLibrariesResponse: Hashable, Sendable, Codable {
    public var libraries: [CharmLibrary]

    /// Creates the reply.
    public init(libraries: [CharmLibrary] = []) { self.libraries = libraries }
}

import Foundation

/// One published version of a charm library: Charmhub's `charms.<charm>.v<api>.<name>` at patch `patch`.
///
/// A library belongs to one charm and keeps its id for life; each API version (`LIBAPI`) has its own
/// patches (`LIBPATCH`), numbered one after the other. `hash` is charmcraft's: the SHA-256 (hex) of
/// the source without the lines that start with `LIBAPI`, `LIBPATCH` or `LIBID`.
public struct Library: Hashable, Sendable, Codable {
    /// The store's id of the library (the source's `LIBID`).
    public var id: String
    /// The charm the library belongs to.
    public var charm: PackageName
    /// The library's name, a Python identifier (`lib/charms/<charm>/v<api>/<name>.py`).
    public var name: String
    public var api: Int
    public var patch: Int
    public var hash: String
    /// The Python source; `nil` where only the version was asked for (tips).
    public var content: String?

    /// Creates a library version.
    public init(id: String, charm: PackageName, name: String, api: Int, patch: Int, hash: String, content: String? = nil) {
        self.id = id
        self.charm = charm
        self.name = name
        self.api = api
        self.patch = patch
        self.hash = hash
        self.content = content
    }

    /// `charms.<charm>.v<api>.<name>`, with the charm's hyphens as underscores (charmcraft's module name).
    public var fullName: String { "charms.\(charm.rawValue.replacingOccurrences(of: "-", with: "_")).v\(api).\(name)" }
}

/// A new version of a library, as `charmcraft publish-lib` sends it.
public struct LibraryPublication: Hashable, Sendable, Codable {
    public var libraryID: String
    public var api: Int
    public var patch: Int
    public var content: String
    /// The hash the publisher computed; the store computes its own and refuses a mismatch.
    public var hash: String

    /// Creates a publication.
    public init(libraryID: String, api: Int, patch: Int, content: String, hash: String) {
        self.libraryID = libraryID
        self.api = api
        self.patch = patch
        self.content = content
        self.hash = hash
    }
}

/// Which library versions to look up (`POST /v1/charm/libraries/bulk`): by id, or by charm and
/// (optionally) library name; with `api`, only that API version; with `patch`, exactly that patch.
///
/// Without `patch` the answer is the tip (highest patch) of each API version asked for.
public struct LibraryQuery: Hashable, Sendable, Codable {
    /// What the query names.
    public enum Subject: Hashable, Sendable, Codable {
        case id(String)
        /// A charm's libraries; all of them when `library` is `nil`.
        case charm(PackageName, library: String?)
    }

    public var subject: Subject
    public var api: Int?
    public var patch: Int?

    /// Creates a query.
    public init(_ subject: Subject, api: Int? = nil, patch: Int? = nil) {
        self.subject = subject
        self.api = api
        self.patch = patch
    }
}

import Foundation
import StoreModels

/// A page of results and the cursor for the next one.
///
/// Cursors are opaque and stable: paging while data changes neither skips nor repeats rows.
public struct Page<Item: Sendable & Hashable>: Sendable, Hashable {
    public var items: [Item]
    /// Pass back to get the next page; `nil` on the last page.
    public var nextCursor: String?
    /// Total matches when the engine knows it cheaply.
    public var total: Int?

    public init(items: [Item], nextCursor: String? = nil, total: Int? = nil) {
        self.items = items
        self.nextCursor = nextCursor
        self.total = total
    }
}

/// A catalogue search.
public struct SearchQuery: Sendable, Hashable {
    /// Free text over name, title, summary and description; empty lists everything by name.
    public var text: String
    public var type: PackageType?
    public var category: String?
    /// Publisher username.
    public var publisher: String?
    /// Only verified or starred publishers.
    public var verifiedOnly: Bool
    /// The order of the results; `nil` is relevance: the exact name first, then by score (by name
    /// without text).
    public var sort: SearchSort?
    public var cursor: String?
    /// Page size, capped by engines at 200.
    public var limit: Int
    /// Whether a first page carries ``Page/total``. A caller that shows no total (snapd's and Juju's
    /// find) turns it off, and the engine then counts only as far as choosing the page's order needs.
    public var countsTotal: Bool

    public init(text: String = "", type: PackageType? = nil, category: String? = nil, publisher: String? = nil,
                verifiedOnly: Bool = false, sort: SearchSort? = nil, cursor: String? = nil, limit: Int = 50,
                countsTotal: Bool = true) {
        self.countsTotal = countsTotal
        self.text = text
        self.type = type
        self.category = category
        self.publisher = publisher
        self.verifiedOnly = verifiedOnly
        self.sort = sort
        self.cursor = cursor
        self.limit = limit
    }

    /// The largest page any engine returns.
    public static let maximumLimit = 200
}

/// An order of search results other than relevance: by one key, ties broken by name in the same
/// direction, so every order is total and pages never skip or repeat a package.
public struct SearchSort: Sendable, Hashable {
    /// What results are ordered by.
    public enum Key: String, Sendable, Hashable, CaseIterable {
        /// The package name.
        case name
        /// The publisher's username.
        case publisher
        /// The version `latest/stable` of the default track serves, in ``VersionOrder``; packages
        /// with none come first ascending, last descending.
        case version
        /// When the channel map last changed (a release, promotion or close), or when the name was
        /// registered if it never did.
        case updated

        /// Newest and highest first for versions and dates, A to Z for names.
        public var descendsByDefault: Bool { self == .version || self == .updated }
    }

    public var key: Key
    public var descending: Bool

    /// The order by `key`, in its usual direction unless `descending` says otherwise.
    public init(_ key: Key, descending: Bool? = nil) {
        self.key = key
        self.descending = descending ?? key.descendsByDefault
    }

    /// The wire form: the key, with a leading `-` when descending (`name`, `-updated`).
    public var parameter: String { (descending ? "-" : "") + key.rawValue }

    /// The order a wire form names; `nil` for anything else.
    public init?(parameter: String) {
        let descending = parameter.hasPrefix("-")
        guard let key = Key(rawValue: descending ? String(parameter.dropFirst()) : parameter) else { return nil }
        self.init(key, descending: descending)
    }

    /// The same key the other way round.
    public var reversed: SearchSort { SearchSort(key, descending: !descending) }
}

/// One search hit: what the results list shows.
public struct PackageSummary: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: PackageName
    public var type: PackageType
    public var title: String
    public var summary: String
    public var publisher: PublisherSummary
    /// Version `latest/stable` serves on any platform, if any.
    public var latestStableVersion: String?
    public var categories: [String]
    /// When the channel map last changed, or the name was registered (``SearchSort/Key/updated``).
    public var updatedAt: Date?

    public init(id: String, name: PackageName, type: PackageType, title: String, summary: String,
                publisher: PublisherSummary, latestStableVersion: String?, categories: [String], updatedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.title = title
        self.summary = summary
        self.publisher = publisher
        self.latestStableVersion = latestStableVersion
        self.categories = categories
        self.updatedAt = updatedAt
    }
}

/// The publisher fields shown next to a package.
public struct PublisherSummary: Sendable, Hashable, Codable {
    public var id: String
    public var username: String
    public var displayName: String
    public var validation: Publisher.Validation

    public init(id: String, username: String, displayName: String, validation: Publisher.Validation) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.validation = validation
    }
}

/// A package with its publisher and collaborators: the detail pane.
public struct PackageDetail: Sendable, Hashable {
    public var package: Package
    public var publisher: Publisher
    public var collaborators: [String]
    /// The version of each revision the channel map serves, by number: public to anyone who sees the
    /// package (search shows them too), also to callers who may not list its revisions.
    public var releasedVersions: [Int: String]

    public init(package: Package, publisher: Publisher, collaborators: [String], releasedVersions: [Int: String] = [:]) {
        self.package = package
        self.publisher = publisher
        self.collaborators = collaborators
        self.releasedVersions = releasedVersions
    }
}

/// Which revisions to list, newest first.
public struct RevisionQuery: Sendable, Hashable {
    public var architecture: Architecture?
    /// `pending`, `approved` or `rejected`.
    public var reviewStatus: String?
    public var cursor: String?
    public var limit: Int

    public init(architecture: Architecture? = nil, reviewStatus: String? = nil, cursor: String? = nil, limit: Int = 100) {
        self.architecture = architecture
        self.reviewStatus = reviewStatus
        self.cursor = cursor
        self.limit = limit
    }
}

/// What an upload tells the store about a new revision.
public struct RevisionUpload: Sendable, Hashable {
    public var version: String
    public var architectures: [Architecture]
    public var base: String?
    public var size: Int64
    public var sha3_384: String
    public var confinement: Revision.Confinement?
    public var grade: Revision.Grade?
    public var permissions: [String]
    /// Problems found while reading the file's metadata; any makes the checks reject it.
    public var metadataErrors: [String]
    /// Channels to release the revision to once it is approved (`snapcraft upload --release`): at
    /// once when the checks approve it, else when a reviewer does. The uploader must be allowed to release.
    public var releaseOnApproval: [Channel]
    /// The resources a charm revision declares (its `metadata.yaml`'s `resources`).
    public var resources: [ResourceDeclaration]
    /// A snap's epoch (`nil`: 0).
    public var epoch: Epoch?
    /// Where the file is kept, so devices can download it (`nil`: metadata only).
    public var file: RevisionFile?
    /// A charm's SHA-256, `metadata.yaml` and `config.yaml`.
    public var charmFile: CharmFileFacts?
    /// The summary and description the file gives (a snap's `snap.yaml`), which become the package's
    /// listing when it has none yet.
    public var listing: (summary: String, description: String)? {
        get { listingSummary.map { ($0, listingDescription ?? "") } }
        set {
            listingSummary = newValue?.summary
            listingDescription = newValue?.description
        }
    }
    private var listingSummary: String?
    private var listingDescription: String?

    public init(version: String, architectures: [Architecture], base: String? = nil, size: Int64, sha3_384: String,
                confinement: Revision.Confinement? = nil, grade: Revision.Grade? = nil, permissions: [String] = [],
                metadataErrors: [String] = [], releaseOnApproval: [Channel] = [], resources: [ResourceDeclaration] = [],
                epoch: Epoch? = nil, file: RevisionFile? = nil, charmFile: CharmFileFacts? = nil) {
        self.charmFile = charmFile
        self.resources = resources
        self.epoch = epoch
        self.file = file
        self.version = version
        self.architectures = architectures
        self.base = base
        self.size = size
        self.sha3_384 = sha3_384
        self.confinement = confinement
        self.grade = grade
        self.permissions = permissions
        self.metadataErrors = metadataErrors
        self.releaseOnApproval = releaseOnApproval
    }
}

/// A file uploaded as a new revision of a charm's resource: the upload it came in (its bytes stay
/// there), its type and bases, and its size and digests (computed by the server from the bytes).
public struct ResourceUpload: Sendable, Hashable, Codable {
    public var uploadID: String
    public var type: String
    public var bases: [ResourceBase]
    public var size: Int64
    public var sha256: String
    public var sha384: String
    public var sha512: String
    public var sha3_384: String

    /// Creates the upload.
    public init(
        uploadID: String, type: String, bases: [ResourceBase], size: Int64, sha256: String, sha384: String, sha512: String,
        sha3_384: String
    ) {
        self.uploadID = uploadID
        self.type = type
        self.bases = bases
        self.size = size
        self.sha256 = sha256
        self.sha384 = sha384
        self.sha512 = sha512
        self.sha3_384 = sha3_384
    }
}

/// New bases for one revision of a resource (`charmcraft set-resource-architectures`).
public struct ResourceRevisionUpdate: Sendable, Hashable, Codable {
    public var revision: Int
    public var bases: [ResourceBase]

    /// Creates the update.
    public init(revision: Int, bases: [ResourceBase]) {
        self.revision = revision
        self.bases = bases
    }
}

/// A pending revision in the review queue, with what changed against the previous one.
public struct ReviewItem: Sendable, Hashable {
    public var package: PackageName
    public var packageType: PackageType
    public var publisher: PublisherSummary
    public var revision: Revision
    /// The package's newest earlier revision, to compare against.
    public var previous: Revision?

    public init(package: PackageName, packageType: PackageType, publisher: PublisherSummary, revision: Revision, previous: Revision?) {
        self.package = package
        self.packageType = packageType
        self.publisher = publisher
        self.revision = revision
        self.previous = previous
    }
}

/// A reviewer's verdict.
public enum ReviewDecision: Sendable, Hashable {
    case approve(notes: String?)
    case reject(reason: String)
}

/// Filters for the audit log, newest first.
public struct AuditQuery: Sendable, Hashable {
    /// The start of the actor's username (`ali` finds alice's changes).
    public var actor: String?
    /// The start of the package's name (`dark` finds darktable's).
    public var package: String?
    /// The publisher's username, exactly.
    public var publisher: String?
    /// Exact action, or a prefix ending in `.` (`review.`).
    public var action: String?
    /// Free text: any part of the actor, the package or the object, ignoring case.
    public var text: String?
    public var cursor: String?
    public var limit: Int

    public init(actor: String? = nil, package: String? = nil, publisher: String? = nil, action: String? = nil,
                text: String? = nil, cursor: String? = nil, limit: Int = 100) {
        self.actor = actor
        self.package = package
        self.publisher = publisher
        self.action = action
        self.text = text
        self.cursor = cursor
        self.limit = limit
    }
}

/// A token as listed (never the secret).
public struct TokenInfo: Sendable, Hashable, Codable {
    public var id: String
    public var username: String
    public var role: Role
    public var description: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(id: String, username: String, role: Role, description: String, createdAt: Date, expiresAt: Date?, revokedAt: Date?) {
        self.id = id
        self.username = username
        self.role = role
        self.description = description
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// A freshly issued token: the only time the secret is visible.
public struct IssuedToken: Sendable, Hashable {
    public var info: TokenInfo
    /// The bearer secret; stored hashed, shown once.
    public var secret: String

    public init(info: TokenInfo, secret: String) {
        self.info = info
        self.secret = secret
    }
}

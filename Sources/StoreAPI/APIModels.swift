import Foundation
import StoreModels
import StoreService

// The store's own JSON API (`/api/v1/…`): the request and response bodies and the JSON coders. The
// table that turns a ``StoreError`` into an HTTP status and `error-list` entry and back is in
// `StoreError+Wire.swift`.
//
// The StoreAPI target is the HTTP contract: StoreServer encodes these and StoreClient decodes them,
// so both sides share one definition, and StoreService stays free of wire formats. Domain types
// that are already `Codable` (Package, Revision, ChannelMap, ReleasePlan, PlanOutcome, Publisher,
// AuditEvent, TokenInfo, Identity) are sent as they are; the structs here wrap the StoreService
// types that are not. Keys are the Swift property names (camelCase); dates are ISO 8601
// in UTC with microseconds (`2025-01-01T00:00:00.000000Z`).

// MARK: - Coders

/// The JSON coders both ends of `/api/v1` use.
public enum APICoding {
    /// An encoder writing sorted keys, unescaped slashes and ISO 8601 dates with microseconds.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(WireDate.format(date, fractionalDigits: 6))
        }
        return encoder
    }

    /// A decoder reading the dates ``makeEncoder()`` writes (and any ISO 8601 form the stores use).
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = WireDate.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 date")
            }
            return date
        }
        return decoder
    }
}

// MARK: - Pages and lists

/// A page of results: `{"items": […], "nextCursor": "…", "total": 12}`.
public struct APIPage<Item: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var items: [Item]
    /// Pass back as `cursor` for the next page; absent on the last page.
    public var nextCursor: String?
    /// Total matches, when the engine knows it cheaply.
    public var total: Int?

    /// Wraps items and paging state.
    public init(items: [Item], nextCursor: String?, total: Int?) {
        self.items = items
        self.nextCursor = nextCursor
        self.total = total
    }
}

extension APIPage {
    /// The wire page for `page`, each item converted with `transform`.
    public init<Domain>(_ page: Page<Domain>, _ transform: (Domain) -> Item) {
        self.init(items: page.items.map(transform), nextCursor: page.nextCursor, total: page.total)
    }

    /// The wire page for a page whose items go on the wire as they are.
    public init(_ page: Page<Item>) {
        self.init(items: page.items, nextCursor: page.nextCursor, total: page.total)
    }

    /// The page as it is.
    public var page: Page<Item> { Page(items: items, nextCursor: nextCursor, total: total) }

    /// The domain page, each item converted with `transform`.
    public func page<Domain>(_ transform: (Item) -> Domain) -> Page<Domain> {
        Page(items: items.map(transform), nextCursor: nextCursor, total: total)
    }
}

/// An unpaged list: `{"items": […]}`.
public struct APIList<Item: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var items: [Item]

    /// Wraps items.
    public init(items: [Item]) { self.items = items }
}

// MARK: - Catalogue

/// ``PackageSummary`` on the wire.
public struct APIPackageSummary: Codable, Sendable, Hashable {
    public var id: String
    public var name: PackageName
    public var type: PackageType
    public var title: String
    public var summary: String
    public var publisher: PublisherSummary
    public var latestStableVersion: String?
    public var categories: [String]
    /// When the channel map last changed (or the name was registered).
    public var updatedAt: Date?

    /// The wire form of `summary`.
    public init(_ summary: PackageSummary) {
        id = summary.id
        name = summary.name
        type = summary.type
        title = summary.title
        self.summary = summary.summary
        publisher = summary.publisher
        latestStableVersion = summary.latestStableVersion
        categories = summary.categories
        updatedAt = summary.updatedAt
    }

    /// The domain value.
    public var domain: PackageSummary {
        PackageSummary(id: id, name: name, type: type, title: title, summary: summary, publisher: publisher,
                       latestStableVersion: latestStableVersion, categories: categories, updatedAt: updatedAt)
    }
}

/// ``PackageDetail`` on the wire.
public struct APIPackageDetail: Codable, Sendable, Hashable {
    public var package: Package
    public var publisher: Publisher
    public var collaborators: [String]
    /// `{"12": "1.2.0"}`: the versions of the revisions the channel map serves.
    public var releasedVersions: [String: String]?

    /// The wire form of `detail`.
    public init(_ detail: PackageDetail) {
        package = detail.package
        publisher = detail.publisher
        collaborators = detail.collaborators
        releasedVersions = Dictionary(uniqueKeysWithValues: detail.releasedVersions.map { (String($0.key), $0.value) })
    }

    /// The domain value.
    public var domain: PackageDetail {
        var versions: [Int: String] = [:]
        for (number, version) in releasedVersions ?? [:] { if let number = Int(number) { versions[number] = version } }
        return PackageDetail(package: package, publisher: publisher, collaborators: collaborators, releasedVersions: versions)
    }
}

/// `GET /api/v1/categories`: `{"categories": ["development", …]}`.
public struct APICategories: Codable, Sendable, Hashable {
    public var categories: [String]

    /// Wraps category names.
    public init(categories: [String]) { self.categories = categories }
}

// MARK: - Publishing

/// `POST /api/v1/packages`: register a name.
public struct APIRegisterNameRequest: Codable, Sendable, Hashable {
    /// The name; validated by the server with the rules of `type`.
    public var name: String
    public var type: PackageType
    /// Defaults to `false`.
    public var isPrivate: Bool?

    /// Creates a request.
    public init(name: String, type: PackageType, isPrivate: Bool?) {
        self.name = name
        self.type = type
        self.isPrivate = isPrivate
    }
}

/// ``RevisionUpload`` on the wire (`POST /api/v1/packages/{name}/revisions`).
public struct APIRevisionUpload: Codable, Sendable, Hashable {
    public var version: String
    public var architectures: [Architecture]
    public var base: String?
    public var size: Int64
    public var sha3_384: String
    public var confinement: Revision.Confinement?
    public var grade: Revision.Grade?
    /// Defaults to none.
    public var permissions: [String]?
    /// Defaults to none.
    public var metadataErrors: [String]?
    /// Full channel names to release to once approved; defaults to none.
    public var releaseOnApproval: [Channel]?
    /// Resources the revision declares (charms); defaults to none.
    public var resources: [ResourceDeclaration]?

    /// The wire form of `upload`.
    public init(_ upload: RevisionUpload) {
        version = upload.version
        architectures = upload.architectures
        base = upload.base
        size = upload.size
        sha3_384 = upload.sha3_384
        confinement = upload.confinement
        grade = upload.grade
        permissions = upload.permissions
        metadataErrors = upload.metadataErrors
        releaseOnApproval = upload.releaseOnApproval.isEmpty ? nil : upload.releaseOnApproval
        resources = upload.resources.isEmpty ? nil : upload.resources
    }

    /// The domain value.
    public var domain: RevisionUpload {
        RevisionUpload(version: version, architectures: architectures, base: base, size: size, sha3_384: sha3_384,
                       confinement: confinement, grade: grade, permissions: permissions ?? [],
                       metadataErrors: metadataErrors ?? [], releaseOnApproval: releaseOnApproval ?? [], resources: resources ?? [])
    }
}

/// `POST /api/v1/packages/lookup`: store ids to names.
public struct APIPackageLookup: Codable, Sendable, Hashable {
    public var ids: [String]?
    /// The reply: each id the caller may see, with its name.
    public var names: [String: PackageName]?

    /// Creates a request or a reply.
    public init(ids: [String]? = nil, names: [String: PackageName]? = nil) {
        self.ids = ids
        self.names = names
    }
}

/// `POST /api/v1/packages/{name}/tracks`: tracks to open (admins) and the default track.
public struct APITracksRequest: Codable, Sendable, Hashable {
    /// Defaults to none.
    public var open: [String]?
    /// `nil` leaves it.
    public var defaultTrack: String?

    public init(open: [String]?, defaultTrack: String?) {
        self.open = open
        self.defaultTrack = defaultTrack
    }
}

/// `POST /api/v1/packages/{name}/collaborators`: `{"username": "bob"}`, also the reply.
public struct APICollaborator: Codable, Sendable, Hashable {
    public var username: String

    /// Names a collaborator.
    public init(username: String) { self.username = username }
}

// MARK: - Review

/// ``ReviewItem`` on the wire.
public struct APIReviewItem: Codable, Sendable, Hashable {
    public var package: PackageName
    public var packageType: PackageType
    public var publisher: PublisherSummary
    public var revision: Revision
    public var previous: Revision?

    /// The wire form of `item`.
    public init(_ item: ReviewItem) {
        package = item.package
        packageType = item.packageType
        publisher = item.publisher
        revision = item.revision
        previous = item.previous
    }

    /// The domain value.
    public var domain: ReviewItem {
        ReviewItem(package: package, packageType: packageType, publisher: publisher, revision: revision, previous: previous)
    }
}

/// ``ReviewDecision`` on the wire: `{"verdict": "approve", "notes": "…"}` or `{"verdict": "reject", "reason": "…"}`.
public struct APIReviewDecision: Codable, Sendable, Hashable {
    /// `approve` or `reject`.
    public enum Verdict: String, Codable, Sendable, Hashable {
        case approve, reject
    }

    public var verdict: Verdict
    /// Optional reviewer notes on an approval.
    public var notes: String?
    /// Required on a rejection.
    public var reason: String?

    /// The wire form of `decision`.
    public init(_ decision: ReviewDecision) {
        switch decision {
        case .approve(let notes): verdict = .approve; self.notes = notes; reason = nil
        case .reject(let reason): verdict = .reject; notes = nil; self.reason = reason
        }
    }

    /// The domain value; a rejection without a reason gets an empty one (the store refuses it).
    public var domain: ReviewDecision {
        switch verdict {
        case .approve: .approve(notes: notes)
        case .reject: .reject(reason: reason ?? "")
        }
    }
}

// MARK: - Publishers

/// `POST /api/v1/publishers/{username}/validation`.
public struct APIValidationRequest: Codable, Sendable, Hashable {
    public var validation: Publisher.Validation
    public var reason: String?

    /// Creates a request.
    public init(validation: Publisher.Validation, reason: String?) {
        self.validation = validation
        self.reason = reason
    }
}

/// `POST /api/v1/publishers/{username}/suspend` and `…/unsuspend`: `{"reason": "…"}`.
public struct APIReasonRequest: Codable, Sendable, Hashable {
    public var reason: String

    /// Creates a request.
    public init(reason: String) { self.reason = reason }
}

// MARK: - Tokens

/// `POST /api/v1/tokens`.
public struct APITokenRequest: Codable, Sendable, Hashable {
    public var username: String
    public var role: Role
    /// `nil`: never expires.
    public var expiresAt: Date?
    public var description: String?
    /// The account's email from now on; `nil` leaves it as it is.
    public var email: String?

    /// Creates a request.
    public init(username: String, role: Role, expiresAt: Date?, description: String?, email: String? = nil) {
        self.username = username
        self.role = role
        self.expiresAt = expiresAt
        self.description = description
        self.email = email
    }
}

/// ``IssuedToken`` on the wire: the token's record and, this once, its secret.
public struct APIIssuedToken: Codable, Sendable, Hashable {
    public var token: TokenInfo
    public var secret: String

    /// The wire form of `issued`.
    public init(_ issued: IssuedToken) {
        token = issued.info
        secret = issued.secret
    }

    /// The domain value.
    public var domain: IssuedToken { IssuedToken(info: token, secret: secret) }
}

/// `DELETE /api/v1/tokens/{id}`: `{"id": "…", "revoked": true}`.
public struct APIRevokedToken: Codable, Sendable, Hashable {
    public var id: String
    public var revoked: Bool

    /// Creates a reply.
    public init(id: String, revoked: Bool) {
        self.id = id
        self.revoked = revoked
    }
}

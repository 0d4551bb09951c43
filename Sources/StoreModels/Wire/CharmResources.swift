import Foundation

/// One item of `GET /v1/charm/{name}/resources`: a declared resource and the charm revision that declares it.
///
/// charmcraft reads `name` and `type` (required), `optional` and `revision` (its "Charm Rev" column).
public struct CharmResourceItem: Hashable, Sendable, Codable {
    public var name: String
    public var type: String
    public var optional: Bool?
    /// The charm revision whose metadata declares it.
    public var revision: Int
    public var description: String?
    public var filename: String?

    /// The item for a declared resource.
    public init(_ resource: DeclaredResource) {
        name = resource.declaration.name
        type = resource.declaration.type
        optional = resource.declaration.optional
        revision = resource.charmRevision
        description = resource.declaration.description
        filename = resource.declaration.filename
    }

    /// The declared resource this item describes.
    public var domain: DeclaredResource {
        DeclaredResource(
            declaration: ResourceDeclaration(name: name, type: type, filename: filename, description: description, optional: optional),
            charmRevision: revision)
    }
}

/// `GET /v1/charm/{name}/resources` reply.
public struct CharmResourcesResponse: Hashable, Sendable, Codable {
    public var resources: [CharmResourceItem]

    /// Creates the reply.
    public init(resources: [CharmResourceItem]) { self.resources = resources }
}

/// `POST /v1/charm/{name}/resources/{resource}/revisions` body (`charmcraft upload-resource`).
public struct CharmResourceUploadRequest: Hashable, Sendable, Codable {
    public var uploadID: String
    public var type: String?
    public var bases: [ResourceBase]?

    /// Creates the body.
    public init(uploadID: String, type: String?, bases: [ResourceBase]?) {
        self.uploadID = uploadID
        self.type = type
        self.bases = bases
    }

    private enum CodingKeys: String, CodingKey {
        case type, bases
        case uploadID = "upload-id"
    }
}

/// One revision of `GET /v1/charm/{name}/resources/{resource}/revisions`: craft-store's
/// `CharmResourceRevision`, every key written (`updated-at` and `updated-by` `null` until changed).
public struct CharmResourceRevisionItem: Hashable, Sendable, Codable {
    public var bases: [ResourceBase]
    public var createdAt: WireDate
    public var name: String
    public var revision: Int
    public var sha256: String
    public var sha3_384: String
    public var sha384: String
    public var sha512: String
    public var size: Int64
    public var type: String
    public var updatedAt: WireDate?
    public var updatedBy: String?

    /// The item for a resource revision.
    public init(_ revision: ResourceRevision) {
        bases = revision.bases
        createdAt = WireDate(revision.createdAt)
        name = revision.name
        self.revision = revision.revision
        sha256 = revision.sha256
        sha3_384 = revision.sha3_384
        sha384 = revision.sha384
        sha512 = revision.sha512
        size = revision.size
        type = revision.type
        updatedAt = revision.updatedAt.map(WireDate.init)
        updatedBy = revision.updatedBy
    }

    /// The resource revision this item describes (without its upload id, which is not on the wire).
    public var domain: ResourceRevision {
        ResourceRevision(
            name: name, revision: revision, type: type, size: size, sha256: sha256, sha384: sha384, sha512: sha512,
            sha3_384: sha3_384, bases: bases, createdAt: createdAt.date ?? .distantPast, updatedAt: updatedAt?.date, updatedBy: updatedBy)
    }

    private enum CodingKeys: String, CodingKey {
        case bases, name, revision, sha256, sha384, sha512, size, type
        case createdAt = "created-at"
        case sha3_384 = "sha3-384"
        case updatedAt = "updated-at"
        case updatedBy = "updated-by"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bases, forKey: .bases)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(name, forKey: .name)
        try container.encode(revision, forKey: .revision)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(sha3_384, forKey: .sha3_384)
        try container.encode(sha384, forKey: .sha384)
        try container.encode(sha512, forKey: .sha512)
        try container.encode(size, forKey: .size)
        try container.encode(type, forKey: .type)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(updatedBy, forKey: .updatedBy)
    }
}

/// `GET /v1/charm/{name}/resources/{resource}/revisions` reply.
public struct CharmResourceRevisionsResponse: Hashable, Sendable, Codable {
    public var revisions: [CharmResourceRevisionItem]

    /// Creates the reply.
    public init(revisions: [CharmResourceRevisionItem]) { self.revisions = revisions }
}

/// `PATCH /v1/charm/{name}/resources/{resource}/revisions` body (`charmcraft set-resource-architectures`).
public struct CharmResourceRevisionUpdates: Hashable, Sendable, Codable {
    /// One revision's new bases.
    public struct Update: Hashable, Sendable, Codable {
        public var revision: Int
        public var bases: [ResourceBase]

        /// Creates an update.
        public init(revision: Int, bases: [ResourceBase]) {
            self.revision = revision
            self.bases = bases
        }
    }

    public var updates: [Update]

    /// Creates the body.
    public init(updates: [Update]) { self.updates = updates }

    private enum CodingKeys: String, CodingKey { case updates = "resource-revision-updates" }
}

/// `PATCH /v1/charm/{name}/resources/{resource}/revisions` reply.
public struct CharmResourceRevisionsUpdated: Hashable, Sendable, Codable {
    public var count: Int

    /// Creates the reply.
    public init(count: Int) { self.count = count }

    private enum CodingKeys: String, CodingKey { case count = "num-resource-revisions-updated" }
}

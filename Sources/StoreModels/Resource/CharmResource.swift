import Foundation

/// A resource a charm revision declares in its `metadata.yaml` (`resources: {NAME: {type, filename, description}}`):
/// a file (or an OCI image) the charm needs beside it, uploaded and revised apart from the charm.
public struct ResourceDeclaration: Hashable, Sendable, Codable {
    /// The kinds of resource Charmhub knows; this store hosts files only.
    public static let types = ["file", "oci-image"]

    public var name: String
    /// `file` or `oci-image`.
    public var type: String
    /// The file name the charm finds the resource under (files only).
    public var filename: String?
    public var description: String?
    /// Whether the charm runs without it.
    public var optional: Bool?

    /// Creates a declaration.
    public init(name: String, type: String, filename: String? = nil, description: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.type = type
        self.filename = filename
        self.description = description
        self.optional = optional
    }
}

/// A resource of a charm as `charmcraft resources` lists it: the declaration of the newest charm
/// revision that declares it.
public struct DeclaredResource: Hashable, Sendable, Codable {
    public var declaration: ResourceDeclaration
    /// The charm revision the declaration comes from.
    public var charmRevision: Int

    /// Creates the entry.
    public init(declaration: ResourceDeclaration, charmRevision: Int) {
        self.declaration = declaration
        self.charmRevision = charmRevision
    }
}

/// Where a resource revision may be used: Charmhub's `{name, channel, architectures}`, `all` for any.
public struct ResourceBase: Hashable, Sendable, Codable {
    public var name: String
    public var channel: String
    public var architectures: [String]

    /// A base; the defaults mean "any".
    public init(name: String = "all", channel: String = "all", architectures: [String] = ["all"]) {
        self.name = name
        self.channel = channel
        self.architectures = architectures
    }

    private enum CodingKeys: String, CodingKey { case name, channel, architectures }

    /// Decodes a base; absent keys mean "any", as craft-store's request models default them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? "all"
        channel = try container.decodeIfPresent(String.self, forKey: .channel) ?? "all"
        architectures = try container.decodeIfPresent([String].self, forKey: .architectures) ?? ["all"]
    }
}

/// One uploaded revision of a charm's resource.
public struct ResourceRevision: Hashable, Sendable, Codable {
    /// The resource's name.
    public var name: String
    public var revision: Int
    public var type: String
    public var size: Int64
    public var sha256: String
    public var sha384: String
    public var sha512: String
    public var sha3_384: String
    public var bases: [ResourceBase]
    public var createdAt: Date
    /// When its bases were last changed, and by whom (`charmcraft set-resource-architectures`).
    public var updatedAt: Date?
    public var updatedBy: String?
    /// The upload the bytes came in (the server's; `nil` where not told).
    public var uploadID: String?

    /// Creates a resource revision.
    public init(
        name: String, revision: Int, type: String, size: Int64, sha256: String, sha384: String, sha512: String,
        sha3_384: String, bases: [ResourceBase], createdAt: Date, updatedAt: Date? = nil, updatedBy: String? = nil,
        uploadID: String? = nil
    ) {
        self.uploadID = uploadID
        self.name = name
        self.revision = revision
        self.type = type
        self.size = size
        self.sha256 = sha256
        self.sha384 = sha384
        self.sha512 = sha512
        self.sha3_384 = sha3_384
        self.bases = bases
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

/// A resource revision released with a charm revision into a channel (`charmcraft release --resource=NAME:REV`).
public struct ResourceAttachment: Hashable, Sendable, Codable {
    public var name: String
    public var revision: Int
    /// The resource's type, filled in by the store when the release is applied.
    public var type: String?

    /// Creates an attachment.
    public init(name: String, revision: Int, type: String? = nil) {
        self.name = name
        self.revision = revision
        self.type = type
    }
}

extension ResourceDeclaration {
    /// The most resources one charm revision may declare.
    public static let maximumCount = 64

    /// Whether `name` may name a resource: a lower-case letter, then lower-case letters, digits, `-`
    /// and `_`, at most 64 characters (Juju's rule, a little stricter).
    public static func isValidName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, ("a"..."z").contains(first), scalars.count <= 64 else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    /// What is wrong with `declarations` as a charm's metadata declares them (empty when nothing).
    public static func problems(in declarations: [ResourceDeclaration]) -> [String] {
        var problems: [String] = []
        if declarations.count > maximumCount {
            problems.append("metadata.yaml declares \(declarations.count) resources; at most \(maximumCount) are allowed")
        }
        for declaration in declarations.prefix(maximumCount) {
            let shown = VisibleText.replacingControls(String(declaration.name.prefix(64)))
            if !isValidName(declaration.name) {
                problems.append("resource '\(shown)': a resource name is a lower-case letter, then a-z, 0-9, '-' or '_' (at most 64)")
            }
            if declaration.type == "file", (declaration.filename ?? "").isEmpty {
                problems.append("resource '\(shown)': a file resource needs a filename (where the charm finds it)")
            }
            if !types.contains(declaration.type) {
                problems.append("resource '\(shown)': type '\(VisibleText.replacingControls(String(declaration.type.prefix(32))))' is not file or oci-image")
            }
        }
        return problems
    }
}

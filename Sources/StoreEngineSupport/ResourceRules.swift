import Foundation
import StoreModels
import StoreService

/// Charm resources (`charmcraft resources`, `upload-resource`, `resource-revisions`,
/// `set-resource-architectures`, `release --resource`), apart from the SQL.
///
/// A charm revision declares its resources in `metadata.yaml`; the newest declaration of a name is the
/// resource's. Those who may upload to the charm add numbered revisions of a declared `file` resource
/// (OCI images need a registry, which this store does not run) and set their bases. A release names
/// resource revisions to go with the charm revision: each must exist and be declared by that charm revision.
package enum ResourceRules {
    /// The most bases one resource revision may list.
    package static let maximumBases = 16
    /// The most updates one request may carry.
    package static let maximumUpdates = 100

    // MARK: Columns

    /// A `revisions.resources` or `releases.resources` JSON column as written (`[]` for none).
    package static func column(_ values: [some Encodable]) throws -> String {
        values.isEmpty ? "[]" : try JSONColumn.encode(values)
    }

    /// The attachments in a `releases.resources` column.
    package static func attachments(fromColumn text: String) throws -> [ResourceAttachment] {
        text == "[]" ? [] : try JSONColumn.decode([ResourceAttachment].self, from: text)
    }

    /// The declarations in a `revisions.resources` column.
    package static func declarations(fromColumn text: String) throws -> [ResourceDeclaration] {
        text == "[]" ? [] : try JSONColumn.decode([ResourceDeclaration].self, from: text)
    }

    // MARK: Reading

    /// The resources of a charm from its revisions' declarations, newest revision first: for each
    /// name, the newest declaration, by name.
    package static func declared(newestFirst revisions: [(number: Int, declarations: [ResourceDeclaration])]) -> [DeclaredResource] {
        var found: [String: DeclaredResource] = [:]
        for (number, declarations) in revisions {
            for declaration in declarations where found[declaration.name] == nil {
                found[declaration.name] = DeclaredResource(declaration: declaration, charmRevision: number)
            }
        }
        return found.values.sorted { $0.declaration.name < $1.declaration.name }
    }

    /// The refusal for a resource the charm does not declare.
    package static func notDeclared(_ name: String, on charm: PackageName) -> StoreError {
        .notFound(kind: "resource of '\(charm)'", name: VisibleText.replacingControls(String(name.prefix(64))))
    }

    /// Refuses anything but a charm.
    package static func checkHoldsResources(_ package: PackageContext) throws(StoreError) {
        guard package.package.type == .charm else {
            throw .invalidInput("resources belong to charms; '\(package.package.name)' is a \(package.package.type.rawValue)")
        }
    }

    // MARK: Uploading

    /// The revision `upload` makes of resource `name`, declared as `declared`, after `latest`.
    /// - Throws: `.forbidden` for a caller who may not upload to the charm, `.notFound` for an
    ///   undeclared resource, `.invalidInput` for a type other than the declared one or `file`, or bad bases.
    package static func decide(
        _ upload: ResourceUpload, name: String, declared: DeclaredResource?, latest: Int, on package: PackageContext,
        by caller: Identity, at now: Date
    ) throws(StoreError) -> ResourceRevision {
        try checkHoldsResources(package)
        try package.require(.uploadRevision, by: caller)
        guard let declared else { throw notDeclared(name, on: package.package.name) }
        let shownType = VisibleText.replacingControls(String(upload.type.prefix(32)))
        guard upload.type == declared.declaration.type else {
            throw .invalidInput("resource '\(name)' is declared as \(declared.declaration.type) (charm revision \(declared.charmRevision)), not \(shownType)")
        }
        guard upload.type == "file" else {
            throw .invalidInput("this store hosts file resources only; '\(name)' is an \(shownType), which needs an OCI registry")
        }
        let bases = try checked(upload.bases)
        for digest in [upload.sha256, upload.sha384, upload.sha512, upload.sha3_384] {
            guard !digest.isEmpty, digest.count <= 128, digest.allSatisfy(\.isHexDigit) else {
                throw .invalidInput("a resource revision's digests are hexadecimal")
            }
        }
        guard upload.size >= 0 else { throw .invalidInput("a resource's size cannot be negative") }
        return ResourceRevision(
            name: name, revision: latest + 1, type: upload.type, size: upload.size, sha256: upload.sha256, sha384: upload.sha384,
            sha512: upload.sha512, sha3_384: upload.sha3_384, bases: bases, createdAt: now, uploadID: upload.uploadID)
    }

    /// `bases` checked: at least one, at most ``maximumBases``, each with known, distinct architectures
    /// (or `all`); none given means any.
    package static func checked(_ bases: [ResourceBase]) throws(StoreError) -> [ResourceBase] {
        if bases.isEmpty { return [ResourceBase()] }
        guard bases.count <= maximumBases else { throw .invalidInput("at most \(maximumBases) bases per resource revision") }
        let known = Set(Architecture.common.map(\.rawValue) + ["all", "i386"])
        for base in bases {
            guard !base.architectures.isEmpty else { throw .invalidInput("a base lists at least one architecture (or all)") }
            guard Set(base.architectures).count == base.architectures.count else {
                throw .invalidInput("a base lists each architecture once")
            }
            for architecture in base.architectures where !known.contains(architecture) {
                throw .invalidInput(
                    "'\(VisibleText.replacingControls(String(architecture.prefix(32))))' is not an architecture (use all, \(Architecture.common.map(\.rawValue).joined(separator: ", ")))")
            }
            for text in [base.name, base.channel] where text.isEmpty || text.count > 32 || !text.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) {
                throw .invalidInput("a base's name and channel are short words (all, ubuntu, 22.04)")
            }
        }
        return bases
    }

    // MARK: Releasing

    /// The charm revisions and resource names whose facts ``typed(_:declarations:revisions:)`` needs.
    package static func attachmentsNeeded(by plan: ReleasePlan) -> (charmRevisions: Set<Int>, resources: Set<String>) {
        var numbers: Set<Int> = []
        var names: Set<String> = []
        for case .release(let number, _, _, _, let resources?) in plan.operations where !resources.isEmpty {
            numbers.insert(number)
            names.formUnion(resources.map(\.name))
        }
        return (numbers, names)
    }

    /// `plan` with each attached resource's type filled in.
    /// - Parameters:
    ///   - declarations: what each charm revision of the plan declares.
    ///   - revisions: the type of each existing resource revision, by resource name and revision.
    /// - Throws: `.invalidInput` for a resource the charm revision does not declare or named twice,
    ///   `.notFound` for a resource revision that does not exist.
    package static func typed(
        _ plan: ReleasePlan, declarations: [Int: [ResourceDeclaration]], revisions: [String: [Int: String]]
    ) throws(StoreError) -> ReleasePlan {
        var typed = ReleasePlan()
        for operation in plan.operations {
            guard case .release(let number, let channels, let progressive, let platforms, let resources?) = operation, !resources.isEmpty else {
                typed.append(operation)
                continue
            }
            guard resources.count <= ResourceDeclaration.maximumCount else {
                throw .invalidInput("at most \(ResourceDeclaration.maximumCount) resources in one release")
            }
            var attached: [ResourceAttachment] = []
            for resource in resources {
                let shown = VisibleText.replacingControls(String(resource.name.prefix(64)))
                guard declarations[number, default: []].contains(where: { $0.name == resource.name }) else {
                    throw .invalidInput("charm revision \(number) does not declare a resource named '\(shown)'")
                }
                guard !attached.contains(where: { $0.name == resource.name }) else {
                    throw .invalidInput("resource '\(shown)' is named twice")
                }
                guard let type = revisions[resource.name]?[resource.revision] else {
                    throw .notFound(kind: "revision of resource '\(shown)'", name: String(resource.revision))
                }
                attached.append(ResourceAttachment(name: resource.name, revision: resource.revision, type: type))
            }
            typed.append(.release(revision: number, channels: channels, progressive: progressive, platforms: platforms, resources: attached))
        }
        return typed
    }

    // MARK: Audit

    /// The audit event of uploading `revision` of a resource of `package`.
    package static func event(uploading revision: ResourceRevision, on package: PackageContext, by context: some AuditingContext) throws -> AuditEvent {
        let charm = package.package.name.rawValue
        return context.event(
            "resource.upload", kind: .package, object: charm, package: charm, publisher: package.owner.username,
            after: try JSONColumn.encode(ResourceRecord(name: revision.name, revision: revision.revision, size: revision.size,
                                                        sha3_384: revision.sha3_384, bases: revision.bases)))
    }
}

/// What the audit log records about a resource revision.
struct ResourceRecord: Codable {
    var name: String
    var revision: Int
    var size: Int64
    var sha3_384: String
    var bases: [ResourceBase]
}

extension ResourceRevision {
    /// A resource revision from a `resource_revisions` row.
    package init(columns row: some ColumnReading) throws {
        self.init(
            name: try row.string("name"), revision: try row.int("revision"), type: try row.string("type"),
            size: try row.int64("size"), sha256: try row.string("sha256"), sha384: try row.string("sha384"),
            sha512: try row.string("sha512"), sha3_384: try row.string("sha3_384"),
            bases: try JSONColumn.decode([ResourceBase].self, from: try row.string("bases")),
            createdAt: try row.date("created_at"), updatedAt: try row.optionalDate("updated_at"),
            updatedBy: try row.optionalString("updated_by"), uploadID: try row.string("upload_id"))
    }
}

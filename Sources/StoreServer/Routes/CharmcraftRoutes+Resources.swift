import Foundation
import Hummingbird
import StoreModels
import StoreService

/// charmcraft's `resources`, `upload-resource`, `resource-revisions` and `set-resource-architectures`:
/// Charmhub's resource endpoints, for file resources.
///
/// A file resource's bytes come in through `POST /unscanned-upload/` like a charm's and stay in the
/// upload storage (kept for good, so any instance can serve them); the revision records their size and
/// digests (SHA-256, SHA-384 and SHA-512 read here in one pass, SHA3-384 computed on receipt).
/// OCI images need a registry this store does not run: their upload is refused with a message.
extension StoreAPI {
    func addCharmResourceRoutes(to routes: RouteTable) {
        let base = "/v1/charm/{name}/resources"
        routes.add(.get, base) { request, context in try await charmResources(request, context) }
        routes.add(.get, "\(base)/{resource}/revisions") { request, context in try await charmResourceRevisions(request, context) }
        routes.add(.post, "\(base)/{resource}/revisions") { request, context in try await charmPushResource(request, context) }
        routes.add(.patch, "\(base)/{resource}/revisions") { request, context in try await charmUpdateResourceRevisions(request, context) }
        routes.add(.get, "\(base)/{resource}/revisions/review") { request, context in try await charmResourceReview(request, context) }
        routes.add(.get, "\(base)/{resource}/oci-image/upload-credentials") { request, context in
            try await charmOCICredentials(request, context)
        }
    }

    /// `GET /v1/charm/{name}/resources`: each declared resource with the charm revision declaring it.
    func charmResources(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let name = try packageName(context)
        let identity = try context.account(toDo: "list resources")
        _ = try await charmPackage(name, as: identity)
        let declared = try await service(for: identity).resources(of: name)
        return try APIResponse.wire(CharmResourcesResponse(resources: declared.map(CharmResourceItem.init)))
    }

    /// `GET /v1/charm/{name}/resources/{resource}/revisions`: newest first.
    func charmResourceRevisions(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let name = try packageName(context)
        let resource = try resourceName(context)
        let identity = try context.account(toDo: "list resource revisions")
        _ = try await charmPackage(name, as: identity)
        let revisions = try await service(for: identity).resourceRevisions(of: name, named: resource)
        return try APIResponse.wire(CharmResourceRevisionsResponse(revisions: revisions.map(CharmResourceRevisionItem.init)))
    }

    /// `POST /v1/charm/{name}/resources/{resource}/revisions` `{"upload-id", "type", "bases"}`: makes the
    /// uploaded file the resource's next revision; `{"status-url"}`. Pushing the same upload again
    /// answers the same URL without a second revision.
    func charmPushResource(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let name = try packageName(context)
        let resource = try resourceName(context)
        let identity = try context.account(toDo: "upload a resource")
        var request = request
        let body = try await JSONBody.decode(CharmResourceUploadRequest.self, from: &request, limit: configuration.maxBodySize)
        let store = uploads
        let (id, record) = try await ownedUpload(body.uploadID, by: identity, in: store)
        let marker = Self.resourceUploadMarker(name, resource)
        let reply = try APIResponse.wire(["status-url": "/v1/charm/\(name.rawValue)/resources/\(resource)/revisions/review?upload-id=\(id)"])
        if let pushed = record.package {
            guard pushed == marker else {
                throw StoreError.conflict("upload \(id) was already pushed to '\(pushed)'; upload the file again")
            }
            return reply
        }
        let detail = try await charmPackage(name, as: identity)
        // Refused before the file is read.
        if case .denied(let reason) = Permissions.may(identity, .uploadRevision, on: packageAccess(detail, for: identity)) {
            throw StoreError.refused(reason, for: identity)
        }
        let digests = try await store.withFile(of: id) { [inspections] url in await inspections.run { FileDigests.of(fileAt: url) } }
        guard let digests else { throw StoreError.invalidInput("upload \(id) cannot be read; upload the file again") }
        let upload = ResourceUpload(
            uploadID: id, type: body.type ?? "file", bases: body.bases ?? [ResourceBase()], size: record.size,
            sha256: digests.sha256, sha384: digests.sha384, sha512: digests.sha512, sha3_384: record.sha3_384)
        let revision = try await service(for: identity).uploadResource(upload, named: resource, to: name)
        var pushed = record
        pushed.package = marker
        pushed.revision = revision.revision
        try await store.recordPushed(pushed, keepingBytes: true)
        context.logger.info("resource pushed", metadata: [
            "package": .string(name.rawValue), "resource": .string(resource), "revision": .stringConvertible(revision.revision),
        ])
        return reply
    }

    /// `GET /v1/charm/{name}/resources/{resource}/revisions/review?upload-id=`: one item, `approved` with
    /// the revision once pushed (file resources need no review), `new` before.
    func charmResourceReview(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let query = try QueryParameters(request.uri)
        try query.rejectUnknown(allowing: ["upload-id"])
        let name = try packageName(context)
        let resource = try resourceName(context)
        let identity = try context.account(toDo: "check an upload")
        guard let given = try query.string("upload-id", maxLength: 64) else {
            throw StoreError.invalidInput("the query needs upload-id, as the status-url gave it")
        }
        let revisions = try await service(for: identity).resourceRevisions(of: name, named: resource)
        guard let id = UploadID.canonical(given) else { throw uploadNotFound(given) }
        let review: CharmUploadReview
        if let revision = revisions.first(where: { $0.uploadID == id }) {
            review = CharmUploadReview(uploadID: id, status: "approved", revision: revision.revision, errors: nil)
        } else {
            guard let record = try await uploads.upload(id), record.uploaderID == identity.account?.id else { throw uploadNotFound(given) }
            review = CharmUploadReview(uploadID: record.uploadID, status: "new", revision: nil)
        }
        return try APIResponse.wire(CharmUploadReviewResponse(revisions: [review]))
    }

    /// `PATCH /v1/charm/{name}/resources/{resource}/revisions` `{"resource-revision-updates": [{revision, bases}]}`:
    /// `{"num-resource-revisions-updated"}`.
    func charmUpdateResourceRevisions(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let name = try packageName(context)
        let resource = try resourceName(context)
        let identity = try context.account(toDo: "change resource revisions")
        var request = request
        let body = try await JSONBody.decode(CharmResourceRevisionUpdates.self, from: &request, limit: configuration.maxBodySize)
        _ = try await charmPackage(name, as: identity)
        let changed = try await service(for: identity).updateResourceRevisions(
            body.updates.map { ResourceRevisionUpdate(revision: $0.revision, bases: $0.bases) }, of: name, named: resource)
        return try APIResponse.wire(CharmResourceRevisionsUpdated(count: changed.count))
    }

    /// `GET /v1/charm/{name}/resources/{resource}/oci-image/upload-credentials` (`upload-resource --image`):
    /// refused with a message, as this store runs no OCI registry.
    func charmOCICredentials(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let name = try packageName(context)
        let identity = try context.account(toDo: "upload a resource")
        _ = try await charmPackage(name, as: identity)
        throw StoreError.invalidInput(
            "this store hosts file resources only and runs no OCI registry; declare the resource as type: file, or use Charmhub for OCI images")
    }

    /// The `{resource}` path parameter, which must be a valid resource name.
    func resourceName(_ context: StoreRequestContext) throws(StoreError) -> String {
        let text = context.parameters.get("resource") ?? ""
        guard ResourceDeclaration.isValidName(text) else {
            throw .invalidInput("'\(QueryParameters.printable(String(text.prefix(64))))' is not a resource name")
        }
        return text
    }

    /// What an upload record's `package` says once the upload became a revision of a resource, so it
    /// cannot also be pushed as a charm revision (nor to another resource).
    static func resourceUploadMarker(_ name: PackageName, _ resource: String) -> String {
        "\(name.rawValue)/resources/\(resource)"
    }
}

import Foundation
import Hummingbird
import StoreModels
import StoreService

/// charmcraft's `upload` and `revisions`: the file, the revision made from it, the review poll, the list.
///
/// 1. `POST /unscanned-upload/` streams the file into the server's ``UploadStorage`` (the database by
///    default, or `--upload-dir`) and answers `{"successful": true, "upload_id"}`; the record keeps who
///    uploaded it.
/// 2. `POST /v1/charm/{name}/revisions` `{"upload-id"}` reads the file (``CharmFile``), uploads the revision
///    through ``StoreService/upload(_:to:)`` (automated checks: approved, queued for review, or rejected),
///    records the revision number with the upload and answers the relative `status-url`.
/// 3. `GET /v1/charm/{name}/revisions/review?upload-id=` reads the record and the revision: `new`, `scanned`
///    (waiting for a reviewer), `approved` or `rejected`.
///
/// Every step may reach a different server instance: the storage is shared.
extension StoreAPI {
    /// `POST /unscanned-upload/`: multipart, one file field `binary`.
    ///
    /// charmcraft sends credentials and the upload is its account's; snapcraft sends none (the Snap
    /// Store's upload server is anonymous), so an anonymous upload belongs to whoever pushes it first:
    /// its random id is the capability. Anonymous uploads count against a quota per client address.
    func charmUnscannedUpload(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let uploaderID: String
        let uploaderName: String
        if let account = context.identity.account {
            if account.isSuspended { throw StoreError.forbidden("your account is suspended") }
            guard account.role >= .publisher else { throw StoreError.forbidden("uploading needs the publisher role") }
            uploaderID = account.id
            uploaderName = account.username
        } else {
            uploaderID = Self.anonymousUploaderPrefix + ClientAddress.quotaKey(context.clientAddress)
            uploaderName = "anonymous"
        }
        var receiver = try MultipartFileReceiver(
            contentType: request.headers[.contentType], fieldName: "binary", limit: configuration.maxUploadSize)
        let store = uploads
        try await checkPendingQuota(of: uploaderID, in: store, adding: nil)
        let incoming = try store.makeIncomingFile()
        let received: MultipartFileReceiver.Received
        do {
            let handle = try FileHandle(forWritingTo: incoming)
            defer { try? handle.close() }
            received = try await receiver.receive(request.body, into: handle)
            try handle.synchronize()
            try await checkPendingQuota(of: uploaderID, in: store, adding: received.size)
        } catch {
            store.discard(incoming)
            throw error
        }
        let upload = ServerUpload(
            uploadID: UploadID.generate(), uploaderID: uploaderID, uploader: uploaderName,
            filename: received.filename.map(VisibleText.replacingControls),
            size: received.size, sha3_384: received.sha3_384, receivedAt: Date())
        try await store.commit(incoming: incoming, upload: upload)
        context.logger.info("upload received", metadata: [
            "upload.ref": .string(UploadID.logReference(upload.uploadID)), "upload.size": .stringConvertible(upload.size), "user": .string(uploaderName),
        ])
        return try APIResponse.wire(UnscannedUploadResponse(uploadID: upload.uploadID))
    }

    /// `POST /v1/charm/{name}/revisions` `{"upload-id"}`: makes the uploaded file a revision of `{name}`.
    ///
    /// Repeating the call for the same upload answers the same `status-url` without a second revision.
    /// A push that finds another push of the upload at work waits for it (or, when that one's process
    /// died, for its claim to lapse and takes over); a file that already became a revision of the
    /// package (its push was cut off before recording so) is not made a second one.
    func charmPushRevision(_ request: Request, _ context: StoreRequestContext, _ namespace: PublisherNamespace) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let name = try packageName(context)
        let identity = try context.account(toDo: "upload")
        var request = request
        let body = try await JSONBody.decode(CharmPushRevisionRequest.self, from: &request, limit: configuration.maxBodySize)
        let store = uploads
        let (id, record) = try await ownedUpload(body.uploadID, by: identity, in: store)
        let reply = try APIResponse.wire(CharmPushRevisionResponse(namespace: namespace.rawValue, name: name.rawValue, uploadID: id))
        if try alreadyPushed(record, to: name) { return reply }
        let detail = try await package(name, in: namespace, as: identity)
        // Checked here as well as by the store's upload: a push that finds its revision already made
        // answers without reaching the store.
        if case .denied(let reason) = Permissions.may(identity, .uploadRevision, on: packageAccess(detail, for: identity)) {
            throw StoreError.refused(reason, for: identity)
        }
        _ = try await makeRevision(ofUpload: id, to: name, as: identity, reading: namespace.fileKind, context: context)
        return reply
    }

    /// How an uploaded file is read.
    enum UploadedFileKind: Sendable {
        case charm
        /// A snap, released to the channels given once approved.
        case snap(releaseOnApproval: [Channel])

        /// Whether the file is kept once it became a revision: it is, for snaps and charms alike
        /// (devices and Juju download it).
        var keepsFile: Bool { true }
    }

    /// Makes upload `id` a revision of `name` (shared by charmcraft's and snapcraft's pushes): reads
    /// the file, uploads the revision through ``StoreService/upload(_:to:)`` and records it with the upload.
    ///
    /// A push that finds another push of the upload at work waits for it (or, when that one's process
    /// died, for its claim to lapse and takes over); a file that already became a revision of the
    /// package (its push was cut off before recording so) is not made a second one.
    /// - Returns: the revision; `nil` when another push holds the upload still (its poll says `new`).
    func makeRevision(
        ofUpload id: String, to name: PackageName, as identity: Identity, reading kind: UploadedFileKind,
        context: StoreRequestContext
    ) async throws -> Revision? {
        let store = uploads
        guard try await takeClaim(id, to: name, in: store) else {
            guard let current = try await store.upload(id), let number = current.revision else { return nil }
            return try await revision(number, of: name, as: identity)
        }
        let renewal = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int(ServerUpload.claimRenewal * 1000)))
                if Task.isCancelled { break }
                await store.renewClaim(id)
            }
        }
        defer { renewal.cancel() }
        do {
            guard var current = try await store.upload(id) else { throw uploadNotFound(id) }
            if try alreadyPushed(current, to: name) {
                await store.releaseClaim(id)
                guard let number = current.revision else { return nil }
                return try await revision(number, of: name, as: identity)
            }
            let revision: Revision
            if let earlier = try await allRevisions(of: name, as: identity).first(where: { $0.sha3_384 == current.sha3_384 }) {
                // An earlier push of these bytes made the revision, then was cut off before recording it.
                revision = earlier
            } else {
                let upload = try await readUpload(id, kind: kind, for: name, record: current, in: store)
                revision = try await service(for: identity).upload(upload, to: name)
            }
            current.package = name.rawValue
            current.revision = revision.number
            // A rejected revision's file is never downloaded: only approved and pending snaps keep theirs.
            let keeps = kind.keepsFile && !{ if case .rejected = revision.review { true } else { false } }()
            try await store.recordPushed(current, keepingBytes: keeps)
            await store.releaseClaim(id)
            context.logger.info("upload pushed", metadata: [
                "upload.ref": .string(UploadID.logReference(id)), "package": .string(name.rawValue), "revision": .stringConvertible(revision.number),
                "review": .string(revision.review.word),
            ])
            return revision
        } catch {
            await store.releaseClaim(id)
            throw error
        }
    }

    /// The revision upload file `id` describes, read as `kind` off the request threads.
    private func readUpload(
        _ id: String, kind: UploadedFileKind, for name: PackageName, record: ServerUpload, in store: any UploadStorage
    ) async throws -> RevisionUpload {
        switch kind {
        case .charm:
            let limits = CharmFile.Limits(maximumEntries: configuration.maxArchiveEntries)
            let (charm, digests) = try await store.withFile(of: id) { [inspections] url in
                await inspections.run { (CharmFile.inspect(fileAt: url, limits: limits), FileDigests.of(fileAt: url)) }
            }
            var upload = charm.revisionUpload(for: name, size: record.size, sha3_384: record.sha3_384, now: Date())
            upload.file = .upload(id: id)
            if let digests {
                upload.charmFile = CharmFileFacts(sha256: digests.sha256, metadataYAML: charm.metadataYAML, configYAML: charm.configYAML)
            }
            return upload
        case .snap(let channels):
            let limits = SnapFile.Limits(unsquashfs: configuration.unsquashfs)
            let snap = try await store.withFile(of: id) { [inspections] url in
                await inspections.run { SnapFile.inspect(fileAt: url, limits: limits) }
            }
            var upload = snap.revisionUpload(for: name, size: record.size, sha3_384: record.sha3_384)
            upload.releaseOnApproval = channels
            upload.file = .upload(id: id)
            return upload
        }
    }

    /// Takes the claim to push upload `id`, waiting while another push holds it: `true` once taken,
    /// `false` when that push recorded the revision meanwhile (or still holds it after a lease and
    /// a half; the review poll then says `new` until it ends).
    private func takeClaim(_ id: String, to name: PackageName, in store: any UploadStorage) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(ServerUpload.claimLease * 1500))
        while true {
            if try await store.claim(id) { return true }
            if let current = try await store.upload(id), try alreadyPushed(current, to: name) { return false }
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    /// `GET /v1/charm/{name}/revisions/review?upload-id=ID`: exactly one item with the upload's review state.
    func charmUploadReview(_ request: Request, _ context: StoreRequestContext, _ namespace: PublisherNamespace) async throws -> APIResponse {
        let query = try QueryParameters(request.uri)
        try query.rejectUnknown(allowing: ["upload-id"])
        let name = try packageName(context)
        guard let given = try query.string("upload-id", maxLength: 64) else {
            throw StoreError.invalidInput("the query needs upload-id, as the status-url gave it")
        }
        let identity = try context.account(toDo: "check an upload")
        guard let id = UploadID.canonical(given), let record = try await uploads.upload(id) else { throw uploadNotFound(given) }
        let review: CharmUploadReview
        if let package = record.package, let number = record.revision {
            guard package == name.rawValue else { throw uploadNotFound(id) }
            guard let revision = try await revision(number, of: name, as: identity) else { throw uploadNotFound(id) }
            review = CharmcraftDocuments.uploadReview(uploadID: id, revision: revision)
        } else {
            guard record.uploaderID == identity.account?.id else { throw uploadNotFound(id) }
            review = CharmcraftDocuments.uploadReview(uploadID: id, revision: nil)
        }
        return try APIResponse.wire(CharmUploadReviewResponse(revisions: [review]))
    }

    /// `GET /v1/charm/{name}/revisions`: every revision, newest first; `released` for those a channel serves.
    func charmRevisions(_ request: Request, _ context: StoreRequestContext, _ namespace: PublisherNamespace) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let name = try packageName(context)
        let identity = try context.account(toDo: "list revisions")
        _ = try await package(name, in: namespace, as: identity)
        let revisions = try await allRevisions(of: name, as: identity)
        let released = try await service(for: identity).channelMap(of: name).releasedRevisions
        switch namespace {
        case .charm:
            return try APIResponse.wire(CharmRevisionsResponse(
                revisions: revisions.map { CharmcraftDocuments.revision($0, released: released.contains($0.number)) }))
        case .snap:
            return try APIResponse.wire(SnapRevisionsV1Response(
                revisions: revisions.map { SnapPublisherRevision($0, status: released.contains($0.number) ? "released" : $0.review.word) }))
        }
    }

    // MARK: Helpers

    /// Refuses an upload that would take `account` past its quota of uploads not yet pushed
    /// (``ServerConfiguration/maxPendingUploads`` and ``ServerConfiguration/maxPendingUploadBytes``):
    /// before the body is read (`adding` nil: is there room for one more?) and once its size is known.
    private func checkPendingQuota(of uploaderID: String, in store: any UploadStorage, adding size: Int64?) async throws {
        let pending = try await store.pendingUploads(of: uploaderID)
        let count = configuration.maxPendingUploads
        let bytes = configuration.maxPendingUploadBytes
        if pending.count >= count {
            throw HTTPFailure.uploadQuotaExceeded(
                "you have \(pending.count) uploads not yet pushed to a package (at most \(count)); push them (charmcraft upload does) or wait a day for them to expire")
        }
        if pending.bytes + (size ?? 0) > bytes {
            throw HTTPFailure.uploadQuotaExceeded(
                "your uploads not yet pushed to a package would take \(pending.bytes + (size ?? 0)) bytes (at most \(bytes)); push them or wait a day for them to expire")
        }
        // Anonymous uploads from every client together: many addresses cannot fill the disk.
        if uploaderID.hasPrefix(Self.anonymousUploaderPrefix) {
            let all = try await store.pendingUploads(startingWith: Self.anonymousUploaderPrefix)
            let cap = configuration.maxAnonymousPendingUploadBytes
            if all.bytes + (size ?? 0) > cap {
                throw HTTPFailure.uploadQuotaExceeded(
                    "anonymous uploads not yet pushed to a package would take \(all.bytes + (size ?? 0)) bytes from all clients (at most \(cap)); push yours, or try again later")
            }
        }
    }

    /// The upload `given` names, which the caller must have uploaded (or which was uploaded anonymously).
    func ownedUpload(
        _ given: String, by identity: Identity, in store: any UploadStorage
    ) async throws -> (String, ServerUpload) {
        guard let id = UploadID.canonical(given), let record = try await store.upload(id),
              record.uploaderID == identity.account?.id || record.uploaderID.hasPrefix(Self.anonymousUploaderPrefix) else {
            throw uploadNotFound(given)
        }
        return (id, record)
    }

    /// The uploader id of an anonymous upload starts so, followed by the client address.
    static let anonymousUploaderPrefix = "anonymous:"

    /// Whether the upload already became a revision of `name`.
    /// - Throws: 409 when it became a revision of another package.
    func alreadyPushed(_ record: ServerUpload, to name: PackageName) throws -> Bool {
        guard let package = record.package else { return false }
        guard package == name.rawValue else {
            throw StoreError.conflict("upload \(record.uploadID) was already pushed to '\(package)'; upload the file again")
        }
        return true
    }

    func uploadNotFound(_ id: String) -> StoreError {
        .notFound(kind: "upload", name: QueryParameters.printable(String(id.prefix(64))))
    }
}

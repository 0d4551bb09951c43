import Foundation
import Hummingbird
import StoreModels
import StoreService

/// snapcraft's `upload`: the precheck, the file, the push and the status poll.
///
/// 1. `POST /dev/api/snap-push/` `{name, dry_run: true}`: may the caller upload to `name`?
/// 2. `POST /unscanned-upload/`: the file (snapcraft sends it without credentials; the upload id it
///    gets back is the capability to push it).
/// 3. `POST /dev/api/snap-push/` `{name, updown_id, channels?}`: reads `meta/snap.yaml` (``SnapFile``),
///    uploads the revision (automated checks: approved, queued for review or rejected) to be released
///    to `channels` once approved (at once, or when a reviewer approves it), and answers the absolute `status_details_url`. The work is done
///    before the answer, so snapcraft's first poll (sent at once) already finds it processed.
/// 4. `GET /dev/api/snap-status/{upload_id}` (no credentials): `processed`, `code`, `revision`, `errors`.
extension StoreAPI {
    /// `POST /dev/api/snap-push/`: the precheck or the push.
    func snapPush(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let identity = try context.account(toDo: "upload")
        var request = request
        let body = try await JSONBody.decode(SnapcraftPushRequest.self, from: &request, limit: configuration.maxBodySize)
        let name = try snapName(body.name)
        let detail = try await snapPackage(name, as: identity)
        if case .denied(let reason) = Permissions.may(identity, .uploadRevision, on: packageAccess(detail, for: identity)) {
            throw StoreError.refused(reason, for: identity)
        }
        if body.dryRun == true { return try APIResponse.json([String: String]()) }
        if body.deltaFormat != nil {
            throw StoreError.invalidInput("this store takes whole snaps only, not deltas; upload the full snap")
        }
        if let series = body.series, series != Self.snapSeries {
            throw StoreError.invalidInput("this store takes snaps of series \(Self.snapSeries) only")
        }
        guard let given = body.updownID else { throw StoreError.invalidInput("the push needs updown_id, the id /unscanned-upload/ gave") }
        let channels = try (body.channels ?? []).prefix(100).map(Self.parseChannel)
        let (id, record) = try await ownedUpload(given, by: identity, in: uploads)
        let reply = try APIResponse.json(
            SnapcraftPushResponse(statusDetailsURL: publicBaseURL(of: request) + "/dev/api/snap-status/\(id)", uploadID: id),
            status: .accepted)
        if try alreadyPushed(record, to: name) { return reply }
        _ = try await makeRevision(ofUpload: id, to: name, as: identity, reading: .snap(releaseOnApproval: channels), context: context)
        return reply
    }

    /// `GET /dev/api/snap-status/{upload_id}`: where the upload stands.
    ///
    /// Always a JSON document with `processed` (snapcraft 4.8.1 polls until it is true and never looks
    /// at the status code): an unknown upload or a failure is `processed` with `processing_error`.
    func snapUploadStatus(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let status: SnapcraftUploadStatus
        do {
            status = try await uploadStatus(context)
        } catch StoreError.unavailable, StoreError.rateLimited {
            // A passing failure of the store: snapcraft polls again in 5 s.
            status = SnapcraftUploadStatus(processed: false, code: "being_processed", revision: nil, canRelease: false, errors: [], url: nil)
        } catch {
            let failure = HTTPFailure(error, logger: context.logger)
            status = SnapcraftUploadStatus(
                processed: true, code: "processing_error", revision: nil, canRelease: false,
                errors: [DashboardErrorText(message: failure.item.message)], url: nil)
        }
        return try APIResponse.json(status)
    }

    private func uploadStatus(_ context: StoreRequestContext) async throws -> SnapcraftUploadStatus {
        let given = context.parameters.get("id") ?? ""
        guard let id = UploadID.canonical(given), let record = try await uploads.upload(id) else { throw uploadNotFound(given) }
        guard let package = record.package, let number = record.revision else {
            return SnapcraftUploadStatus(processed: false, code: "being_processed", revision: nil, canRelease: false, errors: [], url: nil)
        }
        let name = try PackageName(package)
        guard let revision = try await revision(number, of: name, as: configuration.catalogueReader) else { throw uploadNotFound(id) }
        return Self.uploadStatus(of: revision)
    }

    /// The status document of a revision made from an upload.
    static func uploadStatus(of revision: Revision) -> SnapcraftUploadStatus {
        switch revision.review {
        case .approved:
            return SnapcraftUploadStatus(
                processed: true, code: "ready_to_release", revision: revision.number, canRelease: true, errors: [], url: nil)
        case .pending:
            let flagged = revision.checks.filter { $0.severity >= .needsReview }.map { DashboardErrorText(message: $0.message) }
            return SnapcraftUploadStatus(
                processed: true, code: "need_manual_review", revision: revision.number, canRelease: false, errors: flagged, url: nil)
        case .rejected:
            let errors = (CharmcraftDocuments.errors(of: revision.review) ?? []).map { DashboardErrorText(message: $0.message) }
            return SnapcraftUploadStatus(
                processed: true, code: "processing_error", revision: revision.number, canRelease: false, errors: errors, url: nil)
        }
    }
}

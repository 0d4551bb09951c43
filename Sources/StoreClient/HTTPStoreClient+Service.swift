import Foundation
import StoreAPI
import StoreModels
import StoreService

/// `GET`/`POST`/`DELETE` on `/api/v1`, one per ``StoreService`` call.
extension HTTPStoreClient {
    static let api = ["api", "v1"]

    private static func package(_ name: PackageName, _ rest: String...) -> [String] { api + ["packages", name.rawValue] + rest }

    // MARK: Catalogue

    public func search(_ query: SearchQuery) async throws(StoreError) -> Page<PackageSummary> {
        let page = try await get(APIPage<APIPackageSummary>.self, Self.api + ["packages"], query: [
            ("q", query.text.isEmpty ? nil : query.text), ("type", query.type?.rawValue), ("category", query.category),
            ("publisher", query.publisher), ("verified", query.verifiedOnly ? "true" : nil),
            ("sort", query.sort?.parameter), ("cursor", query.cursor),
            ("limit", String(min(max(query.limit, 1), SearchQuery.maximumLimit))),
        ])
        return page.page(\.domain)
    }

    public func package(named name: PackageName) async throws(StoreError) -> PackageDetail {
        try await get(APIPackageDetail.self, Self.package(name)).domain
    }

    public func revisions(of name: PackageName, query: RevisionQuery) async throws(StoreError) -> Page<Revision> {
        try await get(APIPage<Revision>.self, Self.package(name, "revisions"), query: [
            ("architecture", query.architecture?.rawValue), ("status", query.reviewStatus), ("cursor", query.cursor),
            ("limit", String(min(max(query.limit, 1), 500))),
        ]).page
    }

    public func channelMap(of name: PackageName) async throws(StoreError) -> ChannelMap {
        try await get(ChannelMap.self, Self.package(name, "channel-map"))
    }

    public func categories() async throws(StoreError) -> [String] {
        try await get(APICategories.self, Self.api + ["categories"]).categories
    }

    /// `GET /api/v1/packages/{name}/metrics?days=&breakdown=&last-day=`.
    public func packageMetrics(name: String, range: MetricsRange, breakdown: MetricsBreakdown) async throws(StoreError) -> PackageMetrics {
        try await get(PackageMetrics.self, Self.api + ["packages", name, "metrics"], query: [
            ("days", String(range.days)), ("breakdown", breakdown.rawValue), ("last-day", range.lastDay),
        ])
    }

    // MARK: Publishing

    public func myPackages(includeCollaborations: Bool) async throws(StoreError) -> [PackageSummary] {
        try await get(APIList<APIPackageSummary>.self, Self.api + ["me", "packages"], query: [
            ("include-collaborations", includeCollaborations ? "true" : nil),
        ]).items.map(\.domain)
    }

    public func packages(ofPublisher username: String) async throws(StoreError) -> [PackageSummary] {
        try await get(APIList<APIPackageSummary>.self, Self.api + ["publishers", username, "packages"], query: []).items.map(\.domain)
    }

    public func registerName(_ name: PackageName, type: PackageType, isPrivate: Bool) async throws(StoreError) -> Package {
        try await send(.POST, Self.api + ["packages"], body: APIRegisterNameRequest(name: name.rawValue, type: type, isPrivate: isPrivate),
                       as: Package.self)
    }

    public func upload(_ upload: RevisionUpload, to name: PackageName) async throws(StoreError) -> Revision {
        try await send(.POST, Self.package(name, "revisions"), body: APIRevisionUpload(upload), as: Revision.self)
    }

    public func apply(_ plan: ReleasePlan, to name: PackageName, expecting version: Int?) async throws(StoreError) -> PlanOutcome {
        let headers = version.map { [("If-Match", "\"cm-\($0)\"")] } ?? []
        return try await send(.POST, Self.package(name, "releases"), body: plan, headers: headers, as: PlanOutcome.self)
    }

    public func unregisterName(_ name: PackageName) async throws(StoreError) -> Package {
        try await send(.DELETE, Self.package(name), body: Optional<APICollaborator>.none, as: Package.self)
    }

    public func updateTracks(of name: PackageName, opening tracks: [String], defaultTrack: String?) async throws(StoreError) -> Package {
        try await send(.POST, Self.package(name, "tracks"), body: APITracksRequest(open: tracks, defaultTrack: defaultTrack), as: Package.self)
    }

    public func addCollaborator(_ username: String, to name: PackageName) async throws(StoreError) {
        _ = try await send(.POST, Self.package(name, "collaborators"), body: APICollaborator(username: username), as: APICollaborator.self)
    }

    // MARK: Devices

    public func packageNames(ids: [String]) async throws(StoreError) -> [String: PackageName] {
        guard !ids.isEmpty else { return [:] }
        return try await send(.POST, Self.api + ["packages", "lookup"], body: APIPackageLookup(ids: ids), as: APIPackageLookup.self).names ?? [:]
    }

    /// The lookup answered from the per-package calls (the API has no batched read: the server makes
    /// this read itself, on its engine). Revisions come from the revision list, so a caller who may not
    /// list the package's revisions gets none.
    public func refreshCatalogue(_ lookup: RefreshLookup) async throws(StoreError) -> RefreshCatalogue {
        guard lookup.packages.count <= PackageLookup.maximumIDs else {
            throw .invalidInput("at most \(PackageLookup.maximumIDs) packages in one refresh lookup (got \(lookup.packages.count))")
        }
        let ids = lookup.ids
        var catalogue = RefreshCatalogue(names: ids.isEmpty ? [:] : try await packageNames(ids: ids))
        for (reference, asked) in lookup.packages {
            let name: PackageName
            switch reference {
            case .id(let id): guard let found = catalogue.names[id] else { continue }; name = found
            case .name(let named): name = named
            }
            do throws(StoreError) {
                let detail = try await package(named: name)
                let map = try await channelMap(of: name)
                var revisions = catalogue.packages[name]?.revisions ?? [:]
                for revision in try await listedRevisions(of: name) where map.releasedRevisions.contains(revision.number)
                    || (asked.contains(revision.number) && revision.review.isApproved) {
                    revisions[revision.number] = revision
                }
                catalogue.packages[name] = RefreshCatalogue.Entry(detail: detail, map: map, revisions: revisions)
            } catch {
                switch error {
                case .notFound, .forbidden: continue
                default: throw error
                }
            }
        }
        return catalogue
    }

    /// Every revision of `name` the caller may list; none when it may not.
    private func listedRevisions(of name: PackageName) async throws(StoreError) -> [Revision] {
        var revisions: [Revision] = []
        var cursor: String?
        repeat {
            let page: Page<Revision>
            do throws(StoreError) { page = try await self.revisions(of: name, query: RevisionQuery(cursor: cursor, limit: 500)) } catch {
                switch error {
                case .forbidden, .unauthenticated: return []
                default: throw error
                }
            }
            revisions += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return revisions
    }

    /// The revision's download, its file being the URL devices fetch it from.
    public func download(of name: PackageName, revision: Int) async throws(StoreError) -> RevisionDownload {
        try await get(RevisionDownload.self, Self.package(name, "revisions", String(revision), "download"))
    }

    // MARK: Charm libraries (Charmhub's own endpoints)

    private static let libraries = ["v1", "charm", "libraries"]

    public func registerLibrary(named library: String, in charm: PackageName) async throws(StoreError) -> String {
        try await send(.POST, Self.libraries + [charm.rawValue], body: CharmLibraryRegistration(libraryName: library),
                       as: CharmLibraryRegistered.self).libraryID
    }

    public func publishLibrary(_ publication: LibraryPublication, in charm: PackageName) async throws(StoreError) -> Library {
        let body = CharmLibraryPublication(api: publication.api, patch: publication.patch, content: publication.content, hash: publication.hash)
        return try Self.domain(try await send(
            .POST, Self.libraries + [charm.rawValue, publication.libraryID], body: body, as: CharmLibrary.self))
    }

    public func libraries(_ queries: [LibraryQuery]) async throws(StoreError) -> [Library] {
        let items = queries.map { query in
            switch query.subject {
            case .id(let id): CharmLibraryRequestItem(libraryID: id, api: query.api, patch: query.patch)
            case .charm(let charm, let library):
                CharmLibraryRequestItem(charmName: charm.rawValue, libraryName: library, api: query.api, patch: query.patch)
            }
        }
        let reply = try await send(.POST, Self.libraries + ["bulk"], body: items, as: CharmLibrariesResponse.self)
        var found: [Library] = []
        for library in reply.libraries { found.append(try Self.domain(library)) }
        return found
    }

    public func library(id: String, in charm: PackageName, api: Int?, patch: Int?) async throws(StoreError) -> Library {
        try Self.domain(try await get(CharmLibrary.self, Self.libraries + [charm.rawValue, id], query: [
            ("api", api.map(String.init)), ("patch", patch.map(String.init)),
        ]))
    }

    private static func domain(_ library: CharmLibrary) throws(StoreError) -> Library {
        do { return try library.domain() } catch {
            throw .server(status: 502, message: "the server sent a library of an invalid charm name", requestID: nil)
        }
    }

    // MARK: Charm resources (Charmhub's own endpoints)

    private static func resources(_ charm: PackageName, _ rest: String...) -> [String] { ["v1", "charm", charm.rawValue, "resources"] + rest }

    public func resources(of charm: PackageName) async throws(StoreError) -> [DeclaredResource] {
        try await get(CharmResourcesResponse.self, Self.resources(charm)).resources.map(\.domain)
    }

    /// Pushes `upload.uploadID` (a file sent with ``pushFile(_:filename:)``) as the resource's next
    /// revision; the server reads the size and digests from the file, so `upload`'s are not sent.
    public func uploadResource(_ upload: ResourceUpload, named resource: String, to charm: PackageName) async throws(StoreError) -> ResourceRevision {
        let body = CharmResourceUploadRequest(uploadID: upload.uploadID, type: upload.type, bases: upload.bases)
        let pushed = try await send(.POST, Self.resources(charm, resource, "revisions"), body: body, as: [String: String].self)
        guard pushed["status-url"] != nil else {
            throw .server(status: 502, message: "the server's reply to a resource push has no status-url", requestID: nil)
        }
        let review = try await get(CharmUploadReviewResponse.self, Self.resources(charm, resource, "revisions", "review"),
                                   query: [("upload-id", upload.uploadID)])
        guard let number = review.revisions.first?.revision,
              var revision = try await resourceRevisions(of: charm, named: resource).first(where: { $0.revision == number }) else {
            throw .server(status: 502, message: "the server did not say which revision the push made", requestID: nil)
        }
        revision.uploadID = upload.uploadID
        return revision
    }

    public func resourceRevisions(of charm: PackageName, named resource: String) async throws(StoreError) -> [ResourceRevision] {
        try await get(CharmResourceRevisionsResponse.self, Self.resources(charm, resource, "revisions")).revisions.map(\.domain)
    }

    public func updateResourceRevisions(
        _ updates: [ResourceRevisionUpdate], of charm: PackageName, named resource: String
    ) async throws(StoreError) -> [ResourceRevision] {
        let body = CharmResourceRevisionUpdates(updates: updates.map { .init(revision: $0.revision, bases: $0.bases) })
        _ = try await send(.PATCH, Self.resources(charm, resource, "revisions"), body: body, as: CharmResourceRevisionsUpdated.self)
        let asked = Set(updates.map(\.revision))
        return try await resourceRevisions(of: charm, named: resource).filter { asked.contains($0.revision) }
    }

    // MARK: Review

    public func reviewQueue(cursor: String?, limit: Int) async throws(StoreError) -> Page<ReviewItem> {
        try await get(APIPage<APIReviewItem>.self, Self.api + ["reviews"], query: [
            ("cursor", cursor), ("limit", String(min(max(limit, 1), 500))),
        ]).page(\.domain)
    }

    public func review(_ name: PackageName, revision: Int, decision: ReviewDecision) async throws(StoreError) -> Revision {
        try await send(.POST, Self.package(name, "revisions", String(revision), "review"), body: APIReviewDecision(decision),
                       as: Revision.self)
    }

    // MARK: Publishers

    public func publisher(username: String) async throws(StoreError) -> Publisher {
        try await get(Publisher.self, Self.api + ["publishers", username])
    }

    public func publishers(matching text: String, cursor: String?, limit: Int) async throws(StoreError) -> Page<Publisher> {
        try await get(APIPage<Publisher>.self, Self.api + ["publishers"], query: [
            ("q", text.isEmpty ? nil : text), ("cursor", cursor), ("limit", String(min(max(limit, 1), 500))),
        ]).page
    }

    public func setValidation(_ validation: Publisher.Validation, of username: String, reason: String?) async throws(StoreError) -> Publisher {
        try await send(.POST, Self.api + ["publishers", username, "validation"],
                       body: APIValidationRequest(validation: validation, reason: reason), as: Publisher.self)
    }

    public func suspend(_ username: String, reason: String) async throws(StoreError) -> Publisher {
        try await send(.POST, Self.api + ["publishers", username, "suspend"], body: APIReasonRequest(reason: reason), as: Publisher.self)
    }

    public func unsuspend(_ username: String, reason: String) async throws(StoreError) -> Publisher {
        try await send(.POST, Self.api + ["publishers", username, "unsuspend"], body: APIReasonRequest(reason: reason), as: Publisher.self)
    }

    // MARK: Tokens and audit

    public func issueToken(
        username: String, role: Role, expiresAt: Date?, description: String, email: String?
    ) async throws(StoreError) -> IssuedToken {
        try await send(.POST, Self.api + ["tokens"],
                       body: APITokenRequest(username: username, role: role, expiresAt: expiresAt, description: description, email: email),
                       as: APIIssuedToken.self).domain
    }

    public func tokens(username: String?) async throws(StoreError) -> [TokenInfo] {
        try await get(APIList<TokenInfo>.self, Self.api + ["tokens"], query: [("username", username)]).items
    }

    public func revokeToken(id: String) async throws(StoreError) {
        _ = try await send(.DELETE, Self.api + ["tokens", id], body: Optional<APIReasonRequest>.none, as: APIRevokedToken.self)
    }

    public func auditLog(_ query: AuditQuery) async throws(StoreError) -> Page<AuditEvent> {
        try await get(APIPage<AuditEvent>.self, Self.api + ["audit"], query: [
            ("actor", query.actor), ("package", query.package), ("publisher", query.publisher), ("action", query.action), ("q", query.text),
            ("cursor", query.cursor), ("limit", String(min(max(query.limit, 1), 500))),
        ]).page
    }
}

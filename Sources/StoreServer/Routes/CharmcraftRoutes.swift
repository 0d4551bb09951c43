import Hummingbird
import StoreAPI
import StoreModels
import StoreService

extension StoreAPI {
    /// The charmcraft-compatible publisher API: what `charmcraft` 4.x calls with `CHARMCRAFT_STORE_API_URL`
    /// and `CHARMCRAFT_UPLOAD_URL` pointing at this server (see `Sources/StoreServer/Resources/openapi.yaml`, tag `charmcraft`).
    ///
    /// Documents are Charmhub's (StoreModels/Wire `Charm*` types, kebab-case keys); errors use the same
    /// `error-list` envelope as everything else, always 4xx for expected failures (charmcraft retries 5xx).
    /// charmcraft authenticates with `Authorization: Macaroon <token>`, which ``authenticator`` accepts.
    func addCharmcraftRoutes(to routes: RouteTable) {
        routes.add(.get, "/v1/tokens/whoami") { request, context in try await charmWhoami(request, context) }
        addCharmLibraryRoutes(to: routes)
        addCharmResourceRoutes(to: routes)
        routes.add(.post, Self.unscannedUploadPath, replaysIdempotently: false) { request, context in try await charmUnscannedUpload(request, context) }
        for namespace in PublisherNamespace.allCases { addPublisherGatewayRoutes(namespace, to: routes) }
    }

    /// The routes of one namespace (`/v1/charm…` or `/v1/snap…`), served by the same handlers.
    func addPublisherGatewayRoutes(_ namespace: PublisherNamespace, to routes: RouteTable) {
        let base = namespace.path
        routes.add(.get, base) { request, context in try await charmNames(request, context, namespace) }
        routes.add(.post, base) { request, context in try await charmRegister(request, context, namespace) }
        routes.add(.get, "\(base)/{name}") { request, context in try await charmMetadata(request, context, namespace) }
        routes.add(.delete, "\(base)/{name}") { request, context in try await charmUnregister(request, context, namespace) }
        routes.add(.post, "\(base)/{name}/tracks") { request, context in try await charmCreateTracks(request, context, namespace) }
        routes.add(.get, "\(base)/{name}/revisions") { request, context in try await charmRevisions(request, context, namespace) }
        routes.add(.post, "\(base)/{name}/revisions") { request, context in try await charmPushRevision(request, context, namespace) }
        routes.add(.get, "\(base)/{name}/revisions/review") { request, context in try await charmUploadReview(request, context, namespace) }
        routes.add(.get, "\(base)/{name}/releases") { request, context in try await charmReleases(request, context, namespace) }
        routes.add(.post, "\(base)/{name}/releases") { request, context in try await charmRelease(request, context, namespace) }
    }

    /// Where charmcraft sends files: `{CHARMCRAFT_UPLOAD_URL}/unscanned-upload/`.
    static let unscannedUploadPath = "/unscanned-upload/"

    /// The body limits of the upload paths (with and without the trailing slash), for ``RequestLimitsMiddleware``.
    static func uploadBodyLimits(_ configuration: ServerConfiguration) -> [String: Int] {
        // The multipart envelope adds a few hundred bytes around the file.
        let limit = configuration.maxUploadSize + 64 * 1024
        return [unscannedUploadPath: limit, String(unscannedUploadPath.dropLast()): limit]
    }

    // MARK: Shared steps

    /// The package `{name}` names, which must be a charm (or bundle) the caller can see.
    /// - Throws: 404 `resource-not-found` for a snap, besides what ``StoreService/package(named:)`` throws.
    func charmPackage(_ name: PackageName, as identity: Identity) async throws -> PackageDetail {
        try await package(name, in: .charm, as: identity)
    }

    /// The package `{name}` names, which must be of `namespace` and visible to the caller.
    /// - Throws: 404 `resource-not-found` for a package of another namespace, besides what
    ///   ``StoreService/package(named:)`` throws.
    func package(_ name: PackageName, in namespace: PublisherNamespace, as identity: Identity) async throws -> PackageDetail {
        let detail = try await service(for: identity).package(named: name)
        guard namespace.holds(detail.package.type) else {
            throw HTTPFailure(
                .notFound, code: "resource-not-found",
                message: "No \(namespace.rawValue) named '\(name.rawValue)' found ('\(name.rawValue)' is a \(detail.package.type.rawValue)).",
                extra: APIErrorExtra(kind: "package", name: name.rawValue))
        }
        return detail
    }

    /// What ``Permissions/may(_:_:on:)`` needs to know about a package, from its detail as `identity` read it.
    ///
    /// `PackageDetail.collaborators` holds usernames while ``PackageAccess`` holds account ids, so the
    /// caller's own id stands in when their username is listed (and when they are the publisher).
    func packageAccess(_ detail: PackageDetail, for identity: Identity) -> PackageAccess {
        var collaborators = Set(detail.collaborators)
        var ownerID = detail.package.publisherID
        if let account = identity.account {
            if detail.collaborators.contains(account.username) { collaborators.insert(account.id) }
            if detail.publisher.username == account.username { ownerID = account.id }
        }
        return PackageAccess(
            ownerID: ownerID, collaboratorIDs: collaborators, isPrivate: detail.package.isPrivate,
            ownerSuspended: detail.publisher.status.isSuspended, isQuarantined: detail.package.status == .quarantined)
    }

    /// Every revision of a package, newest first (all pages).
    func allRevisions(of name: PackageName, as identity: Identity) async throws -> [Revision] {
        var revisions: [Revision] = []
        var cursor: String?
        repeat {
            try Task.checkCancellation()
            let page = try await service(for: identity).revisions(of: name, query: RevisionQuery(cursor: cursor, limit: 500))
            revisions += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return revisions
    }

    /// One revision by number; `nil` when the package has none with that number.
    func revision(_ number: Int, of name: PackageName, as identity: Identity) async throws -> Revision? {
        var cursor: String?
        repeat {
            try Task.checkCancellation()
            let page = try await service(for: identity).revisions(of: name, query: RevisionQuery(cursor: cursor, limit: 100))
            if let found = page.items.first(where: { $0.number == number }) { return found }
            // Newest first: once the page goes below the number, it is not there.
            if let last = page.items.last, last.number < number { return nil }
            cursor = page.nextCursor
        } while cursor != nil
        return nil
    }
}

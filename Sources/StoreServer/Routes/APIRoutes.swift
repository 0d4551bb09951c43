import Hummingbird
import StoreAPI
import StoreModels
import StoreService

extension StoreAPI {
    /// The store's own API for the console's client, one endpoint per ``StoreService`` call:
    /// catalogue reads (anonymous allowed) and publishing (login required).
    func addAPIRoutes(to routes: RouteTable) {
        routes.add(.get, "/api/v1/whoami") { request, context in
            _ = try QueryParameters(request.uri).decode(NoParameters.self)
            return try APIResponse.json(context.identity)
        }
        routes.add(.get, "/api/v1/packages") { request, context in try await search(request, context) }
        routes.add(.post, "/api/v1/packages") { request, context in try await registerName(request, context) }
        routes.add(.get, "/api/v1/packages/{name}") { request, context in
            _ = try QueryParameters(request.uri).decode(NoParameters.self)
            let name = try packageName(context)
            let identity = context.identity
            return try APIResponse.json(APIPackageDetail(try await service(for: identity).package(named: name)))
        }
        routes.add(.delete, "/api/v1/packages/{name}") { request, context in
            _ = try QueryParameters(request.uri).decode(NoParameters.self)
            let name = try packageName(context)
            let identity = try context.account(toDo: "unregister a name")
            return try APIResponse.json(try await service(for: identity).unregisterName(name))
        }
        routes.add(.get, "/api/v1/packages/{name}/revisions") { request, context in try await revisions(request, context) }
        routes.add(.post, "/api/v1/packages/{name}/revisions") { request, context in try await upload(request, context) }
        routes.add(.get, "/api/v1/packages/{name}/channel-map") { request, context in try await channelMap(request, context) }
        routes.add(.get, "/api/v1/packages/{name}/metrics") { request, context in try await packageMetrics(request, context) }
        routes.add(.post, "/api/v1/packages/{name}/releases") { request, context in try await apply(request, context) }
        routes.add(.post, "/api/v1/packages/{name}/tracks") { request, context in
            _ = try QueryParameters(request.uri).decode(NoParameters.self)
            let name = try packageName(context)
            let identity = try context.account(toDo: "change tracks")
            var request = request
            let body = try await JSONBody.decode(APITracksRequest.self, from: &request, limit: configuration.maxBodySize)
            return try APIResponse.json(
                try await service(for: identity).updateTracks(of: name, opening: body.open ?? [], defaultTrack: body.defaultTrack))
        }
        routes.add(.post, "/api/v1/packages/{name}/collaborators") { request, context in
            let name = try packageName(context)
            let identity = try context.account(toDo: "add collaborators")
            var request = request
            let body = try await JSONBody.decode(APICollaborator.self, from: &request, limit: configuration.maxBodySize)
            try await service(for: identity).addCollaborator(body.username, to: name)
            return try APIResponse.json(body)
        }
        routes.add(.post, "/api/v1/packages/lookup") { request, context in
            _ = try QueryParameters(request.uri).decode(NoParameters.self)
            var request = request
            let body = try await JSONBody.decode(APIPackageLookup.self, from: &request, limit: configuration.maxBodySize)
            let names = try await service(for: context.identity).packageNames(ids: body.ids ?? [])
            return try APIResponse.json(APIPackageLookup(names: names))
        }
        routes.add(.get, "/api/v1/packages/{name}/revisions/{revision}/download") { request, context in
            _ = try QueryParameters(request.uri).decode(NoParameters.self)
            let name = try packageName(context)
            guard let number = context.parameters.get("revision").flatMap(Int.init), number > 0 else {
                throw StoreError.invalidInput("a revision number is a whole number above 0")
            }
            var download = try await service(for: context.identity).download(of: name, revision: number)
            download.file = .url(downloadURL(packageID: download.packageID, revision: number, type: download.type, request: request))
            return try APIResponse.json(download)
        }
        routes.add(.get, "/api/v1/categories") { request, context in
            _ = try QueryParameters(request.uri).decode(NoParameters.self)
            let identity = context.identity
            return try APIResponse.json(APICategories(categories: try await service(for: identity).categories()))
        }
        routes.add(.get, "/api/v1/me/packages") { request, context in
            let query = try QueryParameters(request.uri)
            try query.rejectUnknown(allowing: ["include-collaborations"])
            let identity = try context.account(toDo: "list your packages")
            let packages = try await service(for: identity).myPackages(includeCollaborations: try query.bool("include-collaborations") ?? false)
            return try APIResponse.json(APIList(items: packages.map(APIPackageSummary.init)))
        }
    }

    // MARK: Catalogue

    private func search(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let search = try QueryParameters(request.uri).decode(SearchQuery.self)
        let identity = context.identity
        let page = try await service(for: identity).search(search)
        return try APIResponse.json(APIPage(page, APIPackageSummary.init))
    }

    private func revisions(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let revisionQuery = try QueryParameters(request.uri).decode(RevisionQuery.self)
        let name = try packageName(context)
        let identity = context.identity
        let page = try await service(for: identity).revisions(of: name, query: revisionQuery)
        return try APIResponse.json(APIPage(page))
    }

    /// `GET …/channel-map`: the map with `ETag: "cm-<version>"`; `If-None-Match` with that tag gives 304.
    private func channelMap(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let name = try packageName(context)
        let identity = context.identity
        let map = try await service(for: identity).channelMap(of: name)
        let tag = ChannelMapETag.string(for: map.version)
        let headers: HTTPFields = [.eTag: tag, .cacheControl: "no-cache"]
        if let ifNoneMatch = request.headers[.ifNoneMatch],
           ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag }) {
            return APIResponse(status: .notModified, headers: headers, body: [])
        }
        return try APIResponse.json(map, headers: headers)
    }

    // MARK: Publishing

    private func registerName(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let identity = try context.account(toDo: "register a name")
        var request = request
        let body = try await JSONBody.decode(APIRegisterNameRequest.self, from: &request, limit: configuration.maxBodySize)
        let name: PackageName
        do { name = try PackageName(body.name, type: body.type) } catch { throw StoreError.invalidInput(error.description) }
        let package = try await service(for: identity).registerName(name, type: body.type, isPrivate: body.isPrivate ?? false)
        return try APIResponse.json(package, status: .created, headers: [.location: "/api/v1/packages/\(package.name.rawValue)"])
    }

    private func upload(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let name = try packageName(context)
        let identity = try context.account(toDo: "upload")
        var request = request
        let body = try await JSONBody.decode(APIRevisionUpload.self, from: &request, limit: configuration.maxBodySize)
        let revision = try await service(for: identity).upload(body.domain, to: name)
        return try APIResponse.json(revision, status: .created)
    }

    /// `POST …/releases`: applies a ``ReleasePlan``.
    ///
    /// `If-Match: "cm-<version>"` applies only if the map is still at that version (else 412 with the
    /// changes); without `If-Match` (or with `*`) the plan is applied to whatever the map is now, as
    /// charmcraft does. Either way the plan is all or nothing. The reply carries the new `ETag`.
    private func apply(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let name = try packageName(context)
        let expected = try request.headers[.ifMatch].map(ChannelMapETag.expectedVersion(ifMatch:)) ?? nil
        let identity = try context.account(toDo: "release")
        var request = request
        let plan = try await JSONBody.decode(ReleasePlan.self, from: &request, limit: configuration.maxBodySize)
        let outcome = try await service(for: identity).apply(plan, to: name, expecting: expected)
        return try APIResponse.json(outcome, headers: [.eTag: ChannelMapETag.string(for: outcome.map.version)])
    }

    // MARK: Parameters

    /// The `{name}` path parameter as a package name.
    /// - Throws: `.invalidInput` saying which naming rule it breaks.
    func packageName(_ context: StoreRequestContext) throws(StoreError) -> PackageName {
        let text = context.parameters.get("name") ?? ""
        do { return try PackageName(text) } catch {
            throw .invalidInput("'\(QueryParameters.printable(String(text.prefix(64))))' is not a package name: \(error.description)")
        }
    }

    /// A required path parameter.
    func pathParameter(_ context: StoreRequestContext, _ key: String, maxLength: Int = 128) throws(StoreError) -> String {
        guard let value = context.parameters.get(key), !value.isEmpty, value.count <= maxLength else {
            throw .invalidInput("the path needs a \(key) of 1–\(maxLength) characters")
        }
        return value
    }
}

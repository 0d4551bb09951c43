import Foundation
import Hummingbird
import StoreModels
import StoreService

/// charmcraft's `publish-lib`, `fetch-lib`, `fetch-libs` and `list-lib`: Charmhub's library endpoints.
///
/// charmcraft 4.5 no longer registers libraries (`create-lib` is gone), so a library's name is
/// registered with `POST /v1/charm/libraries/{charm}` (what craft-store and older charmcraft call),
/// whose id goes into the source's `LIBID`; `publish-lib` then sends each version. Reads are anonymous.
extension StoreAPI {
    func addCharmLibraryRoutes(to routes: RouteTable) {
        routes.add(.post, "/v1/charm/libraries/bulk", access: .catalogue) { request, context in try await charmLibraries(request, context) }
        routes.add(.post, "/v1/charm/libraries/{name}") { request, context in try await charmRegisterLibrary(request, context) }
        routes.add(.post, "/v1/charm/libraries/{name}/{id}") { request, context in try await charmPublishLibrary(request, context) }
        routes.add(.get, "/v1/charm/libraries/{name}/{id}", access: .catalogue) { request, context in try await charmLibrary(request, context) }
    }

    /// `POST /v1/charm/libraries/bulk` (anonymous) `[{"library-id"} | {"charm-name", "library-name"?}, "api"?, "patch"?]`:
    /// `{"libraries": [...]}`, the tip of each API version asked for (or the patch asked for), without
    /// content; what does not exist or cannot be seen is left out.
    func charmLibraries(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        var request = request
        let items = try await JSONBody.decode([CharmLibraryRequestItem].self, from: &request, limit: configuration.maxBodySize)
        var queries: [LibraryQuery] = []
        for item in items {
            let subject: LibraryQuery.Subject
            if let id = item.libraryID {
                subject = .id(id)
            } else if let charm = item.charmName {
                // A name that cannot be a charm's has no libraries.
                guard let name = try? PackageName(charm, type: .charm) else { continue }
                subject = .charm(name, library: item.libraryName)
            } else {
                throw StoreError.invalidInput("each item needs \"library-id\" or \"charm-name\"")
            }
            queries.append(LibraryQuery(subject, api: item.api, patch: item.patch))
        }
        let found = try await service(for: context.identity).libraries(queries)
        return try APIResponse.wire(CharmLibrariesResponse(libraries: found.map(CharmLibrary.init)))
    }

    /// `POST /v1/charm/libraries/{charm}` `{"library-name"}`: registers the name; `{"library-id"}`.
    func charmRegisterLibrary(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let name = try packageName(context)
        let identity = try context.account(toDo: "register a library")
        var request = request
        let body = try await JSONBody.decode(CharmLibraryRegistration.self, from: &request, limit: configuration.maxBodySize)
        let id = try await service(for: identity).registerLibrary(named: body.libraryName, in: name)
        return try APIResponse.wire(CharmLibraryRegistered(libraryID: id))
    }

    /// `POST /v1/charm/libraries/{charm}/{id}` `{"api", "patch", "content", "hash"}`: publishes a version;
    /// the library document (with content).
    func charmPublishLibrary(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let name = try packageName(context)
        let id = context.parameters.get("id") ?? ""
        let identity = try context.account(toDo: "publish a library")
        var request = request
        let body = try await JSONBody.decode(CharmLibraryPublication.self, from: &request, limit: configuration.maxBodySize)
        let library = try await service(for: identity).publishLibrary(
            LibraryPublication(libraryID: id, api: body.api, patch: body.patch, content: body.content, hash: body.hash), in: name)
        return try APIResponse.wire(CharmLibrary(library))
    }

    /// `GET /v1/charm/libraries/{charm}/{id}?api=&patch=` (anonymous): one version with its content, the
    /// tip of `api` (of the highest API without it) or exactly `patch`.
    func charmLibrary(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let query = try QueryParameters(request.uri)
        try query.rejectUnknown(allowing: ["api", "patch"])
        let name = try packageName(context)
        let id = context.parameters.get("id") ?? ""
        let api = try query.int("api", in: 0...1_000_000)
        let patch = try query.int("patch", in: 0...1_000_000_000)
        let library = try await service(for: context.identity).library(id: id, in: name, api: api, patch: patch)
        return try APIResponse.wire(CharmLibrary(library))
    }
}

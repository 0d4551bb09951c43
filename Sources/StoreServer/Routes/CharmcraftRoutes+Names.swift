import Foundation
import Hummingbird
import StoreModels
import StoreService

/// charmcraft's account and name endpoints: whoami, names, register, unregister, metadata, tracks.
extension StoreAPI {
    /// `GET /v1/tokens/whoami`: the account, its permissions; `packages` and `channels` are `null` (unrestricted).
    func charmWhoami(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let identity = try context.account(toDo: "use charmcraft")
        guard let account = identity.account else { throw StoreError.unauthenticated("Log in to use charmcraft") }
        return try APIResponse.wire(CharmWhoamiResponse(
            account: WhoamiAccount(
                displayName: CharmcraftDocuments.printable(account.displayName), username: account.username, id: account.id),
            permissions: CharmcraftDocuments.permissions(for: account)))
    }

    /// `GET /v1/charm[?include-collaborations=true]`: the caller's charms (and bundles).
    func charmNames(_ request: Request, _ context: StoreRequestContext, _ namespace: PublisherNamespace) async throws -> APIResponse {
        let query = try QueryParameters(request.uri)
        try query.rejectUnknown(allowing: ["include-collaborations"])
        let identity = try context.account(toDo: "list your charms")
        let service = service(for: identity)
        let packages = try await service.myPackages(includeCollaborations: try query.bool("include-collaborations") ?? false)
        var results: [CharmPackageMetadata] = []
        for summary in packages where namespace.holds(summary.type) {
            try Task.checkCancellation()
            let detail = try await service.package(named: summary.name)
            results.append(CharmcraftDocuments.printable(CharmPackageMetadata(detail.package, publisher: detail.publisher, withTracks: false)))
        }
        return try APIResponse.wire(CharmRegisteredNamesResponse(results: results))
    }

    /// `POST /v1/charm` `{"name", "type"}`: registers a name; `{"id"}` back, 409 when taken.
    func charmRegister(_ request: Request, _ context: StoreRequestContext, _ namespace: PublisherNamespace) async throws -> APIResponse {
        let identity = try context.account(toDo: "register a name")
        var request = request
        let body = try await JSONBody.decode(CharmRegisterNameRequest.self, from: &request, limit: configuration.maxBodySize)
        guard namespace.registrableTypes.contains(body.type) else {
            throw StoreError.invalidInput(
                "'type' must be \(namespace.registrableTypes.joined(separator: " or ")) here (got '\(QueryParameters.printable(String(body.type.prefix(32))))')")
        }
        if body.team != nil { throw StoreError.invalidInput("registering names for a team is not supported by this store") }
        let type = PackageType(rawValue: body.type)
        let name: PackageName
        do { name = try PackageName(body.name, type: type) } catch { throw StoreError.invalidInput(error.description) }
        let package = try await service(for: identity).registerName(name, type: type, isPrivate: body.isPrivate ?? false)
        return try APIResponse.wire(CharmRegisterNameResponse(id: package.id))
    }

    /// `DELETE /v1/{namespace}/{name}` (`charmcraft unregister`, craft-store `unregister_name`): drops a name
    /// that never had a revision (the publisher's, or any for an admin); `{"package-id"}` back, 409 once
    /// revisions were uploaded (as Charmhub).
    func charmUnregister(_ request: Request, _ context: StoreRequestContext, _ namespace: PublisherNamespace) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let name = try packageName(context)
        let identity = try context.account(toDo: "unregister a name")
        _ = try await package(name, in: namespace, as: identity)
        let dropped = try await service(for: identity).unregisterName(name)
        return try APIResponse.wire(["package-id": dropped.id])
    }

    /// `GET /v1/charm/{name}`: `{"metadata": {…}}` with tracks and (no) track guardrails.
    func charmMetadata(_ request: Request, _ context: StoreRequestContext, _ namespace: PublisherNamespace) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let name = try packageName(context)
        let identity = try context.account(toDo: "read package metadata")
        let detail = try await package(name, in: namespace, as: identity)
        return try APIResponse.wire(CharmPackageMetadataResponse(
            metadata: CharmcraftDocuments.printable(CharmPackageMetadata(detail.package, publisher: detail.publisher, withTracks: true))))
    }

    /// `POST /v1/{namespace}/{name}/tracks` (`charmcraft create-track`, craft-store `create_tracks`):
    /// `{"num-tracks-created"}`. Tracks are opened by admins; a publisher of the package gets Charmhub's
    /// 400 for a track no guardrail allows (this store has none), anyone else 403.
    ///
    /// `latest` gets Charmhub's own 400 (`Creation of 'latest' track is not allowed`); an existing track 409.
    func charmCreateTracks(_ request: Request, _ context: StoreRequestContext, _ namespace: PublisherNamespace) async throws -> APIResponse {
        let name = try packageName(context)
        let identity = try context.account(toDo: "create tracks")
        var request = request
        let items = try await JSONBody.decode([CharmCreateTrackRequestItem].self, from: &request, limit: configuration.maxBodySize)
        let detail = try await package(name, in: namespace, as: identity)
        // Only those who may publish the package learn which tracks it could have.
        if case .denied(let reason) = Permissions.may(identity, .release, on: packageAccess(detail, for: identity)) {
            throw StoreError.forbidden(reason)
        }
        guard let first = items.first else { throw StoreError.invalidInput("name at least one track to create") }
        for item in items where item.name == Channel.latestTrack {
            throw HTTPFailure(.badRequest, code: "api-error", message: "Creation of 'latest' track is not allowed")
        }
        for item in items {
            do { try Channel.validateTrack(item.name) } catch { throw StoreError.invalidInput(error.description) }
            if detail.package.tracks.contains(item.name) {
                throw HTTPFailure(.conflict, code: "conflict", message: "Track '\(item.name)' already exists on '\(name.rawValue)'.")
            }
        }
        guard Permissions.may(identity, .moderatePublisher).isAllowed else {
            throw HTTPFailure(
                .badRequest, code: "api-error",
                message: "Track '\(first.name)' does not match any track guardrail of '\(name.rawValue)'; ask an admin to open it.")
        }
        let updated = try await service(for: identity).updateTracks(of: name, opening: items.map(\.name), defaultTrack: nil)
        return try APIResponse.wire(["num-tracks-created": updated.tracks.count - detail.package.tracks.count])
    }
}

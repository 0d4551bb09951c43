import Foundation
import Hummingbird
import StoreModels
import StoreService

/// What Juju asks: `POST /v2/charms/refresh` (install, download and refresh of charms by base) and the
/// files of the resources released with them. The rules are ``RefreshResolver``'s, with the base
/// (`ubuntu@22.04`) part of the platform; every action gets a result, as Juju requires.
extension StoreAPI {
    func addCharmDeviceRoutes(to routes: RouteTable) {
        routes.add(.post, "/v2/charms/refresh", access: .catalogue, replaysIdempotently: false) { request, context in
            try await ComputeExecutor.shared.run { try await charmRefresh(request, context) }
        }
        routes.add(.get, "/api/v1/resources/download/{file}", access: .catalogue) { request, context in
            try await resourceDownload(request, context)
        }
    }

    /// `POST /v2/charms/refresh`.
    /// Who counts as one device in a charm's adoption figures: a fleet's `Snap-Device-Id` when sent, else the
    /// action's instance key, which Juju derives from the model and application (one deployed
    /// application, stable across its refreshes). `nil` without either: counted, but not as a device.
    static func charmDeploymentKey(_ request: Request, action: CharmRefreshAction) -> String? {
        if let key = deviceKey(request) { return key }
        return action.instanceKey.isEmpty ? nil : "charm-instance:" + action.instanceKey
    }

    func charmRefresh(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        var request = request
        let body = try await JSONBody.decode(CharmRefreshRequest.self, from: &request, limit: configuration.maxBodySize)
        guard body.actions.count <= Self.maximumRefreshActions, body.context.count <= Self.maximumRefreshActions else {
            throw StoreError.invalidInput("at most \(Self.maximumRefreshActions) actions and deployed charms in one refresh request")
        }
        let contexts = Dictionary(body.context.map { ($0.instanceKey, $0) }, uniquingKeysWith: { first, _ in first })
        // Every charm the actions name, read at once.
        var lookup = RefreshLookup()
        for action in body.actions where RefreshResolver.Ask.Kind(rawValue: action.action) != nil {
            let deployed = action.action == "refresh" ? contexts[action.instanceKey] : nil
            if let reference = Self.reference(action, deployed: deployed) { lookup.add(reference, revision: action.revision) }
        }
        let catalogue = try await refreshCatalogue(lookup, for: context.identity)
        var results: [CharmRefreshResult] = []
        for action in body.actions {
            try Task.checkCancellation()
            let deployed = action.action == "refresh" ? contexts[action.instanceKey] : nil
            func failure(_ code: String, _ message: String, name: String? = nil, extra: WireJSON? = nil) -> CharmRefreshResult {
                CharmRefreshResult(
                    result: "error", instanceKey: action.instanceKey, id: action.id ?? deployed?.id ?? "", name: name ?? action.name ?? "",
                    error: WireError(code: code, message: message, extra: extra))
            }
            guard let kind = RefreshResolver.Ask.Kind(rawValue: action.action) else {
                results.append(failure("invalid-action", "'\(QueryParameters.printable(String(action.action.prefix(32))))' is not an action this store runs (install, download, refresh)"))
                continue
            }
            if kind == .refresh, deployed == nil {
                results.append(failure("invalid-request", "a refresh action's instance-key must name a deployed charm of the context"))
                continue
            }
            let name: PackageName
            switch Self.reference(action, deployed: deployed) {
            case .id(let id)?:
                guard let found = catalogue.names[id] else {
                    results.append(failure("id-not-found", "No charm with id '\(QueryParameters.printable(String(id.prefix(64))))' found."))
                    continue
                }
                name = found
            case .name(let named)?:
                name = named
            case nil:
                results.append(failure("name-not-found", "No charm named '\(QueryParameters.printable(String((action.name ?? "").prefix(64))))' found."))
                continue
            }
            guard let entry = catalogue.packages[name], entry.detail.package.type == .charm else {
                results.append(failure("name-not-found", "No charm named '\(name)' found.", name: name.rawValue))
                continue
            }
            let package = PublicPackage(entry)
            let base = action.base ?? deployed?.base
            let ask = RefreshResolver.Ask(
                kind: kind, channel: action.channel, revision: action.revision,
                architecture: base.map { Architecture(rawValue: $0.architecture) } ?? .amd64, base: base?.storeBase,
                installedRevision: deployed?.revision, trackingChannel: deployed?.trackingChannel)
            let input = RefreshResolver.Package(
                id: package.package.id, name: name, type: .charm, defaultTrack: package.package.defaultTrack, map: package.map,
                revisions: entry.revisions)
            switch RefreshResolver.resolve(ask, package: input) {
            case .serve(let revision, let channel), .current(let revision, let channel):
                let entry = package.map.releases.first { $0.revision == revision.number && $0.channel == channel && !$0.isProgressive }
                guard let charm = try await refreshCharm(package, revision, attached: entry?.resources ?? [], request: request) else {
                    results.append(failure("revision-not-found", "Revision \(revision.number) of '\(name)' has no file in this store.", name: name.rawValue))
                    continue
                }
                metrics?.record(
                    packageID: package.package.id, channel: channel?.fullName ?? "", revision: revision.number,
                    architecture: ask.architecture.rawValue, deviceKey: Self.charmDeploymentKey(request, action: action),
                    downloads: kind != .refresh || revision.number != deployed?.revision)
                results.append(CharmRefreshResult(
                    result: kind.rawValue, instanceKey: action.instanceKey, id: package.package.id, name: name.rawValue,
                    effectiveChannel: channel?.fullName, releasedAt: entry.map { WireDate($0.releasedAt) }, charm: charm))
            case .failure(let code, let message, let releases):
                let listed: [WireJSON] = releases.map { release in
                    let parts = release.platform.base?.split(separator: "@", maxSplits: 1).map(String.init) ?? []
                    return WireJSON.object([
                        "base": WireJSON.object([
                            "architecture": .string(release.platform.architecture.rawValue),
                            "name": .string(parts.first ?? "all"), "channel": .string(parts.count > 1 ? parts[1] : "all"),
                        ]),
                        "channel": WireJSON.string(release.channel.fullName),
                    ])
                }
                results.append(failure(code, message, name: name.rawValue, extra: releases.isEmpty ? nil : .object(["releases": .array(listed)])))
            }
        }
        return try APIResponse.wire(CharmRefreshResponse(results: results))
    }

    /// The charm `action` names: by id (its own, else the deployed charm's) when it gives no name, else by
    /// name; `nil` for neither, or a name that cannot be a charm's.
    static func reference(_ action: CharmRefreshAction, deployed: CharmRefreshContext?) -> RefreshLookup.Reference? {
        if let id = action.id ?? deployed?.id, action.name == nil { return .id(id) }
        return action.name.flatMap { try? PackageName($0, type: .charm) }.map { .name($0) }
    }

    /// The `charm` of a served result; `nil` when the revision's file is not kept here.
    private func refreshCharm(
        _ package: PublicPackage, _ revision: Revision, attached: [ResourceAttachment], request: Request
    ) async throws -> CharmRefreshCharm? {
        guard let facts = revision.charmFile else { return nil }
        let bases = revision.architectures.map { architecture in
            let parts = revision.base?.split(separator: "@", maxSplits: 1).map(String.init) ?? []
            return CharmRefreshBase(architecture: architecture.rawValue, name: parts.first ?? "all", channel: parts.count > 1 ? parts[1] : "all")
        }
        var resources: [CharmRefreshCharm.Resource] = []
        if !attached.isEmpty {
            let reader = service(for: configuration.catalogueReader)
            let declared = try await reader.resources(of: package.package.name)
            for attachment in attached {
                guard let found = try await reader.resourceRevisions(of: package.package.name, named: attachment.name)
                    .first(where: { $0.revision == attachment.revision }) else { continue }
                let declaration = declared.first { $0.declaration.name == attachment.name }?.declaration
                resources.append(CharmRefreshCharm.Resource(
                    name: found.name, type: found.type, revision: found.revision, filename: declaration?.filename ?? "",
                    description: declaration?.description ?? "",
                    download: CharmRefreshCharm.ResourceDownload(
                        sha256: found.sha256, sha3_384: found.sha3_384, sha384: found.sha384, sha512: found.sha512, size: found.size,
                        url: resourceURL(charmID: package.package.id, name: found.name, revision: found.revision, request: request))))
            }
        }
        return CharmRefreshCharm(
            id: package.package.id, name: package.package.name.rawValue, revision: revision.number, version: revision.version,
            createdAt: WireDate(revision.createdAt), bases: bases,
            download: CharmRefreshCharm.Download(
                sha256: facts.sha256, size: revision.size,
                url: downloadURL(packageID: package.package.id, revision: revision.number, type: .charm, request: request)),
            metadataYAML: facts.metadataYAML, configYAML: facts.configYAML.isEmpty ? "options: {}\n" : facts.configYAML,
            resources: resources)
    }

    /// Where a resource revision's file is downloaded from.
    func resourceURL(charmID: String, name: String, revision: Int, request: Request) -> String {
        let scheme = configuration.publicURL.flatMap { URL(string: $0)?.scheme } ?? "http"
        return "\(scheme)://\(publicAuthority(of: request))/api/v1/resources/download/charm_\(charmID).\(name)_\(revision)"
    }

    /// `GET /api/v1/resources/download/charm_{id}.{name}_{revision}`: a resource revision's file, for
    /// anyone when a channel of a charm they see releases it, else for those who see the charm's revisions.
    func resourceDownload(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let file = context.parameters.get("file") ?? ""
        let notFound = HTTPFailure(
            .notFound, code: "not-found",
            message: "No resource file '\(QueryParameters.printable(String(file.prefix(80))))'; the name is charm_<id>.<resource>_<revision>.")
        guard file.hasPrefix("charm_"), let dot = file.firstIndex(of: "."), let underscore = file.lastIndex(of: "_"), dot < underscore,
              let number = Int(file[file.index(after: underscore)...]), number > 0 else { throw notFound }
        let id = String(file[file.index(file.startIndex, offsetBy: 6)..<dot])
        let resource = String(file[file.index(after: dot)..<underscore])
        guard ResourceDeclaration.isValidName(resource), !id.isEmpty, id.utf8.count <= 64 else { throw notFound }
        let identity = context.identity
        guard let name = try await service(for: identity).packageNames(ids: [id])[id],
              let package = try await publicPackage(name, type: .charm, as: identity) else { throw notFound }
        let released = package.map.releases.contains { $0.resources.contains { $0.name == resource && $0.revision == number } }
        let reader = released ? service(for: configuration.catalogueReader) : service(for: identity)
        let revisions: [ResourceRevision]
        do throws(StoreError) { revisions = try await reader.resourceRevisions(of: name, named: resource) } catch {
            switch error {
            case .forbidden, .unauthenticated, .notFound: throw notFound
            default: throw error
            }
        }
        guard let found = revisions.first(where: { $0.revision == number }), let upload = found.uploadID else { throw notFound }
        return try fileResponse(
            request, file: .upload(id: upload), size: Int(found.size), etag: found.sha3_384,
            filename: "\(resource)_\(number)", what: "revision \(number) of resource \(resource) of \(name)")
    }
}

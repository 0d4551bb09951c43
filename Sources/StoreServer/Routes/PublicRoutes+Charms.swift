import Hummingbird
import StoreAPI
import StoreModels
import StoreService

extension StoreAPI {
    func charmFind(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let query = try QueryParameters(request.uri)
        let fields = try CharmFields(try query.list("fields"), allowChannelMap: false)
        let identity = context.identity
        let hits = try await service(for: identity).search(SearchQuery(
            text: try query.string("q") ?? "", type: .charm, category: try query.string("category", maxLength: 64),
            publisher: try query.string("publisher", maxLength: 64), limit: Self.publicFindLimit, countsTotal: false))
        let packages = fields.needsPackage ? try await publicPackages(hits.items.map(\.name), type: .charm, as: identity) : [:]
        var results: [CharmFindResult] = []
        for hit in hits.items {
            try Task.checkCancellation()
            guard fields.needsPackage else {
                results.append(CharmFindResult(id: hit.id, name: hit.name.rawValue))
                continue
            }
            guard let package = packages[hit.name] else { continue }
            let defaultRelease = fields.defaultRelease.flatMap { releaseFields in
                CharmFields.defaultRelease(of: package).map { CharmFields.release($0, in: package, fields: releaseFields) }
            }
            results.append(CharmFindResult(
                id: hit.id, name: hit.name.rawValue, result: fields.result(package), defaultRelease: defaultRelease))
        }
        return try APIResponse.wire(CharmFindResponse(results: results))
    }

    func charmInfo(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let query = try QueryParameters(request.uri)
        let fields = try CharmFields(try query.list("fields"), allowChannelMap: true)
        let channel = try query.string("channel", maxLength: 128).map(Self.parseChannel)
        let rawName = context.parameters.get("name") ?? ""
        let notFound = HTTPFailure(
            .notFound, code: "resource-not-found", message: "No charm named '\(QueryParameters.printable(String(rawName.prefix(64))))' found.",
            extra: APIErrorExtra(kind: "package", name: rawName))
        guard let name = try? PackageName(rawName, type: .charm) else { throw notFound }
        let identity = context.identity
        guard let package = try await publicPackage(name, type: .charm, as: identity) else { throw notFound }
        var response = CharmInfoResponse(id: package.package.id, name: name.rawValue, result: fields.result(package))
        if let mapFields = fields.channelMap {
            response.channelMap = CharmFields.releases(of: package.map)
                .filter { channel == nil || $0.channel == channel }
                .map { CharmFields.release($0, in: package, fields: mapFields) }
        }
        if let releaseFields = fields.defaultRelease {
            let release = channel.flatMap { wanted in CharmFields.releases(of: package.map).first { $0.channel == wanted } }
                ?? CharmFields.defaultRelease(of: package)
            response.defaultRelease = release.map { CharmFields.release($0, in: package, fields: releaseFields) }
        }
        return try APIResponse.wire(response)
    }
}

import Hummingbird
import StoreAPI
import StoreModels
import StoreService

extension StoreAPI {
    /// The most results a public find returns.
    static let publicFindLimit = 100

    /// The public device API, no login needed: `GET /v2/snaps/find`, `/v2/snaps/info/{name}`,
    /// `/v2/snaps/categories`, `/v2/charms/find`, `/v2/charms/info/{name}`.
    ///
    /// Credentials are optional; bad ones are ignored (served anonymously). Unknown query parameters
    /// are ignored, as snapd sends several this store has no use for (`confinement`, `scope`, …).
    /// Anonymous replies go through `cache` (see ``PublicResponseCache``).
    func addPublicRoutes(to routes: RouteTable, cache: PublicResponseCache) {
        let handlers: [(String, RouteHandler)] = [
            ("/v2/snaps/find", { request, context in try await snapFind(request, context) }),
            ("/v2/snaps/info/{name}", { request, context in try await snapInfo(request, context) }),
            ("/v2/snaps/categories", { request, context in try await snapCategories(request, context) }),
            ("/v2/charms/find", { request, context in try await charmFind(request, context) }),
            ("/v2/charms/info/{name}", { request, context in try await charmInfo(request, context) }),
        ]
        for (path, handler) in handlers {
            routes.add(.get, path, access: .catalogue) { request, context in try await cache.respond(to: request, context: context, using: handler) }
        }
    }

    // MARK: Snaps

    private func snapFind(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let query = try QueryParameters(request.uri)
        let fields = try SnapFields.parse(try query.list("fields"), default: [], allowChannel: true)
        let architecture = try query.string("architecture", maxLength: 32).map(Architecture.init(rawValue:))
        let channel = try query.string("channel", maxLength: 128).map(Self.parseChannel)
        let text = try query.string("q") ?? query.string("name") ?? ""
        let identity = context.identity
        let hits = try await service(for: identity).search(SearchQuery(
            text: text, type: .snap, category: try query.string("category", maxLength: 64), limit: Self.publicFindLimit, countsTotal: false))

        let revisionFields = fields.intersection(SnapFields.revisionLevel.union(["channel"]))
        // `revision.version` alone, of the default channel, is the hit's `latestStableVersion` (what the default
        // track's stable channel serves, amd64 preferred): no per-result package, map and revision reads.
        let versionFromSummary = revisionFields == ["version"] && architecture == nil && channel == nil
        let needsPackage = !fields.subtracting(SnapFields.inSummary).subtracting(revisionFields).isEmpty
            || (!revisionFields.isEmpty && !versionFromSummary) || architecture != nil
        // Every result's package, map and released revisions in one read, when the fields need them.
        let packages = needsPackage ? try await publicPackages(hits.items.map(\.name), type: .snap, as: identity) : [:]
        let selection = SnapFields.Selection(fields)
        var results: [SnapFindResult] = []
        results.reserveCapacity(hits.items.count)
        for hit in hits.items {
            try Task.checkCancellation()
            guard needsPackage else {
                var result = SnapFindResult(name: hit.name.rawValue, snapID: hit.id, snap: SnapFields.details(hit, fields: selection))
                if versionFromSummary, let version = hit.latestStableVersion {
                    var revision = SnapRevisionFields()
                    revision.version = version
                    result.revision = SnapFindRevision(fields: revision)
                }
                results.append(result)
                continue
            }
            guard let package = packages[hit.name] else { continue }
            if let architecture, !package.map.platforms.contains(where: { $0.architecture == architecture }) { continue }
            var result = SnapFindResult(name: hit.name.rawValue, snapID: hit.id, snap: SnapFields.details(package, fields: selection))
            if !revisionFields.isEmpty {
                result.revision = Self.findRevision(
                    package, channel: channel, architecture: architecture, fields: selection, withChannel: fields.contains("channel")
                ) { number in
                    downloadURL(packageID: package.package.id, revision: number, type: .snap, request: request)
                }
            }
            results.append(result)
        }
        return try APIResponse.wire(SnapFindResponse(results: results))
    }

    /// What a find result's `revision` says: the revision `channel` (default: stable of the default track) serves.
    private static func findRevision(
        _ package: PublicPackage, channel: Channel?, architecture: Architecture?, fields: SnapFields.Selection, withChannel: Bool,
        url: (Int) -> String
    ) -> SnapFindRevision? {
        let channel = channel ?? Channel(track: package.package.defaultTrack, risk: .stable)
        let platforms = package.map.platforms.filter { architecture == nil || $0.architecture == architecture }
        for platform in platforms {
            guard let number = package.map.serving(channel, on: platform).revision else { continue }
            let revision = package.revision(number).map { SnapFields.revisionFields($0, fields: fields, downloadURL: url(number)) }
                ?? SnapFields.revisionFields(number: number, fields: fields)
            return SnapFindRevision(channel: withChannel ? channel.shortName : nil, fields: revision)
        }
        return nil
    }

    private func snapInfo(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let query = try QueryParameters(request.uri)
        let fields = try SnapFields.parse(try query.list("fields"), default: SnapFields.infoDefault, allowChannel: false)
        let architecture = try query.string("architecture", maxLength: 32)
        let rawName = context.parameters.get("name") ?? ""
        // Built only when thrown: the message's printable name costs more than the rest of a small info.
        func notFound() -> HTTPFailure {
            HTTPFailure(
                .notFound, code: "resource-not-found",
                message: "No snap named '\(QueryParameters.printable(String(rawName.prefix(64))))' found in series '16'.",
                extra: APIErrorExtra(kind: "package", name: rawName))
        }
        guard let name = try? PackageName(rawName) else { throw notFound() }
        let identity = context.identity
        guard let package = try await publicPackage(name, type: .snap, as: identity) else { throw notFound() }
        var entries = SnapInfoChannelMapEntry.entries(of: package.map, revisions: package.revisions)
        if let architecture { entries.removeAll { $0.channel.architecture != architecture } }
        // snapd reads an empty channel-map as "not found"; say so plainly.
        if entries.isEmpty { throw notFound() }
        // One selection serves both levels: each document looks only at its own level's fields.
        let selection = SnapFields.Selection(fields)
        entries = entries.map { entry in
            var entry = entry
            if let number = entry.revision.revision {
                let url = downloadURL(packageID: package.package.id, revision: number, type: .snap, request: request)
                entry.revision = package.revision(number).map { SnapFields.revisionFields($0, fields: selection, downloadURL: url) }
                    ?? SnapFields.revisionFields(number: number, fields: selection)
            }
            return entry
        }
        let defaultTrack = package.package.defaultTrack == Channel.latestTrack ? nil : package.package.defaultTrack
        return try APIResponse.wire(SnapInfoResponse(
            channelMap: entries, defaultTrack: defaultTrack, name: name.rawValue, snapID: package.package.id,
            snap: SnapFields.details(package, fields: selection)))
    }

    private func snapCategories(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let query = try QueryParameters(request.uri)
        let known: Set<String> = ["name", "type", "title", "summary", "description", "media"]
        if let unknown = try query.list("fields")?.first(where: { !known.contains($0) }) {
            throw StoreError.invalidInput("unknown field '\(QueryParameters.printable(String(unknown.prefix(40))))' in fields (known: \(known.sorted().joined(separator: ",")))")
        }
        let names = try await service(for: .anonymous).categories()
        return try APIResponse.wire(
            CategoriesResponse(categories: names.map { WireCategory(name: $0) }), headers: [.cacheControl: "public, max-age=3600"])
    }

    /// Parses a channel given in a query.
    static func parseChannel(_ text: String) throws(StoreError) -> Channel {
        do { return try Channel(parsing: text) } catch { throw .invalidChannel(error.description) }
    }
}

import Hummingbird
import StoreModels
import StoreService

/// charmcraft's `status`, `release`, `close` and `promote` endpoints.
extension StoreAPI {
    /// `GET /v1/charm/{name}/releases`: the channel map, every channel of every track, and the released revisions.
    func charmReleases(_ request: Request, _ context: StoreRequestContext, _ namespace: PublisherNamespace) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let name = try packageName(context)
        let identity = try context.account(toDo: "see releases")
        let detail = try await package(name, in: namespace, as: identity)
        let map = try await service(for: identity).channelMap(of: name)
        let released = map.releasedRevisions
        let revisions = try await allRevisions(of: name, as: identity).filter { released.contains($0.number) }
        do {
            switch namespace {
            case .charm:
                return try APIResponse.wire(try CharmReleasesResponse(map: map, revisions: revisions, tracks: detail.package.tracks))
            case .snap:
                return try APIResponse.wire(try SnapReleasesV1Response(map: map, revisions: revisions, tracks: detail.package.tracks))
            }
        } catch let error as WireBuildError {
            throw StoreError.server(status: 500, message: "the releases of '\(name.rawValue)' cannot be listed (\(error))", requestID: nil)
        }
    }

    /// `POST /v1/charm/{name}/releases` `[{"revision": N|null, "channel", "resources": [{"name", "revision"}]}]`.
    ///
    /// Channels are parsed as typed (`beta`, `2.0/edge`, `latest/edge/br`); `revision: null` closes the
    /// channel. All items become one ``ReleasePlan`` applied atomically with `expecting: nil` (whatever the
    /// map is now), so either every item applies or none does. The reply lists each item with its full channel name.
    func charmRelease(_ request: Request, _ context: StoreRequestContext, _ namespace: PublisherNamespace) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let name = try packageName(context)
        let identity = try context.account(toDo: "release")
        var request = request
        let items = try await JSONBody.decode([CharmReleaseItem].self, from: &request, limit: configuration.maxBodySize)
        guard !items.isEmpty else { throw StoreError.invalidInput("the body lists no releases: send [{\"revision\", \"channel\"}]") }
        guard items.count <= 100 else { throw StoreError.invalidInput("at most 100 releases in one request") }
        var plan = ReleasePlan()
        var released: [CharmReleaseItem] = []
        for item in items {
            let channel: Channel
            do { channel = try Channel(parsing: item.channel) } catch {
                throw StoreError.invalidChannel(error.description)
            }
            var attachments: [ResourceAttachment] = []
            for resource in item.resources {
                guard let number = resource.revision else {
                    throw StoreError.invalidInput("resource '\(QueryParameters.printable(String(resource.name.prefix(64))))' needs a revision (--resource=NAME:REVISION)")
                }
                attachments.append(ResourceAttachment(name: resource.name, revision: number))
            }
            if let revision = item.revision {
                plan.append(.release(revision: revision, channels: [channel], resources: attachments.isEmpty ? nil : attachments))
            } else {
                guard attachments.isEmpty else { throw StoreError.invalidInput("closing a channel takes no resources") }
                plan.append(.close(channels: [channel]))
            }
            released.append(CharmReleaseItem(
                revision: item.revision, channel: channel.fullName,
                resources: attachments.map { CharmResourceRef(name: $0.name, revision: $0.revision) }))
        }
        _ = try await package(name, in: namespace, as: identity)
        _ = try await service(for: identity).apply(plan, to: name, expecting: nil)
        return try APIResponse.wire(CharmReleaseResponse(released: released))
    }
}

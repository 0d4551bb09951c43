import Foundation
import Hummingbird
import StoreModels
import StoreService

/// snapcraft's `release`, `close`, `status` and `list-revisions`.
extension StoreAPI {
    /// `POST /dev/api/snap-release/` `{name, revision: "N", channels, progressive?}`: one plan, applied
    /// atomically over whatever the map is now; answers the channels it opened and the new tree.
    func snapRelease(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let identity = try context.account(toDo: "release")
        var request = request
        let body = try await JSONBody.decode(SnapcraftReleaseRequest.self, from: &request, limit: configuration.maxBodySize)
        let name = try snapName(body.name)
        guard !body.channels.isEmpty else { throw StoreError.invalidInput("the release names no channels") }
        let channels = try body.channels.prefix(100).map(Self.parseChannel)
        var percentage: Int?
        if let progressive = body.progressive, let share = progressive.percentage, share < 100 {
            guard share >= 1 else { throw StoreError.invalidInput("a progressive release goes to 1–99 % of devices") }
            percentage = min(Int(share.rounded()), 99)
        }
        _ = try await snapPackage(name, as: identity)
        var plan = ReleasePlan()
        plan.append(.release(revision: body.revision.value, channels: channels, progressive: percentage))
        let outcome = try await service(for: identity).apply(plan, to: name, expecting: nil)
        // The channels asked for that served nothing before (not those that now follow them).
        var opened: [String] = []
        for change in outcome.changes where channels.contains(change.channel) && change.before.revision == nil && change.after.revision != nil {
            let shown = change.channel.shortName
            if !opened.contains(shown) { opened.append(shown) }
        }
        let revisions = try await allRevisions(of: name, as: identity)
        return try APIResponse.json(SnapcraftReleaseResponse(
            success: true, openedChannels: opened, channelMapTree: SnapChannelStatus.tree(of: outcome.map, revisions: revisions)))
    }

    /// `POST /dev/api/snaps/{snap_id}/close` `{channels}`: closes them (one plan).
    func snapClose(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let identity = try context.account(toDo: "close channels")
        var request = request
        let body = try await JSONBody.decode(SnapcraftCloseRequest.self, from: &request, limit: configuration.maxBodySize)
        guard !body.channels.isEmpty else { throw StoreError.invalidInput("the request names no channels to close") }
        let channels = try body.channels.prefix(100).map(Self.parseChannel)
        let snap = try await ownSnap(id: context.parameters.get("id") ?? "", as: identity)
        var plan = ReleasePlan()
        plan.append(.close(channels: channels))
        let outcome = try await service(for: identity).apply(plan, to: snap.name, expecting: nil)
        let revisions = try await allRevisions(of: snap.name, as: identity)
        return try APIResponse.json(SnapcraftCloseResponse(
            closedChannels: body.channels, channelMapTree: SnapChannelStatus.tree(of: outcome.map, revisions: revisions)))
    }

    /// `PUT /dev/api/snaps/{snap_id}/metadata` `{"default_track"}` (`snapcraft set-default-track`).
    ///
    /// Only the default track is stored from the dashboard's metadata; other fields are refused with
    /// 400 naming them, rather than dropped.
    func snapMetadata(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let identity = try context.account(toDo: "change a snap's metadata")
        var request = request
        let body = try await JSONBody.decode(SnapcraftMetadataRequest.self, from: &request, limit: configuration.maxBodySize)
        guard let track = body.defaultTrack else { throw StoreError.invalidInput("the metadata names no default_track") }
        let snap = try await ownSnap(id: context.parameters.get("id") ?? "", as: identity)
        let updated = try await service(for: identity).updateTracks(of: snap.name, opening: [], defaultTrack: track)
        return try APIResponse.json(SnapcraftMetadataRequest(defaultTrack: updated.defaultTrack))
    }

    /// `GET /api/v2/snaps/{name}/channel-map`: what `snapcraft status` shows.
    func snapChannelMap(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let query = try QueryParameters(request.uri)
        try query.rejectUnknown(allowing: ["architecture", "channel"])
        let name = try packageName(context)
        let identity = try context.account(toDo: "see the channel map")
        let detail = try await snapPackage(name, as: identity)
        let map = try await service(for: identity).channelMap(of: name)
        let revisions = try await allRevisions(of: name, as: identity)
        var document: SnapChannelMapResponse
        do {
            document = try SnapChannelMapResponse(map: map, revisions: revisions, snap: Self.publisherSnap(detail, tracks: map.orderedTracks))
        } catch {
            throw StoreError.server(status: 500, message: "the channel map of '\(name.rawValue)' cannot be listed (\(error))", requestID: nil)
        }
        // snapcraft's schema wants every key of `progressive`, `current-percentage` included.
        for index in document.channelMap.indices where document.channelMap[index].progressive.currentPercentage == .absent {
            document.channelMap[index].progressive.currentPercentage = .null
        }
        return try APIResponse.wire(document)
    }

    /// `GET /api/v2/snaps/{name}/releases`: the releases in force, newest first, and every revision.
    func snapReleases(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let query = try QueryParameters(request.uri)
        try query.rejectUnknown(allowing: ["page"])
        let name = try packageName(context)
        let identity = try context.account(toDo: "list revisions")
        _ = try await snapPackage(name, as: identity)
        let map = try await service(for: identity).channelMap(of: name)
        let revisions = try await allRevisions(of: name, as: identity)
        let releases = map.releases.sorted { $0.releasedAt > $1.releasedAt }.map { release in
            SnapReleaseHistoryEntry(
                architecture: release.platform.architecture.rawValue, branch: release.channel.branch,
                channel: release.channel.fullName,
                expirationDate: release.expiresAt.map(WireDate.init), progressive: WireProgressive(release, currentPercentage: .null),
                revision: release.revision, risk: release.channel.risk.description, track: release.channel.track,
                when: WireDate(release.releasedAt))
        }
        return try APIResponse.wire(SnapReleasesResponse(
            releases: releases,
            revisions: revisions.map { SnapPublisherRevision($0, status: Self.dashboardStatus($0.review), keyStyle: .underscored) }))
    }

    /// The dashboard's word for a revision's review state.
    static func dashboardStatus(_ review: ReviewStatus) -> String {
        switch review {
        case .approved: "Published"
        case .pending: "ManualReviewPending"
        case .rejected: "Rejected"
        }
    }

    /// The `snap` object of the channel-map document.
    static func publisherSnap(_ detail: PackageDetail, tracks: [String]) -> SnapPublisherSnap {
        let defaultTrack = detail.package.defaultTrack
        return SnapPublisherSnap(
            name: detail.package.name.rawValue, id: detail.package.id, isPrivate: detail.package.isPrivate,
            defaultTrack: defaultTrack == Channel.latestTrack ? nil : defaultTrack,
            tracks: tracks.map { SnapTrack(name: $0, status: $0 == defaultTrack ? "default" : "active") })
    }
}

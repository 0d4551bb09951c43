extension SnapChannelMapEntry {
    /// The entry for one domain channel-map entry (`when` set; a branch always gets an expiration date).
    public init(_ release: ChannelRelease) {
        var expiration = release.expiresAt
        if release.channel.isBranch, expiration == nil {
            expiration = release.releasedAt.addingTimeInterval(ChannelMap.branchLifetime)
        }
        self.init(
            architecture: release.platform.architecture.rawValue, channel: release.channel.fullName,
            expirationDate: expiration.map(WireDate.init), progressive: WireProgressive(release),
            revision: release.revision, when: WireDate(release.releasedAt))
    }
}

extension SnapChannelMapResponse {
    /// Builds `GET /api/v2/snaps/{name}/channel-map` from the domain.
    ///
    /// `channel-map` has one entry per map entry; `revisions` lists the given revisions that the map
    /// releases, newest first; `snap.channels` is recomputed from the map and the names of `snap.tracks`.
    /// - Throws: `WireBuildError.missingRevision` when the map releases a revision not in `revisions`.
    public init(map: ChannelMap, revisions: [Revision], snap: SnapPublisherSnap) throws(WireBuildError) {
        let released = map.releasedRevisions
        if let missing = released.subtracting(revisions.map(\.number)).min() { throw .missingRevision(missing) }
        var snap = snap
        snap.channels = WireChannelInfo.channels(of: map, tracks: snap.tracks?.map(\.name) ?? [])
        self.init(
            channelMap: map.releases.map(SnapChannelMapEntry.init),
            revisions: revisions.filter { released.contains($0.number) }.sorted { $0.number > $1.number }
                .map { SnapPublisherRevision($0) },
            snap: snap)
    }
}

extension SnapChannelStatus {
    /// Builds the dashboard's `channel_map_tree` from a channel map.
    ///
    /// For every track and architecture: the four risks (`specific` with revision and version when the
    /// channel has its own release, `tracking` when it follows a safer risk, `none` when closed), each
    /// followed by its open branches (`branch`, with `expires_at`). The tree shows what most devices get:
    /// a channel holding only a progressive release is `tracking` when a safer risk is open, and shows the
    /// progressive revision as `specific` only when there is nothing safer to follow.
    /// - Parameters:
    ///   - map: the channel map; drop expired branches first.
    ///   - revisions: the package's revisions, for versions (a missing one leaves `version` out).
    ///   - series: the series key; always `"16"` on the real store.
    /// - Complexity: O(*t* · *a* · *n*) for *t* tracks, *a* architectures and *n* map entries.
    public static func tree(of map: ChannelMap, revisions: [Revision], series: String = "16") -> SnapChannelMapTree {
        let versions = Dictionary(revisions.map { ($0.number, $0.version) }, uniquingKeysWith: { first, _ in first })
        var tree: SnapChannelMapTree = [:]
        for track in map.orderedTracks {
            var byArchitecture: [String: [SnapChannelStatus]] = [:]
            for platform in map.platforms {
                byArchitecture[platform.architecture.rawValue] = statuses(
                    of: map, track: track, platform: platform, versions: versions)
            }
            tree[track] = [series: byArchitecture]
        }
        return tree
    }

    /// The channel states of one track on one platform, in the tree's order.
    public static func statuses(of map: ChannelMap, track: String, on platform: Platform, revisions: [Revision]) -> [SnapChannelStatus] {
        let versions = Dictionary(revisions.map { ($0.number, $0.version) }, uniquingKeysWith: { first, _ in first })
        return statuses(of: map, track: track, platform: platform, versions: versions)
    }

    private static func statuses(
        of map: ChannelMap, track: String, platform: Platform, versions: [Int: String]
    ) -> [SnapChannelStatus] {
        var result: [SnapChannelStatus] = []
        for risk in Risk.allCases {
            let channel = Channel(track: track, risk: risk)
            let serving = map.serving(channel, on: platform)
            let name = risk.description
            switch serving.source {
            case .own:
                let revision = (serving.release ?? serving.progressive)?.revision
                result.append(SnapChannelStatus(
                    channel: name, info: .specific, revision: revision, version: revision.flatMap { versions[$0] }))
            case .following:
                result.append(SnapChannelStatus(channel: name, info: .tracking))
            case .closed:
                result.append(SnapChannelStatus(channel: name, info: .closed))
            }
            let branches = map.releases.filter {
                $0.channel.track == track && $0.channel.risk == risk && $0.channel.isBranch && $0.platform == platform
                    && !$0.isProgressive
            }
            for branch in branches {
                let expiry = branch.expiresAt ?? branch.releasedAt.addingTimeInterval(ChannelMap.branchLifetime)
                result.append(SnapChannelStatus(
                    channel: "\(risk)/\(branch.channel.branch ?? "")", info: .branch, revision: branch.revision,
                    version: versions[branch.revision], expiresAt: WireDate(expiry)))
            }
        }
        return result
    }
}

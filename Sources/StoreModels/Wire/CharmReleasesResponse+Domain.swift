import Foundation

extension CharmReleasesResponse {
    /// Builds `GET /v1/charm/{name}/releases` from a package's channel map and revisions.
    ///
    /// - `channel-map`: one entry per map entry (plain and progressive), base from the platform's
    ///   `name@channel` base or `null`, `expiration-date` set for branches (the entry's own, else
    ///   release time + 30 days) and `null` otherwise, `resources` as released (`{name, type, revision}`).
    /// - `package.channels`: the four risks of every track, fallback the next safer risk (`null` for
    ///   stable), then each open branch right after its risk with fallback its own track/risk.
    /// - `revisions`: every revision given, newest first, status `released` when the map releases it,
    ///   otherwise its review word (`approved`…).
    /// - Parameters:
    ///   - map: the channel map; drop expired branches first.
    ///   - revisions: the package's released revisions (at least every number the map releases).
    ///   - tracks: the package's tracks, so open tracks without releases are listed too.
    /// - Throws: `WireBuildError.missingRevision` when the map releases a revision not in `revisions`
    ///   (charmcraft would fail looking it up).
    public init(map: ChannelMap, revisions: [Revision], tracks: [String] = []) throws(WireBuildError) {
        let given = Set(revisions.map(\.number))
        if let missing = map.releasedRevisions.subtracting(given).min() { throw .missingRevision(missing) }
        let released = map.releasedRevisions
        self.init(
            channelMap: map.releases.map(CharmChannelMapEntry.init),
            package: WirePackageChannels(channels: WireChannelInfo.channels(of: map, tracks: tracks)),
            revisions: revisions.sorted { $0.number > $1.number }.map { revision in
                CharmRevision(revision, status: released.contains(revision.number) ? "released" : nil)
            })
    }
}

extension CharmChannelMapEntry {
    /// The entry for one domain channel-map entry.
    ///
    /// A branch always gets an expiration date: its own, or 30 days after the release.
    public init(_ release: ChannelRelease) {
        var expiration = release.expiresAt
        if release.channel.isBranch, expiration == nil {
            expiration = release.releasedAt.addingTimeInterval(ChannelMap.branchLifetime)
        }
        self.init(
            base: CharmBase(release.platform), channel: release.channel.fullName,
            expirationDate: expiration.map(WireDate.init), progressive: WireProgressive(release),
            resources: release.resources.map { CharmResourceRef(name: $0.name, type: $0.type ?? "file", revision: $0.revision) },
            revision: release.revision, when: WireDate(release.releasedAt))
    }
}

extension CharmRevision {
    /// The entry for a domain revision.
    ///
    /// `bases` has one entry per architecture (`null` when the revision's base is not `name@channel`);
    /// a rejected revision carries its reason as a `review-error`.
    /// - Parameters:
    ///   - revision: the revision.
    ///   - status: the status word to show; defaults to the review word (`approved`, `pending`, `rejected`).
    public init(_ revision: Revision, status: String? = nil) {
        var errors: [WireError]?
        if case .rejected(let reason) = revision.review {
            errors = [WireError(code: "review-error", message: reason)]
        }
        self.init(
            revision: revision.number, version: revision.version, createdAt: WireDate(revision.createdAt),
            status: status ?? revision.review.word, errors: errors,
            bases: revision.architectures.map { CharmBase(Platform(architecture: $0, base: revision.base)) },
            sha3_384: revision.sha3_384, size: revision.size)
    }
}

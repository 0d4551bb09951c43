extension SnapInfoChannelMapEntry {
    /// Builds the public info `channel-map` from a channel map, as the Snap Store answers it.
    ///
    /// - Only channels with a plain release of their own appear: closed channels, channels that merely
    ///   follow a safer risk, and progressive-only channels are absent (snapd shows those as `↑`/`–`).
    /// - Branches never appear.
    /// - Entries are ordered by track (`latest` first), risk (stable first), then architecture.
    /// - `channel.name` drops `latest/`; `track` is always explicit.
    /// - Parameters:
    ///   - map: the channel map.
    ///   - revisions: the package's revisions; an entry whose revision is missing carries only its number.
    ///   - downloadURL: the download URL for a revision, if the server has one.
    /// - Complexity: O(*n* log *n*) in the number of map entries.
    public static func entries(
        of map: ChannelMap, revisions: [Revision], downloadURL: (Revision) -> String? = { _ in nil }
    ) -> [SnapInfoChannelMapEntry] {
        let byNumber = Dictionary(revisions.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let plain = map.releases.filter { !$0.channel.isBranch && !$0.isProgressive }
        let ordered = plain.sorted { lhs, rhs in
            if lhs.channel != rhs.channel { return lhs.channel < rhs.channel }
            if lhs.platform.architecture != rhs.platform.architecture {
                return lhs.platform.architecture < rhs.platform.architecture
            }
            return (lhs.platform.base ?? "") < (rhs.platform.base ?? "")
        }
        return ordered.map { release in
            let channel = SnapInfoChannel(
                architecture: release.platform.architecture.rawValue, name: release.channel.shortName,
                releasedAt: WireDate(release.releasedAt), risk: release.channel.risk.description,
                track: release.channel.track)
            guard let revision = byNumber[release.revision] else {
                return SnapInfoChannelMapEntry(channel: channel, revision: SnapRevisionFields(revision: release.revision))
            }
            return SnapInfoChannelMapEntry(channel: channel, revision: SnapRevisionFields(revision, downloadURL: downloadURL(revision)))
        }
    }
}

extension SnapRevisionFields {
    /// The revision-level fields the domain knows for `revision`.
    ///
    /// Sets `architectures`, `base` (`null` without one), `confinement` (when known), `created-at`,
    /// `download` (`size`, `sha3-384`, and `url` when given), `revision` and `version`; the rest stays absent.
    public init(_ revision: Revision, downloadURL: String? = nil) {
        self.init(
            architectures: revision.architectures, base: WireField(nullable: revision.base),
            confinement: revision.confinement?.rawValue, createdAt: WireDate(revision.createdAt),
            download: SnapDownload(url: downloadURL, size: revision.size, sha3_384: revision.sha3_384),
            revision: revision.number, version: revision.version)
    }
}

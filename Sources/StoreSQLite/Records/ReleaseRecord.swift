import GRDB
import StoreModels

/// Reading and writing a package's channel map (`releases` rows).
enum ReleaseRecord {
    /// The package's stored channel map, expired branches included.
    static func channelMap(packagePK: Int64, tracks: [String], version: Int, _ db: Database) throws -> ChannelMap {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM releases WHERE package_pk = ?"), arguments: [packagePK])
        return ChannelMap(releases: try rows.map(release), tracks: tracks, version: version)
    }

    /// The release entry in a `releases` row.
    static func release(_ row: Row) throws -> ChannelRelease {
        let riskWord: String = try row.value("risk")
        let branch: String = try row.value("branch")
        let base: String = try row.value("base")
        return ChannelRelease(
            channel: Channel(track: try row.value("track"), risk: Risk(word: riskWord) ?? .edge, branch: branch.isEmpty ? nil : branch),
            platform: Platform(architecture: Architecture(rawValue: try row.value("architecture")), base: base.isEmpty ? nil : base),
            revision: try row.value("revision"),
            releasedAt: try row.date("released_at"),
            expiresAt: try row.optionalDate("expires_at"),
            progressivePercentage: try row.value("progressive"))
    }

    /// Replaces the package's channel map rows with `map`'s entries.
    static func replace(packagePK: Int64, with map: ChannelMap, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM releases WHERE package_pk = ?", arguments: [packagePK])
        try insert(map.releases, packagePK: packagePK, db)
    }

    /// Inserts release entries for the package with key `packagePK`.
    static func insert(_ releases: [ChannelRelease], packagePK: Int64, _ db: Database) throws {
        guard !releases.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO releases (package_pk, track, risk, branch, architecture, base, revision, released_at,
                expires_at, progressive)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for release in releases {
            try statement.execute(arguments: [
                packagePK, release.channel.track, release.channel.risk.description, release.channel.branch ?? "",
                release.platform.architecture.rawValue, release.platform.base ?? "", release.revision,
                release.releasedAt.databaseValue, release.expiresAt?.databaseValue, release.progressivePercentage,
            ])
        }
    }

    /// The version `latest/stable` serves to most devices, amd64 preferred, from `revisions`.
    static func latestStableVersion(of map: ChannelMap, defaultTrack: String, revisions: [Int: Revision]) -> String? {
        let stable = Channel(track: map.tracks.contains(defaultTrack) ? defaultTrack : Channel.latestTrack, risk: .stable)
        let platforms = map.releases.filter { $0.channel == stable && !$0.isProgressive }.map(\.platform).sorted()
        let preferred = platforms.first { $0.architecture == .amd64 } ?? platforms.first
        guard let platform = preferred, let number = map.serving(stable, on: platform).revision else { return nil }
        return revisions[number]?.version
    }
}

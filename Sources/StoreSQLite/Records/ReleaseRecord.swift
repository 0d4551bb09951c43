import GRDB
import StoreEngineSupport
import StoreModels

/// Reading and writing a package's channel map (`releases` rows).
enum ReleaseRecord {
    /// The package's stored channel map, expired branches included, with its closed slots unless
    /// `withClosedSlots` is false (a download needs only what is served).
    static func channelMap(packagePK: Int64, tracks: [String], version: Int, withClosedSlots: Bool = true, _ db: Database) throws -> ChannelMap {
        // Decoded from the cursor's rows, which find columns by name in a dictionary (fetched copies do not).
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT * FROM releases WHERE package_pk = ?"), arguments: [packagePK])
        let releases = try Array(rows.map(ChannelRelease.init(columns:)))
        var closed: Set<ChannelSlot> = []
        if withClosedSlots {
            let slots = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT * FROM closed_slots WHERE package_pk = ?"), arguments: [packagePK])
            closed = Set(try Array(slots.map(ChannelSlot.init(columns:))))
        }
        return ChannelMap(releases: releases, tracks: tracks, version: version, closedSlots: closed)
    }

    /// Replaces the package's channel map rows (and closed slots) with `map`'s.
    static func replace(packagePK: Int64, with map: ChannelMap, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM releases WHERE package_pk = ?", arguments: [packagePK])
        try insert(map.releases, packagePK: packagePK, db)
        try db.execute(sql: "DELETE FROM closed_slots WHERE package_pk = ?", arguments: [packagePK])
        let statement = try db.cachedStatement(sql: """
            INSERT INTO closed_slots (package_pk, track, risk, branch, architecture, base) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for slot in map.closedSlots.sorted() {
            try statement.execute(arguments: [
                packagePK, slot.channel.track, slot.channel.risk.description, slot.channel.branch ?? "",
                slot.platform.architecture.rawValue, slot.platform.base ?? "",
            ])
        }
    }

    /// Inserts release entries for the package with key `packagePK`.
    static func insert(_ releases: [ChannelRelease], packagePK: Int64, _ db: Database) throws {
        guard !releases.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO releases (package_pk, track, risk, branch, architecture, base, revision, released_at,
                expires_at, progressive, resources)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for release in releases {
            try statement.execute(arguments: [
                packagePK, release.channel.track, release.channel.risk.description, release.channel.branch ?? "",
                release.platform.architecture.rawValue, release.platform.base ?? "", release.revision,
                release.releasedAt.databaseValue, release.expiresAt?.databaseValue, release.progressivePercentage,
                try ResourceRules.column(release.resources),
            ])
        }
    }

}

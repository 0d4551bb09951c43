import Foundation
import PostgresNIO
import StoreEngineSupport
import StoreModels

/// Reading and writing a package's channel map (`releases` rows) and its history.
enum ReleaseRecord {
    /// The package's stored channel map, expired branches included, with its closed slots unless
    /// `withClosedSlots` is false (a download needs only what is served).
    static func channelMap(packagePK: Int64, tracks: [String], version: Int, withClosedSlots: Bool = true, _ db: Database) async throws -> ChannelMap {
        let rows = try await db.rows("SELECT * FROM releases WHERE package_pk = \(packagePK)")
        var closed: Set<ChannelSlot> = []
        if withClosedSlots {
            closed = Set(try await db.rows("SELECT * FROM closed_slots WHERE package_pk = \(packagePK)").map(ChannelSlot.init(columns:)))
        }
        return ChannelMap(releases: try rows.map(ChannelRelease.init(columns:)), tracks: tracks, version: version, closedSlots: closed)
    }

    /// The channel maps of these packages (without closed slots, as the public reads use them), in one
    /// statement, by package key; a package with no releases gets an empty map.
    static func channelMaps(of packages: [PackageContext], _ db: Database) async throws -> [Int64: ChannelMap] {
        guard !packages.isEmpty else { return [:] }
        let rows = try await db.rows("SELECT * FROM releases WHERE package_pk = ANY(\(packages.map(\.pk))::int8[])")
        var releases: [Int64: [ChannelRelease]] = [:]
        for row in rows { releases[try row.int64("package_pk"), default: []].append(try ChannelRelease(columns: row)) }
        var maps: [Int64: ChannelMap] = [:]
        for package in packages {
            maps[package.pk] = ChannelMap(
                releases: releases[package.pk] ?? [], tracks: package.package.tracks, version: package.channelMapVersion, closedSlots: [])
        }
        return maps
    }

    /// Replaces the package's channel map rows (and closed slots) with `map`'s.
    static func replace(packagePK: Int64, with map: ChannelMap, _ db: Database) async throws {
        try await db.execute("DELETE FROM releases WHERE package_pk = \(packagePK)")
        try await insert(map.releases, packagePK: packagePK, db)
        try await db.execute("DELETE FROM closed_slots WHERE package_pk = \(packagePK)")
        guard !map.closedSlots.isEmpty else { return }
        var statement = Statement("INSERT INTO closed_slots (package_pk, track, risk, branch, architecture, base) VALUES")
        for (index, slot) in map.closedSlots.sorted().enumerated() {
            let values = [
                statement.bind(packagePK), statement.bind(slot.channel.track), statement.bind(slot.channel.risk.description),
                statement.bind(slot.channel.branch ?? ""), statement.bind(slot.platform.architecture.rawValue),
                statement.bind(slot.platform.base ?? ""),
            ]
            statement.append((index == 0 ? " (" : ", (") + values.joined(separator: ", ") + ")")
        }
        try await db.execute(statement)
    }

    /// Inserts release entries for the package with key `packagePK`, in one statement.
    static func insert(_ releases: [ChannelRelease], packagePK: Int64, _ db: Database) async throws {
        guard !releases.isEmpty else { return }
        var statement = Statement("""
            INSERT INTO releases (package_pk, track, risk, branch, architecture, base, revision, released_at,
                expires_at, progressive, resources) VALUES
            """)
        for (index, release) in releases.enumerated() {
            let values = [
                statement.bind(packagePK), statement.bind(release.channel.track), statement.bind(release.channel.risk.description),
                statement.bind(release.channel.branch ?? ""), statement.bind(release.platform.architecture.rawValue),
                statement.bind(release.platform.base ?? ""), statement.bind(release.revision),
                statement.bind(release.releasedAt.timestamp), statement.bind(release.expiresAt?.timestamp),
                statement.bind(release.progressivePercentage), statement.bind(try ResourceRules.column(release.resources)),
            ]
            statement.append((index == 0 ? " (" : ", (") + values.joined(separator: ", ") + ")")
        }
        try await db.execute(statement)
    }

}

/// The append-only log of applied plans, with the channel map before and after each.
enum ReleaseHistoryRecord {
    /// Appends the record of one applied plan.
    static func append(
        packagePK: Int64, action: String, plan: ReleasePlan, before: ChannelMap, after: ChannelMap, actor: String,
        at date: Date, _ db: Database
    ) async throws {
        try await db.execute("""
            INSERT INTO release_history (package_pk, map_version, action, plan, before_json, after_json, actor, at)
            VALUES (\(packagePK), \(after.version), \(action), \(try JSONColumn.encode(plan))::jsonb,
                \(try JSONColumn.encode(before.releases))::jsonb, \(try JSONColumn.encode(after.releases))::jsonb,
                \(actor), \(date.timestamp))
            """)
    }

    /// The package's channel map as it was at `version`, when the history can tell.
    ///
    /// Version `v` is the map after the plan that produced `v`, which is also the map before the
    /// plan that produced `v + 1`. Maps from before the history began (imported, or version 0 of
    /// a package that never released) cannot be rebuilt.
    static func map(packagePK: Int64, at version: Int, tracks: [String], _ db: Database) async throws -> ChannelMap? {
        let json = try await db.scalar("""
            (SELECT after_json::text FROM release_history WHERE package_pk = \(packagePK) AND map_version = \(version))
            UNION ALL
            (SELECT before_json::text FROM release_history WHERE package_pk = \(packagePK) AND map_version = \(version + 1))
            LIMIT 1
            """, as: String.self)
        guard let json else { return nil }
        let releases = try JSONColumn.decode([ChannelRelease].self, from: json)
        return ChannelMap(releases: releases, tracks: tracks, version: version)
    }
}

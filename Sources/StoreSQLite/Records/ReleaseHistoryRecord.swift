import Foundation
import GRDB
import StoreModels
import StoreEngineSupport

/// The append-only log of applied plans, with the channel map before and after each.
enum ReleaseHistoryRecord {
    /// Appends the record of one applied plan.
    static func append(
        packagePK: Int64, action: String, plan: ReleasePlan, before: ChannelMap, after: ChannelMap, actor: String,
        at date: Date, _ db: Database
    ) throws {
        try db.execute(sql: """
            INSERT INTO release_history (package_pk, map_version, action, plan, before_json, after_json, actor, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                packagePK, after.version, action, try JSONColumn.encode(plan), try JSONColumn.encode(before.releases),
                try JSONColumn.encode(after.releases), actor, date.databaseValue,
            ])
    }

    /// The package's channel map as it was at `version`, when the history can tell.
    ///
    /// Version `v` is the map after the plan that produced `v`, which is also the map before the
    /// plan that produced `v + 1`. Maps from before the history began (imported, or version 0 of
    /// a package that never released) cannot be rebuilt, except version 0 of a map with no history
    /// at all, which is empty.
    static func map(packagePK: Int64, at version: Int, tracks: [String], _ db: Database) throws -> ChannelMap? {
        let json = try String.fetchOne(db, sql: """
            SELECT after_json FROM release_history WHERE package_pk = ? AND map_version = ?
            UNION ALL
            SELECT before_json FROM release_history WHERE package_pk = ? AND map_version = ?
            LIMIT 1
            """, arguments: [packagePK, version, packagePK, version + 1])
        guard let json else { return nil }
        let releases = try JSONColumn.decode([ChannelRelease].self, from: json)
        return ChannelMap(releases: releases, tracks: tracks, version: version)
    }
}

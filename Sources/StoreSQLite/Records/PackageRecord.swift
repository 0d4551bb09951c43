import Foundation
import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

/// Reading and writing `packages` rows.
enum PackageRecord {
    /// The columns a search result needs, with the owner's account aliased `a_…`.
    static let summarySelection =
        "p.id, p.name, p.type, p.title, p.summary, p.categories, p.latest_stable_version, p.updated_us, "
        + AccountColumns.selection("a", prefix: "a_")

    /// The search result in a row selected with ``summarySelection``.
    static func summary(_ row: Row) throws -> PackageSummary { try PackageSummary(columns: row) }

    /// Inserts `package` and its categories; returns its internal key.
    @discardableResult
    static func insert(
        _ package: Package, ownerSuspended: Bool, channelMapVersion: Int, lastRevision: Int,
        latestStableVersion: String?, _ db: Database
    ) throws -> Int64 {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO packages (id, name, type, title, summary, description, publisher_id, categories, license,
                links, status, private, listed, default_track, tracks, created_at, channel_map_version,
                last_revision, latest_stable_version, updated_us, version_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let listed = Package.isListed(isPrivate: package.isPrivate, status: package.status, ownerSuspended: ownerSuspended)
        let links = package.links.isEmpty ? "[]" : try JSONColumn.encode(package.links)
        try statement.execute(arguments: [
            package.id, package.name.rawValue, package.type.rawValue, package.title, package.summary,
            package.description, package.publisherID, JSONColumn.encode(strings: package.categories),
            package.license, links, package.status.rawValue, package.isPrivate, listed, package.defaultTrack,
            JSONColumn.encode(strings: package.tracks), package.createdAt.databaseValue, channelMapVersion,
            lastRevision, latestStableVersion, PackageSortKeys.micros(package.createdAt),
            PackageSortKeys.version(latestStableVersion),
        ])
        let pk = db.lastInsertedRowID
        if !package.categories.isEmpty {
            let category = try db.cachedStatement(sql: "INSERT OR IGNORE INTO categories (name) VALUES (?)")
            let link = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO package_categories (category, package_name, package_pk) VALUES (?, ?, ?)
                """)
            for name in package.categories {
                try category.execute(arguments: [name])
                try link.execute(arguments: [name, package.name.rawValue, pk])
            }
        }
        return pk
    }
}

import Foundation
import GRDB
import StoreModels
import StoreService

/// Reading and writing `packages` rows.
enum PackageRecord {
    /// The columns a search result needs, with the owner's account aliased `a_…`.
    static let summarySelection =
        "p.id, p.name, p.type, p.title, p.summary, p.categories, p.latest_stable_version, "
        + AccountRecord.selection("a", prefix: "a_")

    /// The search result in a row selected with ``summarySelection``.
    static func summary(_ row: Row) throws -> PackageSummary {
        PackageSummary(
            id: try row.value("id"),
            name: PackageName(trusted: try row.value("name")),
            type: PackageType(rawValue: try row.value("type")),
            title: try row.value("title"),
            summary: try row.value("summary"),
            publisher: try AccountRecord.summary(row, prefix: "a_"),
            latestStableVersion: try row.value("latest_stable_version"),
            categories: try JSONColumn.strings(from: try row.value("categories")))
    }

    /// The package in a `SELECT p.*` row.
    static func package(_ row: Row) throws -> Package {
        let statusWord: String = try row.value("status")
        let isPrivate: Bool = try row.value("private")
        return Package(
            id: try row.value("id"),
            name: PackageName(trusted: try row.value("name")),
            type: PackageType(rawValue: try row.value("type")),
            title: try row.value("title"),
            summary: try row.value("summary"),
            description: try row.value("description"),
            publisherID: try row.value("publisher_id"),
            categories: try JSONColumn.strings(from: try row.value("categories")),
            license: try row.value("license"),
            links: try JSONColumn.decode([Package.Link].self, from: try row.value("links")),
            status: Package.Status(rawValue: statusWord) ?? .registered,
            isPrivate: isPrivate,
            defaultTrack: try row.value("default_track"),
            tracks: try JSONColumn.strings(from: try row.value("tracks")),
            createdAt: try row.date("created_at"))
    }

    /// Whether a package belongs in the public catalogue.
    static func isListed(isPrivate: Bool, status: Package.Status, ownerSuspended: Bool) -> Bool {
        !isPrivate && status != .quarantined && !ownerSuspended
    }

    /// Inserts `package` and its categories; returns its internal key.
    @discardableResult
    static func insert(
        _ package: Package, ownerSuspended: Bool, channelMapVersion: Int, lastRevision: Int,
        latestStableVersion: String?, _ db: Database
    ) throws -> Int64 {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO packages (id, name, type, title, summary, description, publisher_id, categories, license,
                links, status, private, listed, default_track, tracks, created_at, channel_map_version,
                last_revision, latest_stable_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let listed = isListed(isPrivate: package.isPrivate, status: package.status, ownerSuspended: ownerSuspended)
        let links = package.links.isEmpty ? "[]" : try JSONColumn.encode(package.links)
        try statement.execute(arguments: [
            package.id, package.name.rawValue, package.type.rawValue, package.title, package.summary,
            package.description, package.publisherID, JSONColumn.encode(strings: package.categories),
            package.license, links, package.status.rawValue, package.isPrivate, listed, package.defaultTrack,
            JSONColumn.encode(strings: package.tracks), package.createdAt.databaseValue, channelMapVersion,
            lastRevision, latestStableVersion,
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

import Foundation
import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

/// Reading and writing `packages` rows.
enum PackageRecord {
    /// The columns a search result needs, with the owner's account aliased `a_…`.
    static let summarySelection =
        "p.id, p.name, p.type, p.title, p.summary, p.categories, p.latest_stable_version, p.updated_us, "
        + AccountColumns.selection("a", prefix: "a_")

    /// The columns of a whole package (everything but the search vector), aliased `p`.
    static let selection = """
        p.pk, p.id, p.name, p.type, p.title, p.summary, p.description, p.publisher_id, p.categories, p.license,
        p.links, p.status, p.private, p.listed, p.default_track, p.tracks, p.created_at, p.channel_map_version,
        p.last_revision, p.latest_stable_version
        """

    /// The search result in a row selected with ``summarySelection``.
    static func summary(_ row: Row) throws -> PackageSummary { try PackageSummary(columns: row) }

    /// Inserts `package` and its categories; returns its internal key.
    @discardableResult
    static func insert(
        _ package: Package, ownerSuspended: Bool, channelMapVersion: Int, lastRevision: Int,
        latestStableVersion: String?, _ db: Database
    ) async throws -> Int64 {
        let listed = Package.isListed(isPrivate: package.isPrivate, status: package.status, ownerSuspended: ownerSuspended)
        let links = package.links.isEmpty ? "[]" : try JSONColumn.encode(package.links)
        let pk = try await db.scalar("""
            INSERT INTO packages (id, name, type, title, summary, description, publisher_id, categories, license,
                links, status, private, listed, default_track, tracks, created_at, channel_map_version,
                last_revision, latest_stable_version, updated_us, version_key)
            VALUES (\(package.id), \(package.name.rawValue), \(package.type.rawValue), \(package.title),
                \(package.summary), \(package.description), \(package.publisherID),
                \(JSONColumn.encode(strings: package.categories))::jsonb, \(package.license), \(links)::jsonb,
                \(package.status.rawValue), \(package.isPrivate), \(listed), \(package.defaultTrack),
                \(JSONColumn.encode(strings: package.tracks))::jsonb, \(package.createdAt.timestamp),
                \(channelMapVersion), \(lastRevision), \(latestStableVersion),
                \(PackageSortKeys.micros(package.createdAt)), \(PackageSortKeys.version(latestStableVersion)))
            RETURNING pk
            """, as: Int64.self) ?? 0
        if !package.categories.isEmpty {
            try await db.execute("""
                INSERT INTO categories (name) SELECT unnest(\(package.categories)::text[]) ON CONFLICT DO NOTHING
                """)
            try await db.execute("""
                INSERT INTO package_categories (category, package_name, package_pk)
                SELECT c, \(package.name.rawValue), \(pk) FROM unnest(\(package.categories)::text[]) AS c
                ON CONFLICT DO NOTHING
                """)
        }
        return pk
    }
}

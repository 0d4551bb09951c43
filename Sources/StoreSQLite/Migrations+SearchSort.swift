import GRDB
import StoreEngineSupport

extension Migrations {
    /// The sort keys of search orders (``SortedSearch``): when a package's channel map last changed,
    /// in microseconds, and its version's ``VersionOrder`` key; each indexed over listed packages with
    /// the name as tie-break. The publisher order walks `accounts` by username and
    /// `packages_by_publisher`.
    ///
    /// Existing packages get the newer of their latest history entry, latest release and
    /// registration; version keys are computed in Swift by ``SortKeyBackfill``.
    static let searchSort = """
        ALTER TABLE packages ADD COLUMN updated_us INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE packages ADD COLUMN version_key TEXT NOT NULL DEFAULT '';
        UPDATE packages SET updated_us = CAST(max(
            created_at,
            coalesce((SELECT max(at) FROM release_history h WHERE h.package_pk = packages.pk), created_at),
            coalesce((SELECT max(released_at) FROM releases r WHERE r.package_pk = packages.pk), created_at)
        ) * 1000000 AS INTEGER);
        CREATE INDEX packages_listed_by_updated ON packages(updated_us, name) WHERE listed = 1;
        CREATE INDEX packages_listed_by_version ON packages(version_key, name) WHERE listed = 1;
        """
}

/// Fills `packages.version_key` from `latest_stable_version` (``PackageSortKeys/version(_:)``),
/// for databases made before the column.
enum SortKeyBackfill {
    static func run(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT pk, latest_stable_version FROM packages WHERE latest_stable_version IS NOT NULL")
        let update = try db.makeStatement(sql: "UPDATE packages SET version_key = ? WHERE pk = ?")
        for row in rows {
            let version: String? = row["latest_stable_version"]
            try update.execute(arguments: [PackageSortKeys.version(version), row["pk"] as Int64])
        }
    }
}

import PostgresNIO
import StoreEngineSupport

extension PostgresSchema {
    /// The sort keys of search orders (``SortedSearch``), as in the SQLite engine: when a package's
    /// channel map last changed, in microseconds, and its version's ``VersionOrder`` key, each
    /// indexed over listed packages with the name as tie-break. Version keys of existing packages are
    /// computed in Swift afterwards (``PostgresSortKeyBackfill``).
    static let v12SearchSort: [String] = [
        "ALTER TABLE packages ADD COLUMN updated_us BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE packages ADD COLUMN version_key TEXT COLLATE \"C\" NOT NULL DEFAULT ''",
        """
        UPDATE packages p SET updated_us = (extract(epoch FROM greatest(
            p.created_at,
            (SELECT max(h.at) FROM release_history h WHERE h.package_pk = p.pk),
            (SELECT max(r.released_at) FROM releases r WHERE r.package_pk = p.pk)
        )) * 1000000)::bigint
        """,
        "CREATE INDEX packages_listed_by_updated ON packages (updated_us, name) WHERE listed",
        "CREATE INDEX packages_listed_by_version ON packages (version_key, name) WHERE listed",
    ]
}

/// Fills `packages.version_key` from `latest_stable_version` (``PackageSortKeys/version(_:)``), for
/// databases made before the column; runs inside the migration's transaction.
enum PostgresSortKeyBackfill {
    static func run(_ db: Database) async throws {
        let rows = try await db.rows("SELECT pk, latest_stable_version FROM packages WHERE latest_stable_version IS NOT NULL")
        guard !rows.isEmpty else { return }
        var keys: [Int64] = []
        var values: [String] = []
        for row in rows {
            keys.append(try row.int64("pk"))
            values.append(PackageSortKeys.version(try row.optionalString("latest_stable_version")))
        }
        try await db.execute("""
            UPDATE packages p SET version_key = v.key
            FROM unnest(\(keys)::bigint[], \(values)::text[]) AS v(pk, key) WHERE p.pk = v.pk
            """)
    }
}

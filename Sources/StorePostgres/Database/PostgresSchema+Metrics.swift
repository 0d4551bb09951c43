/// Daily adoption figures (migration `v11-package-metrics`): one row per day, package, channel, revision
/// and architecture, with additive counts and a HyperLogLog sketch of the distinct devices (`devices`,
/// ``DistinctSketch/bytes``; `precision` is its precision, lowered when old days are rolled up).
extension PostgresSchema {
    static let v11PackageMetrics: [String] = [
        """
        CREATE TABLE package_metrics (
            package_id TEXT NOT NULL,
            day TEXT NOT NULL,
            channel TEXT NOT NULL,
            revision BIGINT NOT NULL,
            architecture TEXT NOT NULL,
            requests BIGINT NOT NULL DEFAULT 0 CHECK (requests >= 0),
            downloads BIGINT NOT NULL DEFAULT 0 CHECK (downloads >= 0),
            devices BYTEA NOT NULL,
            precision BIGINT NOT NULL,
            PRIMARY KEY (package_id, day, channel, revision, architecture)
        )
        """,
        "CREATE INDEX package_metrics_by_day ON package_metrics(day, precision)",
    ]
}

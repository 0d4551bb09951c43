/// Daily adoption figures (migration `v11-package-metrics`): one row per day, package, channel, revision
/// and architecture, with additive counts and a HyperLogLog sketch of the distinct devices (`devices`,
/// ``DistinctSketch/bytes``; `precision` is its precision, lowered when old days are rolled up).
extension Migrations {
    static let packageMetrics = """
        CREATE TABLE package_metrics (
            package_id TEXT NOT NULL,
            day TEXT NOT NULL,
            channel TEXT NOT NULL,
            revision INTEGER NOT NULL,
            architecture TEXT NOT NULL,
            requests INTEGER NOT NULL DEFAULT 0 CHECK (requests >= 0),
            downloads INTEGER NOT NULL DEFAULT 0 CHECK (downloads >= 0),
            devices BLOB NOT NULL,
            precision INTEGER NOT NULL,
            PRIMARY KEY (package_id, day, channel, revision, architecture)
        ) WITHOUT ROWID;
        -- Retention and roll-up walk old days.
        CREATE INDEX package_metrics_by_day ON package_metrics(day, precision);

        """
}

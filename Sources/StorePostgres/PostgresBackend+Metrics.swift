import Foundation
import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

/// Daily adoption figures in PostgreSQL (table `package_metrics`).
///
/// A flush is one transaction. Each slice is upserted (counts added in SQL); when the row existed, the
/// upsert has locked it, so the stored sketch read back is merged with the batch's and written while no
/// other instance's flush can touch the row. Slices are written in one order (``MetricsSlice``'s), so two
/// instances flushing at once wait for each other instead of deadlocking.
extension PostgresBackend: MetricsStore {
    /// Adds `batch` in one transaction, then applies `retention`; see ``MetricsStore``.
    public func recordMetrics(_ batch: [MetricsSlice: MetricsFigures], retention: MetricsRetention, today: String) async throws(StoreError) {
        try await write { db in
            for (slice, figures) in batch.sorted(by: { $0.key < $1.key }) {
                let sketch = figures.devices.data
                let precision = figures.devices.precision
                guard let row = try await db.row("""
                    INSERT INTO package_metrics (package_id, day, channel, revision, architecture, requests, downloads, devices, precision)
                    VALUES (\(slice.packageID), \(slice.day), \(slice.channel), \(slice.revision), \(slice.architecture),
                            \(figures.requests), \(figures.downloads), \(sketch), \(precision))
                    ON CONFLICT (package_id, day, channel, revision, architecture) DO UPDATE SET
                        requests = package_metrics.requests + EXCLUDED.requests,
                        downloads = package_metrics.downloads + EXCLUDED.downloads
                    RETURNING devices, (xmax = 0) AS inserted
                    """) else { continue }
                if try row.bool("inserted") { continue }
                let merged = Data(MetricsRules.merged(stored: try row.value("devices", as: Data.self), adding: figures.devices))
                try await db.execute("""
                    UPDATE package_metrics SET devices = \(merged), precision = \(Int(merged[1]))
                    WHERE package_id = \(slice.packageID) AND day = \(slice.day) AND channel = \(slice.channel)
                      AND revision = \(slice.revision) AND architecture = \(slice.architecture)
                    """)
            }
            try await Self.applyRetention(retention, today: today, db)
        }
    }

    /// Deletes the days `retention` no longer keeps and rolls up at most 500 old rows (each flush
    /// continues where the last stopped; rows another flush holds are skipped).
    private static func applyRetention(_ retention: MetricsRetention, today: String, _ db: Database) async throws {
        try await db.execute("DELETE FROM package_metrics WHERE day < \(retention.firstKeptDay(today: today))")
        let compact = DistinctSketch.compactPrecision
        let old = try await db.rows("""
            SELECT package_id, day, channel, revision, architecture, devices FROM package_metrics
            WHERE day <= \(retention.lastRolledUpDay(today: today)) AND precision > \(compact)
            LIMIT 500 FOR UPDATE SKIP LOCKED
            """)
        for row in old {
            let folded = MetricsRules.sketch(try row.value("devices", as: Data.self)).folded(to: compact)
            let (id, day, channel, revision, architecture) = (
                try row.string("package_id"), try row.string("day"), try row.string("channel"), try row.int("revision"),
                try row.string("architecture"))
            try await db.execute("""
                UPDATE package_metrics SET devices = \(folded.data), precision = \(folded.precision)
                WHERE package_id = \(id) AND day = \(day) AND channel = \(channel) AND revision = \(revision)
                  AND architecture = \(architecture)
                """)
        }
    }
}

extension PostgresStore {
    /// A package's adoption figures; see ``StoreService/packageMetrics(name:range:breakdown:)``.
    func packageMetrics(name text: String, range: MetricsRange, breakdown: MetricsBreakdown) async throws(StoreError) -> PackageMetrics {
        let name = try MetricsRules.name(text)
        let days = try MetricsRules.days(of: range)
        let (first, last) = (MetricsRules.firstDayRead(days) ?? range.lastDay, days.last ?? range.lastDay)
        return try await read { db, caller in
            let context = try await PackageContext.visible(name, to: caller, db)
            try MetricsRules.authorize(context, caller: caller)
            let rows = try await db.rows("""
                SELECT day, channel, revision, architecture, requests, downloads, devices FROM package_metrics
                WHERE package_id = \(context.package.id) AND day >= \(first) AND day <= \(last)
                """).map { row in
                MetricsRow(
                    day: try row.string("day"), channel: try row.string("channel"), revision: try row.int("revision"),
                    architecture: try row.string("architecture"),
                    figures: MetricsFigures(
                        requests: try row.int("requests"), downloads: try row.int("downloads"),
                        devices: MetricsRules.sketch(try row.value("devices", as: Data.self))))
            }
            var versions: [Int: String] = [:]
            for row in try await db.rows("SELECT number, version FROM revisions WHERE package_pk = \(context.pk)") {
                versions[try row.int("number")] = try row.string("version")
            }
            return MetricsRules.report(
                package: name.rawValue, range: range, breakdown: breakdown, days: days, rows: rows, versions: versions)
        }
    }
}

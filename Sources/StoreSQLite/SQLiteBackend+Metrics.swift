import Foundation
import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

/// Daily adoption figures in the SQLite file (table `package_metrics`). A flush is one `BEGIN
/// IMMEDIATE` transaction, so flushes of several instances over one file run one after the other and
/// each reads, merges and writes a row's sketch without another flush in between.
extension SQLiteBackend: MetricsStore {
    /// Adds `batch` in one transaction, then applies `retention`; see ``MetricsStore``.
    public func recordMetrics(_ batch: [MetricsSlice: MetricsFigures], retention: MetricsRetention, today: String) async throws(StoreError) {
        try await write { db in
            for (slice, figures) in batch.sorted(by: { $0.key < $1.key }) {
                let key: StatementArguments = [slice.packageID, slice.day, slice.channel, slice.revision, slice.architecture]
                let stored = try Data.fetchOne(db, sql: """
                    SELECT devices FROM package_metrics
                    WHERE package_id = ? AND day = ? AND channel = ? AND revision = ? AND architecture = ?
                    """, arguments: key)
                let devices = MetricsRules.merged(stored: stored, adding: figures.devices)
                try db.execute(sql: """
                    INSERT INTO package_metrics (package_id, day, channel, revision, architecture, requests, downloads, devices, precision)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (package_id, day, channel, revision, architecture) DO UPDATE SET
                        requests = requests + excluded.requests, downloads = downloads + excluded.downloads,
                        devices = excluded.devices, precision = excluded.precision
                    """, arguments: key + [figures.requests, figures.downloads, Data(devices), Int(devices[1])])
            }
            try Self.applyRetention(retention, today: today, db)
        }
    }

    /// Deletes the days `retention` no longer keeps and rolls up at most 500 old rows (each flush
    /// continues where the last stopped).
    private static func applyRetention(_ retention: MetricsRetention, today: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM package_metrics WHERE day < ?", arguments: [retention.firstKeptDay(today: today)])
        let compact = DistinctSketch.compactPrecision
        let old = try Row.fetchAll(db, sql: """
            SELECT package_id, day, channel, revision, architecture, devices FROM package_metrics
            WHERE day <= ? AND precision > ? LIMIT 500
            """, arguments: [retention.lastRolledUpDay(today: today), compact])
        for row in old {
            let bytes: Data = row["devices"]
            let folded = MetricsRules.sketch(bytes).folded(to: compact)
            try db.execute(sql: """
                UPDATE package_metrics SET devices = ?, precision = ?
                WHERE package_id = ? AND day = ? AND channel = ? AND revision = ? AND architecture = ?
                """, arguments: [folded.data, folded.precision, row["package_id"] as String, row["day"] as String,
                                 row["channel"] as String, row["revision"] as Int, row["architecture"] as String])
        }
    }
}

extension SQLiteStore {
    /// A package's adoption figures; see ``StoreService/packageMetrics(name:range:breakdown:)``.
    func packageMetrics(name text: String, range: MetricsRange, breakdown: MetricsBreakdown) async throws(StoreError) -> PackageMetrics {
        let name = try MetricsRules.name(text)
        let days = try MetricsRules.days(of: range)
        return try await read { db, caller in
            let context = try PackageContext.visible(name, to: caller, db)
            try MetricsRules.authorize(context, caller: caller)
            let rows = try Row.fetchAll(db, sql: """
                SELECT day, channel, revision, architecture, requests, downloads, devices FROM package_metrics
                WHERE package_id = ? AND day >= ? AND day <= ?
                """, arguments: [context.package.id, MetricsRules.firstDayRead(days), days.last]).map { row in
                MetricsRow(
                    day: row["day"], channel: row["channel"], revision: row["revision"], architecture: row["architecture"],
                    figures: MetricsFigures(
                        requests: row["requests"], downloads: row["downloads"], devices: MetricsRules.sketch(row["devices"] as Data)))
            }
            let versions = Dictionary(
                try Row.fetchAll(db, sql: "SELECT number, version FROM revisions WHERE package_pk = ?", arguments: [context.pk])
                    .map { ($0["number"] as Int, $0["version"] as String) },
                uniquingKeysWith: { first, _ in first })
            return MetricsRules.report(
                package: name.rawValue, range: range, breakdown: breakdown, days: days, rows: rows, versions: versions)
        }
    }
}

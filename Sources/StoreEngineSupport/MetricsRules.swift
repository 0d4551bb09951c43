import Foundation
import StoreModels
import StoreService

/// One stored row of daily figures (table `package_metrics`), as both engines read it.
package struct MetricsRow: Sendable {
    package var day: String
    package var channel: String
    package var revision: Int
    package var architecture: String
    package var figures: MetricsFigures

    package init(day: String, channel: String, revision: Int, architecture: String, figures: MetricsFigures) {
        self.day = day
        self.channel = channel
        self.revision = revision
        self.architecture = architecture
        self.figures = figures
    }
}

/// The rules of reading and writing adoption figures, shared by both engines: who may read them,
/// which ranges are valid, how rows become a ``PackageMetrics``, and how a flush merges into a row.
package enum MetricsRules {
    /// The package `text` names.
    /// - Throws: `.invalidInput` saying which naming rule it breaks.
    package static func name(_ text: String) throws(StoreError) -> PackageName {
        do { return try PackageName(text) } catch {
            throw .invalidInput("'\(String(text.prefix(64)))' is not a package name: \(error.description)")
        }
    }

    /// The days of `range`, oldest first.
    /// - Throws: `.invalidInput` saying what to send instead.
    package static func days(of range: MetricsRange) throws(StoreError) -> [String] {
        do { return try MetricsDays.days(of: range) } catch { throw .invalidInput("the metrics range is invalid: \(error.message)") }
    }

    /// Throws unless `caller` may read the figures of the package `context` describes.
    package static func authorize(_ context: PackageContext, caller: Identity) throws(StoreError) {
        try context.require(.viewMetrics, by: caller)
    }

    /// A stored sketch; damaged bytes read as an empty sketch (its day shows no devices rather than
    /// failing the whole chart).
    package static func sketch(_ bytes: some Collection<UInt8>) -> DistinctSketch {
        (try? DistinctSketch(bytes: bytes)) ?? DistinctSketch(precision: DistinctSketch.compactPrecision)
    }

    /// The sketch a flush writes: the stored one merged with the batch's.
    package static func merged(stored: (some Collection<UInt8>)?, adding sketch: DistinctSketch) -> [UInt8] {
        guard let stored else { return sketch.bytes }
        return sketch.merging(Self.sketch(stored)).bytes
    }

    /// The label of a row's series under `breakdown`.
    package static func label(of row: MetricsRow, breakdown: MetricsBreakdown, versions: [Int: String]) -> String {
        switch breakdown {
        case .channel: row.channel.isEmpty ? "(no channel)" : row.channel
        case .architecture: row.architecture
        case .version: versions[row.revision].map { "\($0) (r\(row.revision))" } ?? "r\(row.revision)"
        case .release: "\(row.channel.isEmpty ? "(no channel)" : row.channel) \(row.architecture) r\(row.revision)"
        }
    }

    /// The devices in both sketches: `|A| + |B| - |A ∪ B|`, within `0...min(|A|, |B|)`.
    package static func continuedDevices(today: DistinctSketch?, yesterday: DistinctSketch?) -> Int {
        guard let today, let yesterday else { return 0 }
        let (a, b) = (today.estimate, yesterday.estimate)
        return min(max(a + b - today.merging(yesterday).estimate, 0), min(a, b))
    }

    /// The first day whose rows ``report(package:range:breakdown:days:rows:versions:)`` reads: the day
    /// before the range (for the devices that continued into its first day).
    package static func firstDayRead(_ days: [String]) -> String? {
        days.first.flatMap { MetricsDays.day($0, offset: -1) }
    }

    /// The figures of `rows` (any order; the day before `days` counts toward continued devices only,
    /// other days outside `days` are ignored) as series under `breakdown`, the
    /// largest by its last day's active devices first, with the distinct devices of all series per day.
    package static func report(
        package name: String, range: MetricsRange, breakdown: MetricsBreakdown, days: [String], rows: [MetricsRow],
        versions: [Int: String]
    ) -> PackageMetrics {
        let position = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1, $0) })
        var perSeries: [String: [MetricsFigures?]] = [:]
        var total = [DistinctSketch?](repeating: nil, count: days.count)
        let dayBefore = days.first.flatMap { MetricsDays.day($0, offset: -1) }
        var before: DistinctSketch?
        for row in rows {
            if row.day == dayBefore {
                if before == nil { before = row.figures.devices } else { before?.merge(row.figures.devices) }
            }
            guard let index = position[row.day] else { continue }
            let label = label(of: row, breakdown: breakdown, versions: versions)
            var figures = perSeries[label] ?? [MetricsFigures?](repeating: nil, count: days.count)
            if figures[index] == nil { figures[index] = row.figures } else { figures[index]?.add(row.figures) }
            perSeries[label] = figures
            if total[index] == nil { total[index] = row.figures.devices } else { total[index]?.merge(row.figures.devices) }
        }
        let series = perSeries.map { label, figures in
            MetricsSeries(
                label: label, activeDevices: figures.map { $0?.devices.estimate ?? 0 },
                requests: figures.map { $0?.requests ?? 0 }, downloads: figures.map { $0?.downloads ?? 0 })
        }.sorted { ($0.activeDevices.last ?? 0, $1.label) > ($1.activeDevices.last ?? 0, $0.label) }
        let continued = total.indices.map { index in
            continuedDevices(today: total[index], yesterday: index == 0 ? before : total[index - 1])
        }
        return PackageMetrics(
            package: name, breakdown: breakdown, range: range, series: series,
            totalActiveDevices: total.map { $0?.estimate ?? 0 }, continuedDevices: continued)
    }
}

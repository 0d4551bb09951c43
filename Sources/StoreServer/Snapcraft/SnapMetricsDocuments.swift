import Foundation
import StoreModels

// `POST /dev/api/snaps/metrics`, as the Snap Store's dashboard API has it and newer snapcraft's
// `snapcraft metrics` reads it (`snapcraft/models/metrics.py`): filters in, one metric per filter out.

/// `{"filters": [{metric_name, snap_id, start, end}]}`.
struct SnapMetricsRequest: Codable {
    var filters: [SnapMetricsFilter]
}

/// One metric asked for: days `start`...`end` (`YYYY-MM-DD`, inclusive) of `metric_name` for `snap_id`.
struct SnapMetricsFilter: Codable {
    var metricName: String
    var snapID: String
    var start: String
    var end: String

    enum CodingKeys: String, CodingKey {
        case metricName = "metric_name", snapID = "snap_id", start, end
    }
}

/// `{"metrics": [...]}`, one per filter, in their order.
struct SnapMetricsResponse: Codable {
    var metrics: [SnapMetric]
}

/// One metric: `buckets` are the days, `series[i].values[j]` the figure of series `i` on day `j`.
struct SnapMetric: Codable, Equatable {
    var metricName: String
    var snapID: String
    /// `OK`, `NO DATA` (nothing recorded, or a breakdown this store does not record) or `FAIL`.
    var status: String
    var buckets: [String]
    var series: [SnapMetricSeries]

    enum CodingKeys: String, CodingKey {
        case metricName = "metric_name", snapID = "snap_id", status, buckets, series
    }
}

/// One line of a metric.
struct SnapMetricSeries: Codable, Equatable {
    var name: String
    var values: [Int]
    /// For `_by_channel` metrics: whether the channel is released now.
    var currentlyReleased: Bool?

    enum CodingKeys: String, CodingKey {
        case name, values, currentlyReleased = "currently_released"
    }
}

/// The Snap Store's metric names, and how each is made from this store's daily figures.
enum SnapMetricName: String, CaseIterable {
    case dailyDeviceChange = "daily_device_change"
    case installedBaseByArchitecture = "installed_base_by_architecture"
    case installedBaseByChannel = "installed_base_by_channel"
    case installedBaseByCountry = "installed_base_by_country"
    case installedBaseByOperatingSystem = "installed_base_by_operating_system"
    case installedBaseByVersion = "installed_base_by_version"
    case weeklyDeviceChange = "weekly_device_change"
    case weeklyInstalledBaseByArchitecture = "weekly_installed_base_by_architecture"
    case weeklyInstalledBaseByChannel = "weekly_installed_base_by_channel"
    case weeklyInstalledBaseByCountry = "weekly_installed_base_by_country"
    case weeklyInstalledBaseByOperatingSystem = "weekly_installed_base_by_operating_system"
    case weeklyInstalledBaseByVersion = "weekly_installed_base_by_version"

    /// Seven-day metrics give, for each day, the average of that day and the six before it.
    var isWeekly: Bool { rawValue.hasPrefix("weekly_") }

    /// The breakdown the figures are read with; `nil` for what this store does not record (country, OS).
    var breakdown: MetricsBreakdown? {
        switch self {
        case .dailyDeviceChange, .weeklyDeviceChange, .installedBaseByChannel, .weeklyInstalledBaseByChannel: .channel
        case .installedBaseByArchitecture, .weeklyInstalledBaseByArchitecture: .architecture
        case .installedBaseByVersion, .weeklyInstalledBaseByVersion: .version
        case .installedBaseByCountry, .weeklyInstalledBaseByCountry, .installedBaseByOperatingSystem,
             .weeklyInstalledBaseByOperatingSystem: nil
        }
    }

    /// The metric over the days `buckets` names, from `metrics`, which covers them and (for weekly
    /// metrics) the six days before; `released` are the channels released now.
    func metric(snapID: String, buckets: [String], from metrics: PackageMetrics, released: Set<String>) -> SnapMetric {
        let skip = metrics.totalActiveDevices.count - buckets.count
        func window(_ values: [Int]) -> [Int] {
            guard isWeekly else { return Array(values.suffix(buckets.count)) }
            return (0..<buckets.count).map { offset in
                let end = skip + offset
                let slice = values[max(0, end - 6)...end]
                return Int((Double(slice.reduce(0, +)) / Double(slice.count)).rounded())
            }
        }
        var series: [SnapMetricSeries]
        switch self {
        case .dailyDeviceChange, .weeklyDeviceChange:
            let total = metrics.totalActiveDevices
            let continued = metrics.continuedDevices.count == total.count ? metrics.continuedDevices : total.map { _ in 0 }
            let new = zip(total, continued).map { max($0 - $1, 0) }
            let lost = total.indices.map { index in index == 0 ? 0 : max(total[index - 1] - continued[index], 0) }
            series = [
                SnapMetricSeries(name: "continued", values: window(continued)),
                SnapMetricSeries(name: "lost", values: window(lost)),
                SnapMetricSeries(name: "new", values: window(new)),
            ]
        default:
            // The Snap Store names versions, not revisions: revisions of one version are one series.
            var merged: [(name: String, values: [Int])] = []
            for line in metrics.series {
                let name = breakdown == .version ? Self.version(of: line.label) : line.label
                if let index = merged.firstIndex(where: { $0.name == name }) {
                    merged[index].values = zip(merged[index].values, line.activeDevices).map(+)
                } else {
                    merged.append((name, line.activeDevices))
                }
            }
            series = merged.map { line in
                SnapMetricSeries(
                    name: line.name, values: window(line.values),
                    currentlyReleased: breakdown == .channel ? released.contains(line.name) : nil)
            }
        }
        let empty = metrics.totalActiveDevices.allSatisfy { $0 == 0 } && metrics.series.allSatisfy { $0.requests.allSatisfy { $0 == 0 } }
        return SnapMetric(
            metricName: rawValue, snapID: snapID, status: empty ? "NO DATA" : "OK", buckets: empty ? [] : buckets,
            series: empty ? [] : series)
    }

    /// `1.2` of a version series' label `1.2 (r5)`.
    static func version(of label: String) -> String {
        guard label.hasSuffix(")"), let open = label.range(of: " (r", options: .backwards) else { return label }
        return String(label[..<open.lowerBound])
    }
}

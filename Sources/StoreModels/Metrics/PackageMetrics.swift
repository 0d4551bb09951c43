import Foundation

/// How a package's adoption figures are split into series.
public enum MetricsBreakdown: String, Codable, Sendable, CaseIterable {
    /// One series per channel (`latest/stable`, `2.0/edge`, …).
    case channel
    /// One series per revision, labelled with its version (`1.2 (r5)`).
    case version
    /// One series per architecture (`amd64`, `arm64`, …).
    case architecture
    /// One series per release: channel, architecture and revision, labelled `latest/stable amd64 r5`
    /// (what the channel map's cells and a progressive release's reach are read from).
    case release
}

/// A range of whole UTC days, `days` long, ending on `lastDay` (inclusive).
public struct MetricsRange: Codable, Sendable, Hashable {
    /// The last day of the range, as `YYYY-MM-DD` (UTC).
    public var lastDay: String
    /// How many days, 1...400 (the console asks for 7, 30 or 90).
    public var days: Int

    public init(lastDay: String, days: Int) {
        self.lastDay = lastDay
        self.days = days
    }
}

/// One line of a chart: daily figures for one channel, version or architecture, oldest day first.
public struct MetricsSeries: Codable, Sendable, Hashable {
    /// What the series counts, as the store names it (a channel, `version (rN)`, an architecture).
    /// Untrusted text: sanitize before drawing.
    public var label: String
    /// Distinct active devices per day (estimated from mergeable sketches), `range.days` entries.
    public var activeDevices: [Int]
    /// Refresh and install requests per day, `range.days` entries.
    public var requests: [Int]
    /// File downloads per day, `range.days` entries.
    public var downloads: [Int]

    public init(label: String, activeDevices: [Int], requests: [Int], downloads: [Int]) {
        self.label = label
        self.activeDevices = activeDevices
        self.requests = requests
        self.downloads = downloads
    }
}

/// A package's adoption over a range of days, split by one breakdown (`StoreService.packageMetrics`).
public struct PackageMetrics: Codable, Sendable, Hashable {
    public var package: String
    public var breakdown: MetricsBreakdown
    public var range: MetricsRange
    /// The series, largest (by the last day's active devices) first.
    public var series: [MetricsSeries]
    /// Distinct active devices per day over all series (not their sum: one device may be in several).
    public var totalActiveDevices: [Int]
    /// Per day, the devices active both that day and the day before (estimated from the sketches'
    /// union); `[]` when not known. The day's new devices are `totalActiveDevices[i] - continuedDevices[i]`.
    public var continuedDevices: [Int]

    public init(package: String, breakdown: MetricsBreakdown, range: MetricsRange, series: [MetricsSeries],
                totalActiveDevices: [Int], continuedDevices: [Int] = []) {
        self.package = package
        self.breakdown = breakdown
        self.range = range
        self.series = series
        self.totalActiveDevices = totalActiveDevices
        self.continuedDevices = continuedDevices
    }

    private enum CodingKeys: String, CodingKey {
        case package, breakdown, range, series, totalActiveDevices, continuedDevices
    }

    /// Decodes the figures; `continuedDevices` may be absent (an older store).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        package = try container.decode(String.self, forKey: .package)
        breakdown = try container.decode(MetricsBreakdown.self, forKey: .breakdown)
        range = try container.decode(MetricsRange.self, forKey: .range)
        series = try container.decode([MetricsSeries].self, forKey: .series)
        totalActiveDevices = try container.decode([Int].self, forKey: .totalActiveDevices)
        continuedDevices = try container.decodeIfPresent([Int].self, forKey: .continuedDevices) ?? []
    }
}

import Foundation
import StoreModels

/// One day's slice of a package's adoption figures: what a metrics row is keyed by.
public struct MetricsSlice: Sendable, Hashable, Comparable {
    /// The UTC day, `YYYY-MM-DD`.
    public var day: String
    /// The package's store id (stable across renames).
    public var packageID: String
    /// The full channel name the device was served from (`latest/stable`), `""` when none applied.
    public var channel: String
    /// The revision served.
    public var revision: Int
    /// The device's architecture.
    public var architecture: String

    public init(day: String, packageID: String, channel: String, revision: Int, architecture: String) {
        self.day = day
        self.packageID = packageID
        self.channel = channel
        self.revision = revision
        self.architecture = architecture
    }

    /// The order flushes lock rows in (so two instances flushing at once never deadlock).
    public static func < (lhs: MetricsSlice, rhs: MetricsSlice) -> Bool {
        (lhs.packageID, lhs.day, lhs.channel, lhs.revision, lhs.architecture)
            < (rhs.packageID, rhs.day, rhs.channel, rhs.revision, rhs.architecture)
    }
}

/// The figures of one slice: additive counts and a mergeable sketch of the distinct devices.
public struct MetricsFigures: Sendable, Hashable {
    /// Refresh, install and download requests served.
    public var requests: Int
    /// Requests that handed out a revision to fetch (installs, downloads, refreshes to a new revision).
    public var downloads: Int
    /// The distinct devices (no device identifier is kept).
    public var devices: DistinctSketch

    public init(requests: Int = 0, downloads: Int = 0, devices: DistinctSketch = DistinctSketch()) {
        self.requests = requests
        self.downloads = downloads
        self.devices = devices
    }

    /// Adds `other`'s figures: counts summed, sketches merged.
    public mutating func add(_ other: MetricsFigures) {
        requests += other.requests
        downloads += other.downloads
        devices.merge(other.devices)
    }
}

/// How long daily figures are kept, and when old days are rolled up.
public struct MetricsRetention: Sendable, Hashable {
    /// Days kept; older rows are deleted by the flushes that follow (`serve --metrics-retention-days`).
    public var keepDays: Int
    /// Days after which a row's sketch is folded to ``DistinctSketch/compactPrecision`` (16 times smaller,
    /// about 6.5 % error instead of 1.6 %) by the flushes that follow (`serve --metrics-rollup-days`).
    public var rollUpAfterDays: Int

    /// Creates a policy.
    public init(keepDays: Int = 400, rollUpAfterDays: Int = 35) {
        self.keepDays = max(keepDays, 1)
        self.rollUpAfterDays = max(rollUpAfterDays, 1)
    }

    /// The first day kept, counted back from `today`.
    public func firstKeptDay(today: String) -> String { MetricsDays.day(today, offset: -(keepDays - 1)) ?? today }
    /// The last day not rolled up yet is after this one.
    public func lastRolledUpDay(today: String) -> String { MetricsDays.day(today, offset: -rollUpAfterDays) ?? today }
}

/// A database that keeps daily adoption figures, written by every server instance's recorder.
///
/// Both engines implement it; a flush is one transaction that adds counts and merges sketches into the
/// rows keyed by ``MetricsSlice``, correct when several instances flush into one database at once.
public protocol MetricsStore: Sendable {
    /// Adds `batch` to the stored figures in one transaction, then deletes days ``MetricsRetention``
    /// no longer keeps and rolls up the old ones (`today` is the recorder's UTC day).
    func recordMetrics(_ batch: [MetricsSlice: MetricsFigures], retention: MetricsRetention, today: String) async throws(StoreError)
}

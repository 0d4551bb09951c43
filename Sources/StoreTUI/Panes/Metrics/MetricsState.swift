import Foundation
import StoreModels
import StoreService

/// The Metrics tab of a package: the figures loaded for one range and breakdown, and the day the
/// cursor shows in full.
public struct MetricsState: Hashable, Sendable {
    /// The ranges `d` steps through, in days.
    public static let ranges = [7, 30, 90]

    public var figures = Loadable<PackageMetrics>()
    /// How many days the chart covers (one of ``ranges``).
    public var days = 30
    public var breakdown: MetricsBreakdown = .channel
    /// The day shown in full, as an index into the range (`nil`: the last day).
    public var cursor: Int?

    public init() {}

    /// The cursor's day index within `count` days.
    public func cursorDay(of count: Int) -> Int {
        guard count > 0 else { return 0 }
        return min(max(0, cursor ?? count - 1), count - 1)
    }

    /// The range ending today (UTC) for `now`.
    public func range(endingAt now: Date) -> MetricsRange {
        MetricsRange(lastDay: CivilDay(now).iso, days: days)
    }
}

extension MetricsBreakdown {
    /// What the tab calls the breakdown.
    var title: String {
        switch self {
        case .channel: "by channel"
        case .version: "by version"
        case .architecture: "by architecture"
        case .release: "by channel, architecture and revision"
        }
    }
}

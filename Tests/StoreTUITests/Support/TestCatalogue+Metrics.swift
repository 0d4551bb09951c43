import Foundation
import StoreModels
@testable import StoreTUI

extension TestCatalogue {
    /// Figures over `days` days ending 2026-11-30, one series per label, each a smooth curve.
    static func metrics(days: Int, series: [(String, Int)], breakdown: MetricsBreakdown = .channel) -> PackageMetrics {
        let made = series.map { label, peak in
            MetricsSeries(label: label,
                          activeDevices: (0..<days).map { day in Int(Double(peak) * Double(days + day) / Double(2 * days)) },
                          requests: (0..<days).map { _ in peak * 2 }, downloads: (0..<days).map { _ in peak / 10 })
        }
        let totals = (0..<days).map { day in made.reduce(0) { MetricsChart.adding($0, $1.activeDevices[day]) } }
        return PackageMetrics(package: "hello-world", breakdown: breakdown, range: MetricsRange(lastDay: "2026-11-30", days: days),
                              series: made, totalActiveDevices: totals)
    }

    /// hello-world on its Metrics tab with `figures` loaded.
    static func metricsState(_ figures: PackageMetrics?, width: Int = 80, height: Int = 24, useColor: Bool = true) -> AppState {
        var state = packageState(tab: .metrics, width: width, height: height, useColor: useColor)
        state.package?.metrics.days = figures?.range.days ?? 30
        state.package?.metrics.figures.value = figures
        return state
    }
}

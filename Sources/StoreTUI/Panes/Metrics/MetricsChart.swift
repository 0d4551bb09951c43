import Foundation
import StoreModels

/// A stacked-area chart of active devices per day, computed from a package's figures before any
/// drawing: the series kept (the largest few, the rest as "other"), each day's stack, a rounded
/// scale, and which day each column of the plot shows.
struct MetricsChart: Equatable {
    /// One band of the stack.
    struct Band: Equatable {
        /// The store's label (untrusted), or "other".
        var label: String
        /// Active devices per day, oldest first.
        var values: [Int]
        /// Whether it gathers the series not kept.
        var isOther: Bool
    }

    /// At most this many series get a band of their own; the rest are summed as "other".
    static let keptSeries = 4

    let days: Int
    let bands: [Band]
    /// Distinct active devices per day over all series (as the store counts them).
    let totals: [Int]
    /// The top of the scale: a round number at or above the highest stack.
    let scale: Int
    /// The first day of the range (`nil` when the store named no valid last day).
    let firstDay: CivilDay?

    init(_ metrics: PackageMetrics) {
        let days = max(0, metrics.range.days)
        self.days = days
        func padded(_ values: [Int]) -> [Int] {
            Array((values.map { max(0, $0) } + Array(repeating: 0, count: days)).prefix(days))
        }
        let ordered = metrics.series.sorted { ($0.activeDevices.last ?? 0, $1.label) > ($1.activeDevices.last ?? 0, $0.label) }
        var bands = ordered.prefix(Self.keptSeries).map { Band(label: $0.label, values: padded($0.activeDevices), isOther: false) }
        let rest = ordered.dropFirst(Self.keptSeries)
        if !rest.isEmpty {
            var sum = Array(repeating: 0, count: days)
            for series in rest {
                for (day, value) in padded(series.activeDevices).enumerated() { sum[day] = Self.adding(sum[day], value) }
            }
            bands.append(Band(label: "\(rest.count) other", values: sum, isOther: true))
        }
        self.bands = bands
        totals = padded(metrics.totalActiveDevices)
        let highest = (0..<days).map { day in bands.reduce(0) { Self.adding($0, $1.values[day]) } }.max() ?? 0
        scale = Self.roundedUp(highest)
        firstDay = CivilDay(parsing: metrics.range.lastDay)?.adding(-max(0, days - 1))
    }

    /// Whether any day has any device.
    var isEmpty: Bool { scale == 0 }

    /// The stack of `day`: each band's top, cumulative, bottom band first.
    func stack(_ day: Int) -> [Int] {
        var running = 0
        return bands.map { band in
            running = Self.adding(running, band.values[day])
            return running
        }
    }

    /// The day column `column` of `columns` shows: the range spread over the columns (several
    /// columns per day when there is room, one day in several columns' worth when not).
    func day(atColumn column: Int, of columns: Int) -> Int {
        guard columns > 0, days > 0 else { return 0 }
        return min(days - 1, column * days / columns)
    }

    /// The columns showing `day`, as a range (the nearest column when days outnumber columns).
    func columns(ofDay day: Int, of columns: Int) -> Range<Int> {
        guard columns > 0 else { return 0..<0 }
        let start = (0..<columns).first { self.day(atColumn: $0, of: columns) >= day } ?? columns - 1
        var end = start + 1
        while end < columns, self.day(atColumn: end, of: columns) == day { end += 1 }
        return start..<end
    }

    /// The date of day `index` of the range.
    func date(ofDay index: Int) -> CivilDay? { firstDay?.adding(index) }

    /// A sum that stops at `Int.max` (a store's figures are not trusted to be small).
    static func adding(_ lhs: Int, _ rhs: Int) -> Int {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? Int.max : sum
    }

    /// The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10ⁿ) at or above `value`
    /// (0 for 0), so the stack fills most of the plot and the half-way tick is round too.
    static func roundedUp(_ value: Int) -> Int {
        guard value > 0 else { return 0 }
        var magnitude = 1
        while magnitude <= Int.max / 10, magnitude * 10 <= value { magnitude *= 10 }
        for tenths in [10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100] {
            // Tenths of the magnitude, exact for any power of ten from 10 up.
            let (candidate, overflow) = magnitude < 10
                ? (magnitude * tenths / 10, false) : (magnitude / 10).multipliedReportingOverflow(by: tenths)
            if overflow { return Int.max }
            if candidate >= value { return candidate }
        }
        return Int.max
    }

    /// A count in at most five characters: `999`, `12.3k`, `4.5M`, `7.8G`.
    static func compact(_ value: Int) -> String {
        let units: [(Double, String)] = [(1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (size, suffix) in units where Double(value) >= size {
            let scaled = Double(value) / size
            return (scaled < 10 ? String(format: "%.1f", scaled) : String(format: "%.0f", scaled)) + suffix
        }
        return String(value)
    }

    /// A count in full with thousands separators: `15,234`.
    static func full(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}

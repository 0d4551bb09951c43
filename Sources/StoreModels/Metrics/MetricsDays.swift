import Foundation

/// UTC days as metrics name them (`YYYY-MM-DD`), and the checks of a ``MetricsRange``.
public enum MetricsDays {
    /// The most days one range may span.
    public static let maximumDays = 400

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The UTC day `date` falls on.
    public static func day(of date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// Midnight UTC of `day`; `nil` for text that is not a real `YYYY-MM-DD` day.
    public static func date(of day: String) -> Date? {
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard day.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
              let date = calendar.date(from: DateComponents(year: year, month: month, day: dayOfMonth)),
              Self.day(of: date) == day else { return nil }
        return date
    }

    /// The day `offset` days after `day` (before, when negative); `nil` when `day` is not a day.
    public static func day(_ day: String, offset: Int) -> String? {
        guard let date = date(of: day), let moved = calendar.date(byAdding: .day, value: offset, to: date) else { return nil }
        return Self.day(of: moved)
    }

    /// The days of `range`, oldest first.
    /// - Throws: a message saying what to send instead, for a range that is not 1...400 days ending on a real day.
    public static func days(of range: MetricsRange) throws(MetricsRangeError) -> [String] {
        guard (1...maximumDays).contains(range.days) else {
            throw MetricsRangeError(message: "days must be 1 to \(maximumDays), not \(range.days)")
        }
        guard date(of: range.lastDay) != nil else {
            throw MetricsRangeError(message: "the last day must be a UTC day written YYYY-MM-DD, like 2026-03-31")
        }
        return (0..<range.days).map { offset in day(range.lastDay, offset: offset - range.days + 1) ?? range.lastDay }
    }
}

/// A ``MetricsRange`` the store cannot answer, with what to send instead.
public struct MetricsRangeError: Error, Sendable, Equatable {
    public var message: String
}

import Foundation

/// Pure formatting of numbers and dates for the tables (no locale, no clock).
enum Formatting {
    /// `6.4 MB`, `812 kB`, `512 B`.
    static func size(_ bytes: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let rounded = (value * 10).rounded() / 10
        return rounded >= 100 ? "\(Int(rounded)) \(units[unit])" : "\(rounded) \(units[unit])"
    }

    /// `2026-11-29` in UTC.
    static func day(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&time, &parts)
        let year = Int(parts.tm_year) + 1900, month = Int(parts.tm_mon) + 1, day = Int(parts.tm_mday)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// `2026-11-29 14:03 UTC`.
    static func timestamp(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&time, &parts)
        let hour = Int(parts.tm_hour), minute = Int(parts.tm_min)
        return "\(day(date)) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute) UTC"
    }

    /// `3d ago`, `5h ago`, `in 12d`, relative to `now`.
    static func relative(_ date: Date, to now: Date) -> String {
        let seconds = Int(date.timeIntervalSince(now))
        let magnitude = abs(seconds)
        let text: String
        switch magnitude {
        case ..<60: text = "\(magnitude)s"
        case ..<3600: text = "\(magnitude / 60)m"
        case ..<86_400: text = "\(magnitude / 3600)h"
        case ..<(86_400 * 60): text = "\(magnitude / 86_400)d"
        case ..<(86_400 * 730): text = "\(magnitude / (86_400 * 30))mo"
        default: text = "\(magnitude / (86_400 * 365))y"
        }
        return seconds <= 0 ? "\(text) ago" : "in \(text)"
    }
}

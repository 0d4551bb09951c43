import Foundation

/// A UTC calendar day as days since 1970-01-01, converted without Foundation's formatters (which
/// are neither cheap per frame nor safe to share across threads): `YYYY-MM-DD` both ways and the
/// short forms the chart prints.
struct CivilDay: Hashable, Comparable {
    /// Days since 1970-01-01.
    var number: Int

    init(number: Int) { self.number = number }

    /// The UTC day `date` falls on.
    init(_ date: Date) { number = Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// The day `YYYY-MM-DD` names, if it is one.
    init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...Self.length(ofMonth: month, year: year)).contains(day)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        number = era * 146_097 + dayOfEra - 719_468
    }

    static func < (lhs: CivilDay, rhs: CivilDay) -> Bool { lhs.number < rhs.number }

    /// The day `offset` days later (earlier when negative).
    func adding(_ offset: Int) -> CivilDay { CivilDay(number: number + offset) }

    /// Year, month (1–12) and day of the month.
    var parts: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday

    /// `2026-11-30`.
    var iso: String {
        let (year, month, day) = parts
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// `30 Nov`.
    var short: String { "\(parts.day) \(Self.months[parts.month - 1])" }

    /// `Mon 30 Nov 2026`.
    var long: String {
        let (year, month, day) = parts
        let weekday = Self.weekdays[((number % 7) + 7) % 7]
        return "\(weekday) \(day) \(Self.months[month - 1]) \(year)"
    }

    static func length(ofMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

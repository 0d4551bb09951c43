import Foundation

/// A timestamp as the stores write it, kept as the exact text so documents round-trip unchanged.
///
/// The stores write ISO 8601 in several shapes: `2023-11-09T14:55:48Z`,
/// `2018-11-02T10:25:16.375214+00:00`, and (Python `isoformat()` of a naive UTC time)
/// `2021-11-19T11:55:00.084876` with no offset. ``parse(_:)`` reads all of them; ``format(_:fractionalDigits:)``
/// writes the canonical `…Z` form. Both are pure functions with no shared formatter, so they are safe from any task.
public struct WireDate: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The text exactly as it appears on the wire.
    public var rawValue: String

    /// Wraps wire text as is; it is parsed only when ``date`` is read.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The canonical wire form of `date`: UTC, whole seconds, `Z` (`2023-11-09T14:55:48Z`).
    public init(_ date: Date) { self.rawValue = WireDate.format(date) }

    /// The instant the text denotes; `nil` when it is not a timestamp ``parse(_:)`` understands.
    public var date: Date? { WireDate.parse(rawValue) }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension WireDate {
    /// Writes `date` in UTC as `yyyy-MM-ddTHH:mm:ss[.fff…]Z`, truncating (not rounding) below the last digit.
    /// - Parameters:
    ///   - date: the instant to write.
    ///   - fractionalDigits: digits after the seconds, 0 (the stores' usual form) to 6.
    public static func format(_ date: Date, fractionalDigits: Int = 0) -> String {
        let digits = min(max(fractionalDigits, 0), 6)
        // Round to whole microseconds first so binary noise (…47.9999999) cannot lose a second.
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (seconds, microsOfSecond) = floorDivision(micros, 1_000_000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        guard (0...9999).contains(year) else {
            // Outside four digits: written the long way (a year is then as wide as it needs).
            var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            text += pad(Int(secondOfDay / 3600), 2) + ":" + pad(Int(secondOfDay % 3600 / 60), 2) + ":"
            text += pad(Int(secondOfDay % 60), 2)
            if digits > 0 { text += "." + pad(Int(microsOfSecond / divisor(dropping: 6 - digits)), digits) }
            return text + "Z"
        }
        // The usual case, one byte at a time into a fixed buffer (info and find write one per revision).
        return String(unsafeUninitializedCapacity: 27) { buffer in
            var index = 0
            func put(_ value: Int, width: Int) {
                var value = value
                for position in stride(from: index + width - 1, through: index, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                index += width
            }
            func put(_ byte: Unicode.Scalar) {
                buffer[index] = UInt8(ascii: byte)
                index += 1
            }
            put(year, width: 4); put("-"); put(month, width: 2); put("-"); put(day, width: 2); put("T")
            put(Int(secondOfDay / 3600), width: 2); put(":"); put(Int(secondOfDay % 3600 / 60), width: 2); put(":")
            put(Int(secondOfDay % 60), width: 2)
            if digits > 0 {
                put(".")
                put(Int(microsOfSecond / divisor(dropping: 6 - digits)), width: digits)
            }
            put("Z")
            return index
        }
    }

    /// 10 to the power `count`.
    private static func divisor(dropping count: Int) -> Int64 {
        var divisor: Int64 = 1
        for _ in 0..<count { divisor *= 10 }
        return divisor
    }

    /// Reads an ISO 8601 timestamp as the stores write it; `nil` for anything else.
    ///
    /// Accepts `T`, `t` or a space between date and time, any number of fractional-second digits,
    /// and `Z`, `±HH:MM`, `±HHMM`, `±HH` or no offset at all (read as UTC). Surrounding whitespace is
    /// ignored (a real snapcraft fixture has `" 2016-09-27T19:23:40Z"`).
    public static func parse(_ text: String) -> Date? {
        var scanner = Cursor(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard let year = scanner.number(digits: 4), scanner.take("-"),
            let month = scanner.number(digits: 2), scanner.take("-"),
            let day = scanner.number(digits: 2), scanner.take(anyOf: ["T", "t", " "]),
            let hour = scanner.number(digits: 2), scanner.take(":"),
            let minute = scanner.number(digits: 2), scanner.take(":"),
            let second = scanner.number(digits: 2)
        else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        var fraction = 0.0
        if scanner.take(".") || scanner.take(",") {
            let digits = scanner.digits()
            guard !digits.isEmpty, let value = Double("0." + digits) else { return nil }
            fraction = value
        }
        var offset = 0
        if scanner.take(anyOf: ["Z", "z"]) {
            offset = 0
        } else if let sign = scanner.takeSign() {
            guard let hours = scanner.number(digits: 2), hours <= 23 else { return nil }
            var minutes = 0
            if scanner.take(":") {
                guard let value = scanner.number(digits: 2) else { return nil }
                minutes = value
            } else if let value = scanner.number(digits: 2) {
                minutes = value
            }
            guard minutes <= 59 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard scanner.isAtEnd else { return nil }
        let days = Int64(self.days(fromCivil: year, month, day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, UTC; Howard Hinnant's algorithms)

    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays daysSinceEpoch: Int64) -> (year: Int, month: Int, day: Int) {
        let z = Int(daysSinceEpoch) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// A cursor over the ASCII scalars of a timestamp.
    private struct Cursor {
        private let scalars: [Unicode.Scalar]
        private var index = 0

        init(_ text: String) { scalars = Array(text.unicodeScalars) }

        var isAtEnd: Bool { index == scalars.count }

        mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
            return true
        }

        mutating func take(anyOf choices: [Unicode.Scalar]) -> Bool {
            choices.contains { take($0) }
        }

        mutating func takeSign() -> Int? {
            if take("+") { return 1 }
            if take("-") { return -1 }
            return nil
        }

        /// Exactly `digits` decimal digits as a number.
        mutating func number(digits count: Int) -> Int? {
            guard index + count <= scalars.count else { return nil }
            var value = 0
            for scalar in scalars[index..<(index + count)] {
                guard ("0"..."9").contains(scalar) else { return nil }
                value = value * 10 + Int(scalar.value - 48)
            }
            index += count
            return value
        }

        /// All decimal digits from here on, as text.
        mutating func digits() -> String {
            var text = ""
            while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                text.unicodeScalars.append(scalars[index])
                index += 1
            }
            return text
        }
    }
}

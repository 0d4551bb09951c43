import Foundation
import PostgresNIO

/// A `TIMESTAMPTZ` value: microseconds since 2000-01-01 00:00 UTC, PostgreSQL's own representation.
///
/// PostgresNIO's `Date` coding truncates on the way in, so a date read back may encode one
/// microsecond lower than it was written. Binding this type instead rounds once, to the nearest
/// microsecond, and ``date`` is exactly what a later read returns: the engine rounds its clock
/// through it so values it returns equal the values it stores.
struct Timestamp: Hashable, Sendable, Comparable {
    /// Microseconds since 2000-01-01 00:00 UTC.
    var microseconds: Int64

    /// Seconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch.
    static let epochOffset: Double = 946_684_800

    init(microseconds: Int64) { self.microseconds = microseconds }

    /// The timestamp nearest to `date`.
    init(_ date: Date) {
        let micros = ((date.timeIntervalSince1970 - Self.epochOffset) * 1_000_000).rounded()
        microseconds = Int64(exactly: micros) ?? (micros < 0 ? Int64.min / 2 : Int64.max / 2)
    }

    /// The date this timestamp stands for.
    var date: Date { Date(timeIntervalSince1970: Self.epochOffset + Double(microseconds) / 1_000_000) }

    /// `date` rounded to what PostgreSQL keeps.
    static func rounded(_ date: Date) -> Date { Timestamp(date).date }

    static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    /// The COPY text form, `YYYY-MM-DD HH:MM:SS.ffffff+00`.
    var copyText: String {
        var seconds = microseconds / 1_000_000
        var micros = microseconds % 1_000_000
        if micros < 0 {
            micros += 1_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        // Days since 2000-01-01 to a civil date (Howard Hinnant's algorithm, shifted to 1970).
        let z = days + 10_957 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):"
            + "\(pad(secondOfDay % 60, 2)).\(pad(micros, 6))+00"
    }
}

extension Timestamp: PostgresNonThrowingEncodable {
    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(microseconds)
    }
}

extension Timestamp: PostgresDecodable {
    init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        guard type == .timestamptz || type == .timestamp, format == .binary,
              buffer.readableBytes == 8, let value = buffer.readInteger(as: Int64.self)
        else { throw PostgresDecodingError.Code.typeMismatch }
        microseconds = value
    }
}

extension Date {
    /// The form dates take in queries: a ``Timestamp``.
    var timestamp: Timestamp { Timestamp(self) }
}

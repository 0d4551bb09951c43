import Foundation
import GRDB

extension Row {
    /// The value of `column`, decoded; throws instead of trapping on NULL or a wrong type.
    func value<Value: DatabaseValueConvertible>(_ column: String) throws -> Value {
        try decode(Value.self, forColumn: column)
    }

    /// The date stored in `column` as Unix seconds.
    func date(_ column: String) throws -> Date {
        Date(timeIntervalSince1970: try decode(Double.self, forColumn: column))
    }

    /// The date stored in `column` as Unix seconds, or `nil` for NULL.
    func optionalDate(_ column: String) throws -> Date? {
        try decode(Double?.self, forColumn: column).map(Date.init(timeIntervalSince1970:))
    }
}

extension Date {
    /// The form dates take in the database: Unix seconds.
    var databaseValue: Double { timeIntervalSince1970 }
}

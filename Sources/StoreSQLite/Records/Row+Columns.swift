import Foundation
import GRDB
import StoreEngineSupport

extension Row {
    /// The value of `column`, decoded; throws instead of trapping on NULL or a wrong type.
    func value<Value: DatabaseValueConvertible>(_ column: String) throws -> Value {
        try decode(Value.self, forColumn: column)
    }
}

/// GRDB rows as StoreEngineSupport reads them (dates are Unix seconds).
extension Row: ColumnReading {
    package func string(_ column: String) throws -> String { try decode(String.self, forColumn: column) }
    package func optionalString(_ column: String) throws -> String? { try decode(String?.self, forColumn: column) }
    package func int(_ column: String) throws -> Int { try decode(Int.self, forColumn: column) }
    package func optionalInt(_ column: String) throws -> Int? { try decode(Int?.self, forColumn: column) }
    package func int64(_ column: String) throws -> Int64 { try decode(Int64.self, forColumn: column) }
    package func bool(_ column: String) throws -> Bool { try decode(Bool.self, forColumn: column) }

    /// The date stored in `column` as Unix seconds.
    package func date(_ column: String) throws -> Date {
        Date(timeIntervalSince1970: try decode(Double.self, forColumn: column))
    }

    /// The date stored in `column` as Unix seconds, or `nil` for NULL.
    package func optionalDate(_ column: String) throws -> Date? {
        try decode(Double?.self, forColumn: column).map(Date.init(timeIntervalSince1970:))
    }
}

extension Date {
    /// The form dates take in the database: Unix seconds.
    var databaseValue: Double { timeIntervalSince1970 }
}

import Foundation

/// A result row whose columns are read by name, whatever the engine: GRDB's `Row` and the
/// PostgreSQL engine's `Row` conform, so the mapping from rows to models is written once.
///
/// Each read throws instead of trapping on NULL, a missing column or a wrong type.
package protocol ColumnReading {
    /// A text column.
    func string(_ column: String) throws -> String
    /// A nullable text column.
    func optionalString(_ column: String) throws -> String?
    /// An integer column.
    func int(_ column: String) throws -> Int
    /// A nullable integer column.
    func optionalInt(_ column: String) throws -> Int?
    /// A 64-bit integer column (keys, sizes, event ids).
    func int64(_ column: String) throws -> Int64
    /// A boolean column.
    func bool(_ column: String) throws -> Bool
    /// A date column, in the engine's own representation.
    func date(_ column: String) throws -> Date
    /// A nullable date column.
    func optionalDate(_ column: String) throws -> Date?
}

extension ColumnReading {
    /// A JSON column holding an array of strings (see ``JSONColumn/strings(from:)``).
    package func strings(_ column: String) throws -> [String] {
        try JSONColumn.strings(from: try string(column))
    }

    /// A JSON column, decoded with ``JSONColumn``.
    package func json<Value: Decodable>(_ column: String, as type: Value.Type) throws -> Value {
        try JSONColumn.decode(type, from: try string(column))
    }
}

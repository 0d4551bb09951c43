import Foundation
import PostgresNIO
import StoreEngineSupport

/// A result row whose columns are read by name; throws instead of trapping on NULL or a wrong type.
///
/// As ``ColumnReading`` it feeds the row-to-model mapping in StoreEngineSupport.
struct Row: ColumnReading, Sendable {
    let cells: [String: PostgresCell]

    init(_ row: PostgresRow) {
        var cells: [String: PostgresCell] = [:]
        cells.reserveCapacity(row.count)
        for cell in row where cells[cell.columnName] == nil { cells[cell.columnName] = cell }
        self.cells = cells
    }

    /// The cell of `column`.
    func cell(_ column: String) throws -> PostgresCell {
        guard let cell = cells[column] else { throw RowError.missingColumn(column) }
        return cell
    }

    /// The value of `column`, decoded.
    func value<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        try cell(column).decode(Value.self)
    }

    /// A text column.
    func string(_ column: String) throws -> String { try value(column, as: String.self) }

    /// A nullable text column.
    func optionalString(_ column: String) throws -> String? { try value(column, as: String?.self) }

    /// A `BIGINT` column.
    func int64(_ column: String) throws -> Int64 { try value(column, as: Int64.self) }

    /// A `BOOLEAN` column.
    func bool(_ column: String) throws -> Bool { try value(column, as: Bool.self) }

    /// A `TIMESTAMPTZ` column as a date.
    func date(_ column: String) throws -> Date {
        try value(column, as: Timestamp.self).date
    }

    /// A nullable `TIMESTAMPTZ` column as a date.
    func optionalDate(_ column: String) throws -> Date? {
        try value(column, as: Timestamp?.self)?.date
    }

    /// An integer column of any width as `Int`.
    func int(_ column: String) throws -> Int {
        let cell = try cell(column)
        switch cell.dataType {
        case .int2: return Int(try cell.decode(Int16.self))
        case .int4: return Int(try cell.decode(Int32.self))
        default: return Int(try cell.decode(Int64.self))
        }
    }

    /// A nullable integer column of any width.
    func optionalInt(_ column: String) throws -> Int? {
        try cell(column).bytes == nil ? nil : try int(column)
    }
}

/// A row that lacks a column the engine asked for: a bug or a schema this version cannot read.
enum RowError: Error, CustomStringConvertible {
    case missingColumn(String)

    var description: String {
        switch self {
        case .missingColumn(let column): "the result has no column '\(column)'"
        }
    }
}

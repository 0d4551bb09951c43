import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif
import StoreEngineSupport

/// A cached prepared statement bound value by value with GRDB's own bindings and stepped directly,
/// so a row costs no `StatementArguments` (an array of boxed values): the import writes millions.
struct RowWriter {
    private let statement: Statement
    private let db: Database
    private var index: CInt = 0
    private var bindingFailure: CInt = SQLITE_OK

    /// Prepares (or takes from the connection's cache) the statement `sql`.
    /// - Throws: `DatabaseError` when the SQL does not compile.
    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    /// Binds text, NUL replaced by U+FFFD as ``StorableText`` says (SQLite would end it there).
    mutating func bind(_ value: String?) {
        bindValue(value.map(StorableText.replacingNUL))
    }

    /// Binds the next parameter; `nil` binds NULL.
    mutating func bind(_ value: (some StatementBinding)?) {
        bindValue(value)
    }

    private mutating func bindValue(_ value: (some StatementBinding)?) {
        index += 1
        let code = if let value { value.bind(to: statement.sqliteStatement, at: index) }
            else { sqlite3_bind_null(statement.sqliteStatement, index) }
        if code != SQLITE_OK, bindingFailure == SQLITE_OK { bindingFailure = code }
    }

    /// Runs the statement with the values bound since the last step, then resets it for the next row.
    /// - Throws: `DatabaseError` with SQLite's extended code and message (a constraint, a full disk…).
    mutating func step() throws {
        let sqlite = statement.sqliteStatement
        defer {
            sqlite3_reset(sqlite)
            index = 0
        }
        let expected = sqlite3_bind_parameter_count(sqlite)
        guard index == expected, bindingFailure == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: bindingFailure == SQLITE_OK ? SQLITE_RANGE : bindingFailure),
                                message: "the import bound \(index) of \(expected) values", sql: statement.sql)
        }
        let code = sqlite3_step(sqlite)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection)),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }
}

import GRDB
import StoreService

/// Turns whatever GRDB or SQLite throws into a ``StoreError`` a person can act on.
///
/// The one place database errors are translated: every engine call funnels through it.
enum SQLiteErrorMapping {
    /// The store error for `error`; store errors pass through unchanged.
    static func storeError(from error: any Error) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as DatabaseError:
            return storeError(from: error)
        case is CancellationError:
            return .unavailable(StoreError.cancelledReason)
        case let error as RowDecodingError:
            return .server(status: 500, message: "the database holds a row this version cannot read (\(error))", requestID: nil)
        case let error as DecodingError:
            return .server(status: 500, message: "the database holds JSON this version cannot read (\(error))", requestID: nil)
        default:
            return .server(status: 500, message: "unexpected storage failure: \(error)", requestID: nil)
        }
    }

    /// The store error for an SQLite result code.
    static func storeError(from error: DatabaseError) -> StoreError {
        let detail = error.message ?? "no detail"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .unavailable("database is locked by another writer; try again in a moment")
        case .SQLITE_FULL:
            return .unavailable("disk full")
        case .SQLITE_READONLY:
            return .unavailable("the database file is read-only")
        case .SQLITE_CANTOPEN:
            return .unavailable("cannot open the database file (\(detail))")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .unavailable("the database file is corrupt or not a database (\(detail))")
        case .SQLITE_IOERR:
            return .unavailable("disk I/O error (\(detail))")
        case .SQLITE_NOMEM:
            return .unavailable("out of memory")
        case .SQLITE_PERM, .SQLITE_AUTH:
            return .unavailable("access to the database file was denied")
        case .SQLITE_INTERRUPT, .SQLITE_ABORT:
            return .unavailable("the operation was interrupted")
        case .SQLITE_CONSTRAINT:
            return constraintError(error, detail: detail)
        default:
            return .server(status: 500, message: "database error \(error.extendedResultCode.rawValue): \(detail)", requestID: nil)
        }
    }

    private static func constraintError(_ error: DatabaseError, detail: String) -> StoreError {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return .conflict("that already exists (\(detail))")
        case .SQLITE_CONSTRAINT_TRIGGER:
            // Our triggers RAISE with a sentence meant for people (append-only tables).
            return .conflict(detail)
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return .conflict("it refers to something that does not exist")
        default:
            return .invalidInput("a value breaks a database rule (\(detail))")
        }
    }
}

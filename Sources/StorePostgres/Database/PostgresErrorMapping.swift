import Foundation
import PostgresNIO
import StoreService

/// Turns whatever PostgresNIO or the server throws into a ``StoreError`` a person can act on.
///
/// The one place database errors are translated: every engine call funnels through it.
enum PostgresErrorMapping {
    /// SQLSTATE classes and codes the mapping looks at.
    enum SQLState {
        static let uniqueViolation = "23505"
        static let foreignKeyViolation = "23503"
        static let raiseException = "P0001"
        static let serializationFailure = "40001"
        static let deadlockDetected = "40P01"
        static let diskFull = "53100"
        static let outOfMemory = "53200"
        static let tooManyConnections = "53300"
        static let queryCanceled = "57014"
        static let lockNotAvailable = "55P03"
        static let readOnlyTransaction = "25006"
        static let invalidCatalogName = "3D000"
    }

    /// The SQLSTATE of a server error, if `error` is one.
    static func sqlState(of error: any Error) -> String? {
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] }
        if case .server(let info)? = error as? PostgresError { return info.fields[.sqlState] }
        return nil
    }

    /// Whether running the transaction again may succeed (serialization failure or deadlock).
    static func isRetryable(_ error: any Error) -> Bool {
        guard let state = sqlState(of: error) else { return false }
        return state == SQLState.serializationFailure || state == SQLState.deadlockDetected
    }

    /// The store error for `error`; store errors pass through unchanged.
    /// - Parameter location: the server (`host:port`) for messages about reaching it.
    static func storeError(from error: any Error, location: String = "the server") -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as PSQLError:
            return storeError(from: error, location: location)
        case let error as PostgresError:
            // The simple-query protocol's (older) error type.
            switch error {
            case .server(let info):
                return serverError(
                    state: info.fields[.sqlState] ?? "", message: info.fields[.message] ?? "no detail",
                    detail: info.fields[.detail], location: location)
            case .connectionClosed:
                return unreachable(location, detail: "the connection closed")
            case .protocol(let message):
                return .server(status: 500, message: "database protocol failure: \(message)", requestID: nil)
            }
        case is CancellationError:
            return .unavailable(StoreError.cancelledReason)
        case let error as PostgresDecodingError:
            return .server(status: 500, message: "the database holds a value this version cannot read (column \(error.columnName))", requestID: nil)
        case is DecodingError, is RowError:
            return .server(status: 500, message: "the database holds data this version cannot read (\(error))", requestID: nil)
        default:
            let type = String(reflecting: Swift.type(of: error))
            if type.contains("ConnectionPoolError") || error is ChannelError || error is IOError {
                return unreachable(location, detail: "\(error)")
            }
            return .server(status: 500, message: "unexpected storage failure: \(error)", requestID: nil)
        }
    }

    /// The store error for a PostgresNIO error.
    static func storeError(from error: PSQLError, location: String) -> StoreError {
        switch error.code {
        case .server:
            let info = error.serverInfo
            return serverError(
                state: info?[.sqlState] ?? "", message: info?[.message] ?? "no detail", detail: info?[.detail],
                location: location)
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
             .sslUnsupported, .failedToAddSSLHandler:
            return unreachable(location, detail: underlyingDetail(error))
        case .queryCancelled:
            return .unavailable(StoreError.cancelledReason)
        case .tooManyParameters:
            return .invalidInput("the request is too large for one statement")
        case .authMechanismRequiresPassword, .unsupportedAuthMechanism, .saslError:
            return .unavailable("PostgreSQL refused the login at \(location) (\(error.code))")
        default:
            return .server(status: 500, message: "database protocol failure: \(error.code)", requestID: nil)
        }
    }

    /// The store error for an error the server reported.
    static func serverError(state: String, message: String, detail: String?, location: String) -> StoreError {
        switch state {
        case SQLState.uniqueViolation:
            return .conflict("that already exists (\(detail ?? message))")
        case SQLState.foreignKeyViolation:
            return .conflict("it refers to something that does not exist")
        case SQLState.raiseException:
            // Our triggers raise with a sentence meant for people (append-only tables).
            return .conflict(message)
        case SQLState.serializationFailure, SQLState.deadlockDetected, SQLState.lockNotAvailable:
            return .unavailable("the database is busy with conflicting changes; try again in a moment")
        case SQLState.diskFull:
            return .unavailable("disk full")
        case SQLState.outOfMemory:
            return .unavailable("out of memory")
        case SQLState.tooManyConnections:
            return .unavailable("PostgreSQL has no free connections")
        case SQLState.queryCanceled:
            return .unavailable("a statement took too long and was cancelled")
        case SQLState.readOnlyTransaction:
            return .unavailable("the database is read-only")
        case SQLState.invalidCatalogName:
            return .unavailable("the database does not exist at \(location) (\(message))")
        default:
            break
        }
        switch state.prefix(2) {
        case "08", "57":
            // Connection exceptions; admin or crash shutdown; cannot connect now.
            return unreachable(location, detail: message)
        case "28":
            return .unavailable("PostgreSQL refused the login at \(location) (\(message))")
        case "53", "58":
            return .unavailable("insufficient resources or system error (\(message))")
        case "23":
            return .invalidInput("a value breaks a database rule (\(message))")
        case "22":
            return .invalidInput("a value cannot be stored (\(message))")
        default:
            return .server(status: 500, message: "database error \(state): \(message)", requestID: nil)
        }
    }

    /// The error for a server that cannot be reached.
    static func unreachable(_ location: String, detail: String) -> StoreError {
        .unavailable("PostgreSQL is unreachable at \(location): \(detail)")
    }

    private static func underlyingDetail(_ error: PSQLError) -> String {
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}

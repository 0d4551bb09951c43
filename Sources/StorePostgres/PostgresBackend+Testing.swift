import Foundation
import Logging
import PostgresNIO
import StoreService

extension PostgresBackend {
    /// Runs each statement in turn on one pooled connection, outside any engine transaction, and
    /// returns the rows of the last statement that returned any, every value as text.
    ///
    /// Test-only (`@_spi(Testing)`): lets engine tests look inside the database as `psql` would.
    @_spi(Testing) public func rawQuery(_ statements: String...) async throws(StoreError) -> [[String: String?]] {
        do {
            return try await withDatabase { db in try await Self.run(statements, on: db.connection, logger: db.logger) }
        } catch {
            throw PostgresErrorMapping.storeError(from: error, location: url.endpoint)
        }
    }

    /// Runs `statements` on one new connection to `url` (no migrations), for setting up and tearing
    /// down test schemas.
    @_spi(Testing) public static func rawQuery(url: String, _ statements: String...) async throws(StoreError) -> [[String: String?]] {
        let parsed = try PostgresURL(url)
        let logger = Logger(label: "store-tui.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try parsed.connectionConfiguration(), id: 1, logger: logger)
            do {
                let rows = try await run(statements, on: connection, logger: logger)
                try? await connection.close()
                return rows
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw PostgresErrorMapping.storeError(from: error, location: parsed.endpoint)
        }
    }

    private static func run(_ statements: [String], on connection: PostgresConnection, logger: Logger) async throws -> [[String: String?]] {
        var result: [[String: String?]] = []
        for statement in statements {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).collect()
            guard !rows.isEmpty else { continue }
            result = try rows.map { row in
                var values: [String: String?] = [:]
                for cell in row { values[cell.columnName] = try text(of: cell) }
                return values
            }
        }
        return result
    }

    /// A result cell as `psql` would print it (for the types tests read; others as their bytes).
    private static func text(of cell: PostgresCell) throws -> String? {
        guard cell.bytes != nil else { return nil }
        switch cell.dataType {
        case .int2, .int4, .int8: return String(try cell.decode(Int64.self))
        case .bool: return try cell.decode(Bool.self) ? "t" : "f"
        case .float4, .float8: return String(try cell.decode(Double.self))
        case .timestamptz, .timestamp: return try cell.decode(Timestamp.self).copyText
        default: return try cell.decode(String.self)
        }
    }
}

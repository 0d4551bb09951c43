import Foundation
@_spi(Testing) import StorePostgres
import StoreService
import StoreSQLite
import Testing

/// Runs `body` with a second backend over the database of a store opened on `engine` (its SQLite file
/// or its PostgreSQL schema), as a second `serve` instance would open it.
func withSecondInstance(
    _ engine: StoreEngine, databasePath: String?, postgresURL: String?, clock: TestClock,
    _ body: (any StoreBackend) async throws -> Void
) async throws {
    switch engine {
    case .sqlite:
        try await body(try SQLiteBackend(path: try #require(databasePath), clock: { clock.now }))
    case .postgres:
        let second = try await PostgresBackend(
            url: try #require(postgresURL), clock: { clock.now }, maximumConnections: 4, connectionWaitLimit: .seconds(30))
        do {
            try await body(second)
            await second.shutdown()
        } catch {
            await second.shutdown()
            throw error
        }
    default:
        Issue.record("\(engine) has no database of its own to open twice")
    }
}

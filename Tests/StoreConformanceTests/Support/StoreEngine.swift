import Foundation
import StoreModels
@_spi(Testing) import StorePostgres
import StoreService
@_spi(Testing) import StoreSQLite
import Testing

/// The engines the conformance suite runs against; every test takes one as its argument.
///
/// Each case only has to open a fresh, empty store. `.http` is the whole stack over SQLite:
/// ``HTTPStoreClient`` → the real server (in-process, on a free port) → SQLite (see ``HTTPEngineBackend``),
/// so the client, the server and the engines cannot drift apart.
enum StoreEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres
    case http

    /// Every engine; PostgreSQL is left out only when `STORE_TUI_SKIP_POSTGRES=1` is set and no
    /// server can be had (without that variable its cases fail, saying why).
    static let allCases: [StoreEngine] = {
        if PostgresTestCluster.mayBeSkipped, !PostgresTestCluster.isAvailable {
            FileHandle.standardError.write(Data("note: PostgreSQL is not available; the .postgres cases are skipped (STORE_TUI_SKIP_POSTGRES=1)\n".utf8))
            return [.sqlite, .http]
        }
        return [.sqlite, .postgres, .http]
    }()

    /// Skips the current test case on this engine, saying why (for what cannot cross it, such as
    /// engine-internal task-locals over HTTP).
    func skip(on engine: StoreEngine, because reason: String) throws {
        if self == engine { try Test.cancel("not run on .\(engine.rawValue): \(reason)") }
    }

    var testDescription: String { rawValue }

    /// The engine's bootstrap identity (an admin that needs no account), as the CLI uses it.
    var systemIdentity: Identity {
        switch self {
        case .sqlite, .http: SQLiteBackend.systemIdentity
        case .postgres: PostgresBackend.systemIdentity
        }
    }

    /// Opens a fresh, empty store whose clock is `clock`.
    func open(clock: TestClock) async throws -> OpenedStore {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("store-conformance-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("store.sqlite").path
            let backend = try SQLiteBackend(path: path, clock: { clock.now })
            return OpenedStore(backend: backend, databasePath: path) {
                try? FileManager.default.removeItem(at: directory)
            }
        case .postgres:
            let schema = try await PostgresTestCluster.freshSchema()
            do {
                let backend = try await PostgresBackend(
                    url: schema.url, clock: { clock.now }, maximumConnections: 8, connectionWaitLimit: .seconds(30))
                return OpenedStore(backend: backend, postgresURL: schema.url) {
                    await backend.shutdown()
                    await schema.drop()
                }
            } catch {
                await schema.drop()
                throw error
            }
        case .http:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("store-conformance-http-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do {
                let (backend, stop) = try await HTTPEngineBackend.start(in: directory, clock: clock)
                return OpenedStore(backend: backend, databasePath: backend.storage.location) {
                    await stop()
                    try? FileManager.default.removeItem(at: directory)
                }
            } catch {
                try? FileManager.default.removeItem(at: directory)
                throw error
            }
        }
    }

    /// Runs `body` with search forced into broad mode (words too common to rank) for this engine.
    ///
    /// The knob is a task-local of the engine, which does not cross HTTP: on `.http` it records an
    /// issue (tests using it skip `.http`).
    func withBroadSearch<T>(_ body: () async throws -> T) async rethrows -> T {
        switch self {
        case .sqlite: return try await SearchTuning.$rankingLimit.withValue(0) { try await body() }
        case .postgres: return try await PostgresSearchTuning.$rankingLimit.withValue(0) { try await body() }
        case .http:
            Issue.record("broad search cannot be forced through the server; skip .http in this test")
            return try await body()
        }
    }
}

/// A freshly opened store and how to dispose of it.
struct OpenedStore: Sendable {
    var backend: any StoreBackend & CatalogueImporting
    /// SQLite: the database file, for engine-specific tests that look inside it.
    var databasePath: String?
    /// PostgreSQL: the URL of the test's own schema, for engine-specific tests.
    var postgresURL: String?
    var close: @Sendable () async -> Void

    init(
        backend: any StoreBackend & CatalogueImporting, databasePath: String? = nil, postgresURL: String? = nil,
        close: @escaping @Sendable () async -> Void
    ) {
        self.backend = backend
        self.databasePath = databasePath
        self.postgresURL = postgresURL
        self.close = close
    }
}

/// Opens a fresh, empty store on `engine`, runs `body`, then disposes of the store.
func withOpenedStore<T>(_ engine: StoreEngine, clock: TestClock = TestClock(), _ body: (OpenedStore) async throws -> T) async throws -> T {
    let opened = try await engine.open(clock: clock)
    do {
        let result = try await body(opened)
        await opened.close()
        return result
    } catch {
        await opened.close()
        throw error
    }
}

/// A clock tests move by hand. Starts at 2025-01-01 00:00 UTC.
final class TestClock: @unchecked Sendable {
    // @unchecked: the only state is `current`, read and written under `lock`.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_735_689_600)) { current = start }

    /// The current time.
    var now: Date { lock.withLock { current } }

    /// Moves the clock forward.
    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import StorePostgres
import StoreServer
import StoreService
import StoreSQLite
import Testing

/// The database two server instances share in ``TwoInstances``.
enum SharedDatabase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// One SQLite file opened by two backends (as two processes would).
    case sqlite
    /// One PostgreSQL schema reached by two connection pools.
    case postgres

    var testDescription: String { rawValue }

    /// Both, unless PostgreSQL cannot be had and `STORE_TUI_SKIP_POSTGRES=1` allows leaving it out.
    static let available: [SharedDatabase] = {
        if SharedPostgres.mayBeSkipped, case .failure = SharedPostgres.baseURL() { return [.sqlite] }
        return [.sqlite, .postgres]
    }()
}

/// Two `store-tui serve` instances in this process, each with its own backend over one database
/// seeded with ``Fixture``, and a token per fixture user. Nothing but the database is shared.
final class TwoInstances: Sendable {
    /// The first instance's port.
    let first: Int
    /// The second instance's port.
    let second: Int
    /// The clock both backends read.
    let clock: TestClock
    /// The first instance's backend (the second has its own over the same database).
    let backend: any StoreBackend & ServerStateStore
    /// A bearer token per fixture username.
    let tokens: [String: String]

    private init(first: Int, second: Int, clock: TestClock, backend: any StoreBackend & ServerStateStore, tokens: [String: String]) {
        self.first = first
        self.second = second
        self.clock = clock
        self.backend = backend
        self.tokens = tokens
    }

    /// Runs `body` with two instances over a fresh `database`, then stops them and drops the database.
    static func with(
        _ database: SharedDatabase, configuration: ServerConfiguration = TestServer.configuration(),
        _ body: (TwoInstances) async throws -> Void
    ) async throws {
        let clock = TestClock()
        let opened = try await open(database, clock: clock)
        do {
            let (firstBackend, secondBackend) = (opened.backends.0, opened.backends.1)
            _ = try await (firstBackend as any CatalogueImporting).importCatalogue(accounts: Fixture.accounts, entries: Fixture.entries)
            var tokens: [String: String] = [:]
            let system = firstBackend.service(for: SQLiteBackend.systemIdentity)
            for account in Fixture.accounts {
                if let issued = try? await system.issueToken(
                    username: account.publisher.username, role: account.role, expiresAt: nil, description: "test") {
                    tokens[account.publisher.username] = issued.secret
                }
            }
            try await serve(firstBackend, configuration) { first in
                try await serve(secondBackend, configuration) { second in
                    try await body(TwoInstances(first: first, second: second, clock: clock, backend: firstBackend, tokens: tokens))
                }
            }
            await opened.close()
        } catch {
            await opened.close()
            throw error
        }
    }

    /// One raw request to the instance on `port`.
    func request(
        _ method: HTTPMethod, _ target: String, on port: Int, as username: String? = nil, authorization: String? = nil,
        headers: [(String, String)] = [], body: Data? = nil, contentType: String? = "application/json"
    ) async throws -> RawResponse {
        try await rawRequest(
            method, url: "http://127.0.0.1:\(port)\(target)", bearer: username.flatMap { tokens[$0] }, authorization: authorization,
            headers: headers, body: body.map { ByteBuffer(bytes: $0) }, contentType: contentType)
    }

    // MARK: Setup

    private typealias Backend = any StoreBackend & ServerStateStore & CatalogueImporting

    private static func open(
        _ database: SharedDatabase, clock: TestClock
    ) async throws -> (backends: (Backend, Backend), close: @Sendable () async -> Void) {
        switch database {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("two-instances-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("store.sqlite").path
            let first = try SQLiteBackend(path: path, clock: { clock.now })
            let second = try SQLiteBackend(path: path, clock: { clock.now })
            return ((first, second), { try? FileManager.default.removeItem(at: directory) })
        case .postgres:
            let schema = try await SharedPostgres.freshSchema()
            do {
                let first = try await PostgresBackend(url: schema.url, clock: { clock.now }, maximumConnections: 4, connectionWaitLimit: .seconds(30))
                let second = try await PostgresBackend(url: schema.url, clock: { clock.now }, maximumConnections: 4, connectionWaitLimit: .seconds(30))
                return ((first, second), {
                    await first.shutdown()
                    await second.shutdown()
                    await schema.drop()
                })
            } catch {
                await schema.drop()
                throw error
            }
        }
    }

    /// Serves `backend` on a free port while `body` runs.
    private static func serve(
        _ backend: any StoreBackend, _ configuration: ServerConfiguration, _ body: (Int) async throws -> Void
    ) async throws {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = buildApplication(backend: backend, configuration: configuration) { port in continuation.yield(port) }
        var logger = Logger(label: "instance")
        logger.logLevel = .critical
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger))
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestServerError("an instance did not start") }
        do {
            try await body(port)
            await group.triggerGracefulShutdown()
            _ = try? await running.value
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw error
        }
    }
}

import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import StoreAPI
import StoreClient
import StoreModels
import StoreServer
import StoreService
import StoreSQLite

/// A real server on 127.0.0.1 (a free port) over a fresh SQLite store seeded with ``Fixture``,
/// with a token for every fixture user.
final class TestServer: Sendable {
    let port: Int
    let backend: SQLiteBackend
    let clock: TestClock
    let hooks: Hooks
    /// A bearer token per fixture username (mallory's may be missing: she is suspended).
    let tokens: [String: String]
    private let group: ServiceGroup
    private let running: Task<Void, any Error>
    private let directory: URL

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, backend: SQLiteBackend, clock: TestClock, hooks: Hooks, tokens: [String: String], group: ServiceGroup,
                 running: Task<Void, any Error>, directory: URL) {
        self.port = port
        self.backend = backend
        self.clock = clock
        self.hooks = hooks
        self.tokens = tokens
        self.group = group
        self.running = running
        self.directory = directory
    }

    /// The test configuration: any free port, quiet logs.
    static func configuration() -> StoreServer.ServerConfiguration {
        StoreServer.ServerConfiguration(host: "127.0.0.1", port: 0, logLevel: .critical)
    }

    /// Starts a server.
    static func start(_ configuration: StoreServer.ServerConfiguration = configuration(), hooks: Hooks = Hooks()) async throws -> TestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-server-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clock = TestClock()
        let backend = try SQLiteBackend(path: directory.appendingPathComponent("store.sqlite").path, clock: { clock.now })
        _ = try await backend.importCatalogue(accounts: Fixture.accounts, entries: Fixture.entries)
        var tokens: [String: String] = [:]
        let system = backend.service(for: SQLiteBackend.systemIdentity)
        for account in Fixture.accounts {
            if let issued = try? await system.issueToken(
                username: account.publisher.username, role: account.role, expiresAt: nil, description: "test") {
                tokens[account.publisher.username] = issued.secret
            }
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = buildApplication(backend: HookedBackend(base: backend, hooks: hooks), configuration: configuration) { port in
            continuation.yield(port)
        }
        var logger = Logger(label: "test-service-group")
        logger.logLevel = .critical
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger))
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestServerError("the server did not start") }
        return TestServer(port: port, backend: backend, clock: clock, hooks: hooks, tokens: tokens, group: group, running: running,
                          directory: directory)
    }

    /// Shuts the server down gracefully (in-flight requests finish) and removes its database.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await running.value
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts a graceful shutdown and returns at once.
    func beginShutdown() async { await group.triggerGracefulShutdown() }

    /// Waits until the server has stopped.
    func waitUntilStopped() async { _ = try? await running.value }

    /// A client acting as `username` (anonymous for `nil`), identity looked up with whoami.
    func client(as username: String?, retry: RetryPolicy = .none) async throws -> HTTPStoreClient {
        let token = username.flatMap { tokens[$0] }
        return try await HTTPStoreClient.connect(
            baseURL: baseURL, token: token, configuration: HTTPStoreClient.Configuration(retry: retry))
    }

    /// The engine's own service for `username`, to compare with what comes over HTTP.
    func direct(as username: String?) async throws -> any StoreService {
        guard let username else { return backend.service(for: .anonymous) }
        return backend.service(for: try await backend.identity(username: username))
    }

    /// One raw request.
    func request(
        _ method: HTTPMethod, _ target: String, as username: String? = nil, authorization: String? = nil,
        headers: [(String, String)] = [], body: String? = nil, contentType: String? = "application/json"
    ) async throws -> RawResponse {
        try await rawRequest(
            method, url: baseURL + target, bearer: username.flatMap { tokens[$0] }, authorization: authorization,
            headers: headers, body: body.map { ByteBuffer(string: $0) }, contentType: contentType)
    }

    /// Runs `body` with a fresh server and always stops it.
    static func with<T>(
        _ configuration: StoreServer.ServerConfiguration = configuration(), hooks: Hooks = Hooks(),
        _ body: (TestServer) async throws -> T
    ) async throws -> T {
        let server = try await start(configuration, hooks: hooks)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}

struct TestServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A response read in full.
struct RawResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    func header(_ name: String) -> String? { headers.first(name: name) }
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw TestServerError("not a JSON object: \(text)")
        }
        return object
    }

    /// The first error of an error-list envelope.
    func firstError() throws -> (code: String, message: String) {
        let envelope = try object()
        guard let list = envelope["error-list"] as? [[String: Any]], let first = list.first,
              let code = first["code"] as? String, let message = first["message"] as? String
        else { throw TestServerError("not an error envelope: \(text)") }
        return (code, message)
    }

    /// Decodes the body with the `/api/v1` coders.
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try APICoding.makeDecoder().decode(type, from: body) }
}

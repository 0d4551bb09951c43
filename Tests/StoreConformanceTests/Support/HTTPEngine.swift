import Foundation
import GRDB
import Hummingbird
import Logging
import ServiceLifecycle
import StoreClient
import StoreModels
import StoreServer
import StoreService
@_spi(Testing) @testable import StoreSQLite
import Testing

/// The `.http` engine: the conformance suite through ``HTTPStoreClient`` → the real server → SQLite.
///
/// A fresh SQLite store is served in-process on a free port of 127.0.0.1. ``service(for:)`` hands out the
/// real client, logged in with a token for the identity's account and role; anonymous callers get a
/// client without a token. Tokens come from ``identity(username:)`` (minted straight into the database,
/// like the imported catalogue: harness setup, so no audit event, and ids starting with
/// ``harnessTokenPrefix`` so token-listing tests can leave them out) or from ``authenticate(token:)``
/// (the caller's own token, checked over HTTP with `GET /api/v1/whoami`).
///
/// Not over HTTP, on purpose: ``importCatalogue(accounts:entries:)`` and ``isEmpty()`` (setup, not under
/// test), and the engine's bootstrap identity, which has no account and so no token: the CLI uses it
/// in-process, and so does this engine.
final class HTTPEngineBackend: StoreBackend, CatalogueImporting, @unchecked Sendable {
    // @unchecked: the mutable state (`tokens`, `clients`) is only touched under `lock`.

    /// How the ids of the tokens this engine mints begin.
    static let harnessTokenPrefix = "tok-harness-"

    /// The SQLite store behind the server.
    let storage: SQLiteBackend
    /// `http://127.0.0.1:<port>`.
    let baseURL: String
    private let clock: TestClock
    private let lock = NSLock()
    private var tokens: [TokenKey: String] = [:]
    private var clients: [ClientKey: HTTPStoreClient] = [:]

    private struct TokenKey: Hashable {
        var accountID: String
        var role: Role
    }

    private struct ClientKey: Hashable {
        var token: String?
        var identity: Identity
    }

    init(storage: SQLiteBackend, baseURL: String, clock: TestClock) {
        self.storage = storage
        self.baseURL = baseURL
        self.clock = clock
    }

    var location: String { baseURL }

    /// The real client acting as `identity`.
    ///
    /// `identity` must come from ``identity(username:)`` or ``authenticate(token:)`` (which know its
    /// token); any other identity with an account is recorded as an issue and served anonymously.
    func service(for identity: Identity) -> any StoreService {
        guard let account = identity.account else { return client(token: nil, identity: .anonymous) }
        if account.id == SQLiteBackend.systemIdentity.account?.id { return storage.service(for: identity) }
        guard let token = lock.withLock({ tokens[TokenKey(accountID: account.id, role: account.role)] }) else {
            Issue.record("the .http engine has no token for \(identity); get identities from identity(username:) or authenticate(token:)")
            return client(token: nil, identity: .anonymous)
        }
        return client(token: token, identity: identity)
    }

    /// The identity the server reports for `token` (`GET /api/v1/whoami`); later calls as it use that token.
    func authenticate(token: String) async throws(StoreError) -> Identity {
        let client = try await HTTPStoreClient.connect(baseURL: baseURL, token: token)
        let identity = client.identity
        await client.shutdown()
        if let account = identity.account {
            lock.withLock { tokens[TokenKey(accountID: account.id, role: account.role)] = token }
        }
        return identity
    }

    /// The account's identity as the store knows it now, with a token for it minted when needed.
    func identity(username: String) async throws(StoreError) -> Identity {
        let identity = try await storage.identity(username: username)
        guard let account = identity.account else { return identity }
        let key = TokenKey(accountID: account.id, role: account.role)
        if lock.withLock({ tokens[key] }) == nil {
            let secret = try await mintToken(for: account)
            lock.withLock { tokens[key] = secret }
        }
        return identity
    }

    func importCatalogue(
        accounts: [CatalogueAccount], entries: some Sequence<CatalogueEntry> & Sendable
    ) async throws(StoreError) -> Int {
        try await storage.importCatalogue(accounts: accounts, entries: entries)
    }

    func isEmpty() async throws(StoreError) -> Bool { try await storage.isEmpty() }

    /// Closes every client handed out.
    func shutdownClients() async {
        let all = lock.withLock {
            defer { clients.removeAll() }
            return Array(clients.values)
        }
        for client in all { await client.shutdown() }
    }

    // MARK: Helpers

    private func client(token: String?, identity: Identity) -> HTTPStoreClient {
        lock.withLock {
            let key = ClientKey(token: token, identity: identity)
            if let existing = clients[key] { return existing }
            let client = HTTPStoreClient(baseURL: baseURL, token: token, identity: identity)
            clients[key] = client
            return client
        }
    }

    /// Writes a token row for `account` with its current role, as `issueToken` would but without an audit event.
    private func mintToken(for account: Identity.Account) async throws(StoreError) -> String {
        let secret = Secrets.generateToken()
        let id = Self.harnessTokenPrefix + Secrets.randomIdentifier(length: 12)
        let created = clock.now.timeIntervalSince1970
        try await storage.write { db in
            try db.execute(sql: """
                INSERT INTO tokens (id, account_id, role, token_hash, description, created_at)
                VALUES (?, ?, ?, ?, 'conformance harness', ?)
                """, arguments: [id, account.id, account.role.rawValue, Secrets.hash(ofToken: secret), created])
        }
        return secret
    }
}

extension HTTPEngineBackend {
    /// Opens a fresh SQLite store under `directory` and serves it on a free port.
    /// - Returns: the backend and a closure that stops the server gracefully and closes the clients.
    static func start(in directory: URL, clock: TestClock) async throws -> (HTTPEngineBackend, @Sendable () async -> Void) {
        let storage = try SQLiteBackend(path: directory.appendingPathComponent("store.sqlite").path, clock: { clock.now })
        let uploads = directory.appendingPathComponent("uploads", isDirectory: true)
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
        // The suite checks refused tokens on purpose; the auth-failure limiter is not under test here.
        let configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, logLevel: .critical, authFailureBurst: 10_000, uploadDirectory: uploads)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = buildApplication(backend: storage, configuration: configuration) { port in continuation.yield(port) }
        var logger = Logger(label: "conformance-http-engine")
        logger.logLevel = .critical
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger))
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            running.cancel()
            throw StoreError.unreachable("the conformance server did not start")
        }
        let backend = HTTPEngineBackend(storage: storage, baseURL: "http://127.0.0.1:\(port)", clock: clock)
        return (backend, {
            await backend.shutdownClients()
            await group.triggerGracefulShutdown()
            _ = try? await running.value
        })
    }
}

import Foundation
import Logging
import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

/// The PostgreSQL store: one database shared by any number of servers, through a connection pool.
///
/// Every change runs in one transaction with its audit event; the rows it depends on are locked
/// (`SELECT … FOR UPDATE`), so concurrent changes behave as SQLite's serialised writer does.
/// Reads run in a read-only snapshot (`REPEATABLE READ`). Call ``shutdown()`` when done.
public final class PostgresBackend: StoreBackend, CatalogueImporting {
    /// The identity the CLI uses to bootstrap a fresh store (`store-tui token create`): an admin
    /// named `system` that needs no account row.
    public static let systemIdentity = Identity.system

    /// Connections the pool opens at most, unless the initialiser is told otherwise.
    public static let defaultMaximumConnections = 20
    /// How long an operation waits for a pooled connection before reporting the server unreachable:
    /// 2 seconds, so a request needing two reads still fails within 5 s when PostgreSQL is down (a
    /// busy pool that cannot lend a connection within 2 s is overloaded: shedding the request is right).
    public static let defaultConnectionWaitLimit: Duration = .seconds(2)
    /// How long a starting backend waits for its first connection, to migrate.
    public static let startupConnectionWaitLimit: Duration = .seconds(15)
    /// This backend's limit on waiting for a pooled connection (``defaultConnectionWaitLimit`` unless told).
    public let connectionWaitLimit: Duration
    /// How often a transaction that hit a serialization failure or deadlock is tried in all.
    static let transactionAttempts = 4

    /// The database URL without its password.
    public let location: String
    let url: PostgresURL
    let client: PostgresClient
    let clock: @Sendable () -> Date
    let logger: Logger
    private let runner: Task<Void, Never>

    /// Connects to the database at `url`, creating and migrating the schema when needed.
    /// - Parameters:
    ///   - url: `postgres://user:password@host:port/database` (or `postgresql://`); see the
    ///     parameters `PostgresURL` understands (`sslmode`, `options`, `application_name`, `connect_timeout`).
    ///   - clock: the store's notion of now, for release times, expiry and audit (tests pin it).
    ///   - maximumConnections: the size of the connection pool.
    ///   - logger: where PostgresNIO logs; silent by default.
    ///   - connectionWaitLimit: how long an operation waits for a pooled connection before failing as
    ///     unreachable (tests that queue many operations on a small pool on a busy machine raise it).
    /// - Throws: `.invalidInput` for a malformed URL; `.unavailable` when the server cannot be
    ///   reached, refuses the login or the database does not exist.
    public init(
        url: String, clock: @escaping @Sendable () -> Date = Date.init,
        maximumConnections: Int = PostgresBackend.defaultMaximumConnections, logger: Logger? = nil,
        connectionWaitLimit: Duration = PostgresBackend.defaultConnectionWaitLimit
    ) async throws(StoreError) {
        self.connectionWaitLimit = connectionWaitLimit
        let parsed = try PostgresURL(url)
        let logger = logger ?? Logger(label: "store-tui.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        try await Self.probe(parsed, logger: logger)
        let configuration: PostgresClient.Configuration
        do {
            configuration = try parsed.clientConfiguration(maximumConnections: max(1, maximumConnections))
        } catch {
            throw .unavailable("cannot set up TLS for PostgreSQL (\(error))")
        }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.runner = Task { await client.run() }
        self.url = parsed
        self.location = parsed.redacted
        self.clock = clock
        self.logger = logger
        do {
            // The first connection of a starting server may take a while to open (several instances
            // starting at once on a busy host): it gets longer than a request's wait.
            _ = try await withDatabase(waitLimit: max(connectionWaitLimit, Self.startupConnectionWaitLimit)) { db in
                try await PostgresMigrations.migrate(db)
            }
        } catch {
            await shutdown()
            throw PostgresErrorMapping.storeError(from: error, location: parsed.endpoint)
        }
    }

    deinit { runner.cancel() }

    /// Closes the pool's connections; the backend cannot be used afterwards. Safe to call twice.
    public func shutdown() async {
        runner.cancel()
        await runner.value
    }

    /// A service acting as `identity`.
    public func service(for identity: Identity) -> any StoreService {
        PostgresStore(backend: self, identity: identity)
    }

    /// Whether the store holds no packages yet.
    public func isEmpty() async throws(StoreError) -> Bool {
        try await read { db in try await db.scalar("SELECT NOT EXISTS (SELECT 1 FROM packages)", as: Bool.self) ?? true }
    }

    // MARK: Database access

    /// Runs `body`'s statements outside a transaction, each seeing the data committed when it starts.
    ///
    /// No `BEGIN`/`COMMIT`: two round trips of five in a package lookup. Reads issue their statements
    /// in an order where a change committing between two of them can only make the later ones newer
    /// (a channel map's version is read before its releases: at worst a stale version with newer
    /// releases, which a plan sent with that version answers with 412 and a rebuild, never a lost update).
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws(StoreError) -> T {
        let endpoint = url.endpoint
        let outcome = await Task { () -> Result<T, StoreError> in
            do {
                return .success(try await self.withDatabase { db in try await body(db) })
            } catch {
                return .failure(PostgresErrorMapping.storeError(from: error, location: endpoint))
            }
        }.value
        return try outcome.get()
    }

    /// Runs `body` in one read-write transaction; any thrown error rolls it all back.
    ///
    /// A serialization failure or deadlock runs `body` again (a few times, then `.unavailable`),
    /// so `body` must do nothing outside the database that cannot be repeated.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws(StoreError) -> T {
        try await transaction(begin: "BEGIN", body)
    }

    /// Runs `body` between `begin` and `COMMIT` (`ROLLBACK` when it throws), retrying serialization
    /// failures and deadlocks.
    ///
    /// The transaction runs in a task of its own, so cancelling the caller (a client that went
    /// away) never interrupts it half-way and hands a connection back to the pool mid-transaction:
    /// it commits or rolls back as if the caller were still waiting.
    private func transaction<T: Sendable>(
        begin: PostgresQuery, _ body: @escaping @Sendable (Database) async throws -> T
    ) async throws(StoreError) -> T {
        let endpoint = url.endpoint
        let outcome = await Task { () -> Result<T, StoreError> in
            var attempt = 1
            while true {
                do {
                    return .success(try await self.withDatabase { db in
                        try await db.execute(begin)
                        do {
                            let value = try await body(db)
                            try await db.execute("COMMIT")
                            return value
                        } catch {
                            try? await db.execute("ROLLBACK")
                            throw error
                        }
                    })
                } catch {
                    if PostgresErrorMapping.isRetryable(error), attempt < Self.transactionAttempts {
                        attempt += 1
                        try? await Task.sleep(for: .milliseconds(5 * attempt * attempt))
                        continue
                    }
                    return .failure(PostgresErrorMapping.storeError(from: error, location: endpoint))
                }
            }
        }.value
        return try outcome.get()
    }

    /// Runs `body` on a pooled connection, waiting at most ``connectionWaitLimit`` for one.
    ///
    /// `body` either starts before the limit or not at all, so the wait is never cut short
    /// in the middle of its work.
    func withDatabase<T: Sendable>(
        waitLimit: Duration? = nil, _ body: @escaping @Sendable (Database) async throws -> T
    ) async throws -> T {
        let lease = LeaseState()
        let client = client
        let logger = logger
        let waitLimit = waitLimit ?? connectionWaitLimit
        let unreachable = PostgresErrorMapping.unreachable(
            url.endpoint, detail: "no free connection within \(waitLimit) (the server is down or every connection is busy)")
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await client.withConnection { connection in
                    guard lease.start() else { throw unreachable }
                    return try await body(Database(connection: connection, logger: logger))
                }
            }
            group.addTask {
                try await Task.sleep(for: waitLimit)
                if lease.timeOut() { throw unreachable }
                return nil
            }
            while let result = try await group.next() {
                if let value = result {
                    group.cancelAll()
                    return value
                }
            }
            throw StoreError.unavailable("the database operation ended without a result")
        }
    }

    /// Connects once, so an unreachable server, a refused login or a missing database is reported
    /// at once instead of after the pool's retries.
    private static func probe(_ url: PostgresURL, logger: Logger) async throws(StoreError) {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try url.connectionConfiguration(), id: 0, logger: logger)
            try? await connection.close()
        } catch {
            throw PostgresErrorMapping.storeError(from: error, location: url.endpoint)
        }
    }
}

/// Whether an operation got its connection before its wait limit: whichever happens first wins.
final class LeaseState: @unchecked Sendable {
    // @unchecked: the only state is `state`, read and written under `lock`.
    private enum State { case waiting, started, timedOut }
    private let lock = NSLock()
    private var state = State.waiting

    /// Marks the operation started; `false` when the wait already timed out.
    func start() -> Bool {
        lock.withLock {
            guard state == .waiting else { return false }
            state = .started
            return true
        }
    }

    /// Marks the wait timed out; `false` when the operation already started.
    func timeOut() -> Bool {
        lock.withLock {
            guard state == .waiting else { return false }
            state = .timedOut
            return true
        }
    }
}

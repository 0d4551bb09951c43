import Foundation
import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

/// The embedded SQLite store: one database file in WAL mode, shared by every caller.
///
/// Readers run concurrently; writes are serialised by GRDB's writer and each runs in one
/// `BEGIN IMMEDIATE` transaction, so a change and its audit event commit together or not at all.
public final class SQLiteBackend: StoreBackend, CatalogueImporting {
    /// The identity the CLI uses to bootstrap a fresh store (`store-tui token create`): an admin
    /// named `system` that needs no account row.
    public static let systemIdentity = Identity.system

    /// How long a connection waits for another process's lock before reporting the store busy.
    public static let busyTimeout: TimeInterval = 5

    /// The database file's path.
    public let location: String
    let pool: DatabasePool
    let clock: @Sendable () -> Date

    /// Opens (creating and migrating when needed) the store at `path`.
    /// - Parameters:
    ///   - path: the database file; its directory must exist.
    ///   - clock: the store's notion of now, for release times, expiry and audit (tests pin it).
    /// - Throws: `.unavailable` when the file cannot be opened, is not a database, or is read-only.
    public init(path: String, clock: @escaping @Sendable () -> Date = Date.init) throws(StoreError) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(SQLiteBackend.busyTimeout)
        configuration.label = "store-tui"
        // GRDB's default of 5 readers queues a server's concurrent requests behind each other.
        configuration.maximumReaderCount = 8
        configuration.prepareDatabase { db in
            try SearchRanking.register(on: db)
        }
        Self.createPrivately(path)
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try Migrations.migrator.migrate(pool)
            self.pool = pool
        } catch {
            throw SQLiteErrorMapping.storeError(from: error)
        }
        self.location = path
        self.clock = clock
    }

    /// Creates an empty database file readable by its owner only (0600), when there is none yet.
    ///
    /// The store holds token hashes, idempotency records and uploads. SQLite gives its `-wal` and
    /// `-shm` files the main file's mode, so they are private too. An existing file is left as it is.
    static func createPrivately(_ path: String) {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else { return }
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
    }

    /// The default database: `$XDG_DATA_HOME/store-tui/store.sqlite`, falling back to
    /// `~/.local/share/store-tui/store.sqlite`. Creates the directory (mode 0700) when missing, and makes
    /// it 0700 when it exists.
    public static func defaultPath() -> String {
        let environment = ProcessInfo.processInfo.environment
        let base: URL
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            base = URL(fileURLWithPath: data, isDirectory: true)
        } else {
            // $HOME first (as the XDG spec says); the password database only when it is unset.
            let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0, isDirectory: true) : nil }
                ?? FileManager.default.homeDirectoryForCurrentUser
            base = home
                .appendingPathComponent(".local", isDirectory: true)
                .appendingPathComponent("share", isDirectory: true)
        }
        let directory = base.appendingPathComponent("store-tui", isDirectory: true)
        try? FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // A directory an earlier version made with the default mode becomes private too.
        _ = chmod(directory.path, 0o700)
        return directory.appendingPathComponent("store.sqlite").path
    }

    /// A service acting as `identity`.
    public func service(for identity: Identity) -> any StoreService {
        SQLiteStore(backend: self, identity: identity)
    }

    /// Whether the store holds no packages yet.
    public func isEmpty() async throws(StoreError) -> Bool {
        try await read { db in try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM packages)").orFalse }
    }

    // MARK: Database access

    /// Runs `body` in a read transaction (a consistent snapshot).
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw SQLiteErrorMapping.storeError(from: error)
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` write transaction; any thrown error rolls it all back.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw SQLiteErrorMapping.storeError(from: error)
        }
    }
}

extension Optional<Bool> {
    /// The value, or `false` when absent.
    var orFalse: Bool { self ?? false }
}

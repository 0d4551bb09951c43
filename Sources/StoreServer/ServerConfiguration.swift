import Foundation
import Logging
import StoreModels

/// How the store server listens and what it accepts.
///
/// The server keeps no state of its own: idempotency replies, the auth-failure rate limiter and
/// charmcraft uploads live in the database when the backend keeps server state (SQLite and
/// PostgreSQL do, see `ServerStateStore`), so several instances can serve one database. Uploads go
/// to ``uploadDirectory`` instead when it is set (then instances must share that directory).
public struct ServerConfiguration: Sendable {
    /// The address to bind (`127.0.0.1` keeps the server local).
    public var host: String
    /// The port to bind; `0` asks the system for a free one.
    public var port: Int
    /// The lowest level logged.
    public var logLevel: Logger.Level
    /// The largest request body accepted, in bytes (413 above it).
    public var maxBodySize: Int
    /// The longest request target (path and query) accepted, in bytes (414 above it).
    public var maxURILength: Int
    /// Failed authentications a client address may make in a burst before it gets 429.
    public var authFailureBurst: Int
    /// How many failed authentications per minute a client address earns back.
    public var authFailureRefillPerMinute: Double
    /// How long a reply to a request with an `Idempotency-Key` is kept for replay, in seconds.
    public var idempotencyTTL: Double
    /// The most idempotency records kept in memory (a backend without server state); the oldest are
    /// dropped first. Records in the database are purged by age only.
    public var idempotencyCapacity: Int
    /// The identity the public v2 API reads released revisions with, after the caller's own identity was
    /// allowed to see the package. It needs no account row; only reads are made with it.
    public var catalogueReader: Identity
    /// Where charmcraft uploads (`POST /unscanned-upload/`) are kept instead of the database: each file with
    /// a JSON sidecar that maps its upload id to the package and revision it became. Created with mode 0700
    /// when first needed. `nil` (the default) keeps uploads in the database.
    public var uploadDirectory: URL?
    /// The largest file `POST /unscanned-upload/` accepts, in bytes (413 above it).
    public var maxUploadSize: Int
    /// Seconds an anonymous public read (`/v2/…` find, info, categories) is answered from memory; `0` turns
    /// the cache off. Instances sharing a database see each other's changes after at most this long; changes
    /// made through this instance empty its cache at once. Replies say `Cache-Control: public, max-age=<this>`.
    /// Anonymous devices' refresh entries (`RefreshEntryCache`) are kept as long, and off with it.
    public var publicCacheTTL: Double = 1
    /// The most bytes of replies the public response cache keeps; the least recently used go first. The
    /// refresh entry cache has its own bound of the same size.
    public var publicCacheCapacity: Int = 16 << 20
    /// The time the public response cache reads (tests move it by hand).
    public var publicCacheClock: @Sendable () -> Date = { Date() }

    // MARK: Connections

    /// Seconds a request's head (request line and headers) may take to arrive, counted from its first
    /// byte (from the connection's opening for the first request); a slower client is disconnected.
    public var headerTimeout: Double = 10
    /// Seconds a keep-alive connection may stay open with no request in progress, and a request body
    /// may stall without a byte, before the connection is closed.
    public var idleTimeout: Double = 60
    /// The most connections open at once; more are answered 503 and closed. ``effectiveMaxConnections``
    /// lowers it to what the process's descriptor limit allows.
    public var maxConnections: Int = 1024
    /// The most connections one client address may have open at once (trusted proxies are exempt).
    public var maxConnectionsPerClient: Int = 64
    /// Peers whose `X-Forwarded-For` names the client (a reverse proxy in front of the server); the
    /// client address of every other peer is the peer's own.
    public var trustedProxies: [AddressRange] = []

    // MARK: Uploads

    /// The most uploads a publisher may keep waiting to be pushed to a package.
    public var maxPendingUploads: Int = 20
    /// The most bytes of uploads a publisher may keep waiting to be pushed.
    public var maxPendingUploadBytes: Int64 = 1 << 30
    /// The most bytes of anonymous uploads (snapcraft's) not yet pushed, from all clients together.
    public var maxAnonymousPendingUploadBytes: Int64 = 4 << 30
    /// The most entries (files) an uploaded charm file may have.
    public var maxArchiveEntries: Int = 50_000
    /// How many uploaded archives are inspected at once (each on a thread of its own).
    public var concurrentInspections: Int = 2
    /// The URL clients reach this server at (`https://store.example.com`), when it is not what their
    /// `Host` header says (a proxy rewrites it): written in snapcraft's status URLs and login macaroons.
    public var publicURL: String?
    /// The `unsquashfs` program that reads `meta/snap.yaml` out of uploaded snaps (Debian's
    /// `squashfs-tools`): a path, or a name looked up on `PATH`.
    public var unsquashfs: String = "unsquashfs"

    // MARK: Metrics

    /// Seconds between two writes of this instance's adoption figures to the database (one transaction
    /// each); a killed instance loses at most this much. `0` turns recording off.
    public var metricsFlushInterval: Double = 10
    /// Days of daily figures kept.
    public var metricsRetentionDays: Int = 400
    /// Days after which a day's device sketches are rolled up (16 times smaller, about 6.5 % error).
    public var metricsRollUpDays: Int = 35

    /// ``maxConnections``, lowered so that open connections leave 64 descriptors of the soft limit
    /// (`RLIMIT_NOFILE`) for the database, uploads and logs.
    public var effectiveMaxConnections: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return max(maxConnections, 1) }
        let allowed = Int(clamping: limit.rlim_cur) - 64
        return max(min(maxConnections, allowed), 1)
    }

    /// The default catalogue reader: a reviewer-role identity with no account.
    public static let defaultCatalogueReader = Identity(account: Identity.Account(
        id: "store-server", username: "store-server", displayName: "Store server (public catalogue)", role: .reviewer))

    /// Creates a configuration.
    /// - Parameters:
    ///   - host: the address to bind.
    ///   - port: the port to bind; `0` for any free port.
    ///   - logLevel: the lowest level logged.
    ///   - maxBodySize: the largest request body, in bytes.
    ///   - maxURILength: the longest request target, in bytes.
    ///   - authFailureBurst: failed authentications per client address before 429.
    ///   - authFailureRefillPerMinute: failed authentications earned back per minute.
    ///   - idempotencyTTL: seconds a reply is kept for replay.
    ///   - idempotencyCapacity: the most replies kept.
    ///   - catalogueReader: the identity the public API reads revisions with.
    ///   - uploadDirectory: a directory for charmcraft uploads instead of the database; `nil` for the database.
    ///   - maxUploadSize: the largest uploaded file, in bytes.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info, maxBodySize: Int = 1 << 20,
        maxURILength: Int = 8 * 1024, authFailureBurst: Int = 10, authFailureRefillPerMinute: Double = 10,
        idempotencyTTL: Double = 24 * 3600, idempotencyCapacity: Int = 10_000,
        catalogueReader: Identity = ServerConfiguration.defaultCatalogueReader,
        uploadDirectory: URL? = nil, maxUploadSize: Int = ServerConfiguration.defaultMaxUploadSize
    ) {
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.maxBodySize = maxBodySize
        self.maxURILength = maxURILength
        self.authFailureBurst = authFailureBurst
        self.authFailureRefillPerMinute = authFailureRefillPerMinute
        self.idempotencyTTL = idempotencyTTL
        self.idempotencyCapacity = idempotencyCapacity
        self.catalogueReader = catalogueReader
        self.uploadDirectory = uploadDirectory
        self.maxUploadSize = maxUploadSize
    }

    /// The default upload size cap: 200 MiB.
    public static let defaultMaxUploadSize = 200 << 20

    /// The upload directory of a backend that keeps no server state: `$XDG_DATA_HOME/store-tui/uploads`, or
    /// `~/.local/share/store-tui/uploads` when `XDG_DATA_HOME` is unset or not absolute (as the XDG spec says).
    /// - Parameter environment: the process environment to read.
    public static func defaultUploadDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let dataHome: URL
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            dataHome = home.appendingPathComponent(".local/share", isDirectory: true)
        }
        return dataHome.appendingPathComponent("store-tui/uploads", isDirectory: true)
    }
}

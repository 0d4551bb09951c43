import AsyncHTTPClient
import Foundation
import StoreModels
import StoreService

/// The store over HTTP: ``StoreService`` spoken to a `store-tui serve` server's `/api/v1` API.
///
/// Every call is one request (plus retries). Timeouts: 5 s to connect, 10 s per attempt. GETs are
/// retried with jittered exponential backoff on connection failures, timeouts, 502/503/504 and 429
/// (honouring `Retry-After`); writes carry an `Idempotency-Key` the client generates, reuse it on every
/// retry, and are retried the same way, so a retried write takes effect once. Cancelling the calling
/// task aborts the request in flight. Error responses become the same ``StoreError`` cases the server
/// started from; a server that cannot be reached is `.unreachable` with what to check.
///
/// Call ``shutdown()`` when done.
public final class HTTPStoreClient: StoreService {
    /// Timeouts, retries and limits.
    public struct Configuration: Sendable {
        /// Longest wait for a TCP connection.
        public var connectTimeout: Duration
        /// Longest wait for one attempt, connection included.
        public var requestTimeout: Duration
        /// When and how often to retry.
        public var retry: RetryPolicy
        /// The largest response body read.
        public var maxResponseSize: Int
        /// Sent as `User-Agent`.
        public var userAgent: String

        /// Creates a configuration; the defaults are 5 s to connect, 10 s per attempt, ``RetryPolicy/default``.
        public init(
            connectTimeout: Duration = .seconds(5), requestTimeout: Duration = .seconds(10), retry: RetryPolicy = .default,
            maxResponseSize: Int = 64 << 20, userAgent: String = "store-tui"
        ) {
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.retry = retry
            self.maxResponseSize = maxResponseSize
            self.userAgent = userAgent
        }
    }

    /// Who the token belongs to, as given to ``init(baseURL:token:identity:configuration:)`` or found by ``connect(baseURL:token:configuration:)``.
    public var identity: Identity { identityBox.value }
    private let identityBox: IdentityBox
    /// The server's base URL, without a trailing slash.
    public let baseURL: String
    let token: String?
    let configuration: Configuration
    let http: HTTPClient

    /// Creates a client. It makes no request until called; use ``connect(baseURL:token:configuration:)`` to
    /// check the server and learn the token's identity first.
    /// - Parameters:
    ///   - baseURL: `http://host:port` of the server (a trailing `/` is ignored).
    ///   - token: the bearer token; `nil` for anonymous calls.
    ///   - identity: who the token belongs to, reported by ``identity``.
    ///   - configuration: timeouts, retries and limits.
    public init(baseURL: String, token: String?, identity: Identity = .anonymous, configuration: Configuration = Configuration()) {
        var base = baseURL.trimmingCharacters(in: .whitespacesAndNewlines)
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.identityBox = IdentityBox(identity)
        self.configuration = configuration
        var httpConfiguration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(
                connect: .nanoseconds(Self.nanoseconds(configuration.connectTimeout)),
                read: .nanoseconds(Self.nanoseconds(configuration.requestTimeout))))
        // Our own retry loop retries connection failures; the pool's would wait out the whole deadline.
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
    }

    /// Creates a client and asks the server who the token belongs to.
    /// - Throws: `.unreachable` when the server does not answer, `.unauthenticated` for a bad token.
    public static func connect(
        baseURL: String, token: String?, configuration: Configuration = Configuration()
    ) async throws(StoreError) -> HTTPStoreClient {
        let client = HTTPStoreClient(baseURL: baseURL, token: token, configuration: configuration)
        do throws(StoreError) { client.identityBox.value = try await client.whoAmI() } catch {
            await client.shutdown()
            throw error
        }
        return client
    }

    /// Who the server says the token belongs to (anonymous without a token).
    public func whoAmI() async throws(StoreError) -> Identity {
        try await get(Identity.self, ["api", "v1", "whoami"])
    }

    /// Closes the client's connections; calls made afterwards fail. Also done (without waiting) when the
    /// client is released.
    public func shutdown() async {
        try? await http.shutdown()
    }

    deinit {
        // Shutting down twice only reports `alreadyShutdown`, which nobody needs to hear.
        http.shutdown { _ in }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}

/// The identity a client reports, set once ``HTTPStoreClient/connect(baseURL:token:configuration:)`` knows it.
private final class IdentityBox: @unchecked Sendable {
    // @unchecked: `stored` is only read and written under `lock`.
    private let lock = NSLock()
    private var stored: Identity

    init(_ identity: Identity) { stored = identity }

    var value: Identity {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

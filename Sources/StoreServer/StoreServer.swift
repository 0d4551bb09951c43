import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore
import Logging
import StoreModels
import StoreService

/// Builds the store API server over `backend`.
///
/// Serves the public device API (`/v2/…`, Snap Store and Charmhub shapes), the store's own JSON API
/// (`/api/v1/…`, what ``StoreClient`` speaks), `GET /health` and `GET /openapi.yaml`; see
/// `Sources/StoreServer/Resources/openapi.yaml` for every endpoint. The server is stateless: idempotency
/// records, auth-failure throttling and charmcraft uploads live in the backend's database when it is a
/// `ServerStateStore` (SQLite and PostgreSQL are), so several instances can serve one database. The one
/// in-memory part is the short-lived cache of anonymous public replies (``ServerConfiguration/publicCacheTTL``).
///
/// Run it with `try await app.runService()` to shut down gracefully on SIGTERM and SIGINT (in-flight
/// requests finish, new connections are refused).
/// - Parameters:
///   - backend: the store the server serves.
///   - configuration: address, limits and logging.
///   - onServerRunning: called with the bound port once the server listens (useful with port 0).
public func buildApplication(
    backend: any StoreBackend, configuration: ServerConfiguration,
    onServerRunning: (@Sendable (_ port: Int) async -> Void)? = nil
) -> some ApplicationProtocol {
    var logger = Logger(label: "store-server", metadataProvider: RequestLogMetadata.metadataProvider)
    logger.logLevel = configuration.logLevel
    let built = StoreAPI.buildRouter(backend: backend, configuration: configuration)
    let removed = StoreAPI.uploadStorage(backend: backend, configuration: configuration).removeAbandonedIncomingFiles()
    if removed > 0 { logger.notice("removed \(removed) incoming upload file(s) left by a server process that was killed") }
    let port = configuration.port
    let limits = ConnectionLimits(configuration)
    let idle = TimeAmount.milliseconds(Int64(configuration.idleTimeout * 1000))
    let server = HTTPServerBuilder { responder in
        GuardedHTTP1Channel(inner: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idle)), limits: limits)
    }
    return Application(
        router: built.router, server: server,
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
        // Stopped after the HTTP server has drained: the last requests' figures are in the final flush.
        services: built.metrics.map { [MetricsFlushService(recorder: $0)] } ?? [],
        onServerRunning: { channel in await onServerRunning?(channel.localAddress?.port ?? port) },
        logger: logger)
}

/// Everything a route needs: the backend, the authenticator and the configuration.
///
/// Route files extend it with `add…Routes(to:)`; handlers stay thin: parse, call the
/// ``StoreService`` of the caller, encode.
struct StoreAPI: Sendable {
    let backend: any StoreBackend
    let authenticator: TokenAuthenticator
    let configuration: ServerConfiguration
    /// Where uploaded archives are inspected: off the request threads, two at a time.
    let inspections: BlockingWorkPool
    /// This instance's adoption figures waiting for their flush; `nil` when recording is off.
    var metrics: MetricsRecorder? = nil
    /// Anonymous devices' refresh entries, kept as briefly as public replies (``RefreshEntryCache``); off by default.
    var refreshEntries = RefreshEntryCache(ttl: 0, capacity: 0, clock: Date.init)

    /// The router with its middleware and every route, and the list of endpoints it serves.
    static func buildRouter(
        backend: any StoreBackend, configuration: ServerConfiguration
    ) -> (router: Router<StoreRequestContext>, endpoints: [Endpoint], metrics: MetricsRecorder?) {
        let limiter = AuthFailureLimiter.serving(backend, configuration: configuration)
        let publicCache = PublicResponseCache(
            ttl: configuration.publicCacheTTL, capacity: configuration.publicCacheCapacity, clock: configuration.publicCacheClock)
        // As long-lived and as large as the public cache, and off with it.
        let refreshEntries = RefreshEntryCache(
            ttl: configuration.publicCacheTTL, capacity: configuration.publicCacheCapacity, clock: configuration.publicCacheClock)
        let api = StoreAPI(
            backend: backend, authenticator: TokenAuthenticator(backend: backend, limiter: limiter), configuration: configuration,
            inspections: BlockingWorkPool(limit: configuration.concurrentInspections),
            metrics: MetricsRecorder.serving(backend, configuration: configuration), refreshEntries: refreshEntries)
        let routes = RouteTable()
        api.addHealthRoutes(to: routes)
        api.addPublicRoutes(to: routes, cache: publicCache)
        api.addAPIRoutes(to: routes)
        api.addAdminRoutes(to: routes)
        api.addCharmcraftRoutes(to: routes)
        api.addDeviceRoutes(to: routes)
        api.addSnapcraftRoutes(to: routes)

        let router = Router(context: StoreRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestIDMiddleware(trustedProxies: configuration.trustedProxies))
        router.add(middleware: ErrorEnvelopeMiddleware(index: EndpointIndex(endpoints: routes.endpoints)))
        router.add(middleware: RequestLimitsMiddleware(
            maxURILength: configuration.maxURILength, maxBodySize: configuration.maxBodySize,
            bodyLimits: StoreAPI.uploadBodyLimits(configuration)))
        router.add(middleware: CacheInvalidationMiddleware(caches: [publicCache, refreshEntries]))
        let idempotency = IdempotencyStore.serving(backend, configuration: configuration)
        routes.install(on: router, idempotency: idempotency, authenticator: api.authenticator, maxBodySize: configuration.maxBodySize)
        return (router, routes.endpoints, api.metrics)
    }

    /// The service acting as `identity`.
    func service(for identity: Identity) -> any StoreService { backend.service(for: identity) }
}

import Hummingbird

/// A cache of this instance that a change made through it must empty at once.
protocol ChangeInvalidatedCache: Sendable {
    /// Whether it keeps anything at all.
    var isEnabled: Bool { get }
    /// Forgets everything kept, and anything being computed.
    func invalidate()
}

extension PublicResponseCache: ChangeInvalidatedCache {}
extension RefreshEntryCache: ChangeInvalidatedCache {}

/// Empties the ``PublicResponseCache`` (and the ``RefreshEntryCache``) after every request that may have changed the store: any method
/// but `GET`, `HEAD` and `OPTIONS` whose reply is not an error (4xx/5xx), or that threw, except the
/// ``readOnlyPaths`` (queries sent as POST: device refreshes, lookups, device sessions).
///
/// One place for every mutating route (`/api/v1`, admin, charmcraft), so a release, close, upload, review
/// or moderation made through this instance shows in its public replies at once. The cache is emptied after
/// the change committed; a computation that started before is not kept (see ``PublicResponseCache/invalidate()``).
struct CacheInvalidationMiddleware: RouterMiddleware {
    typealias Context = StoreRequestContext

    /// The caches to empty.
    let caches: [any ChangeInvalidatedCache]

    /// POST routes that change nothing the public replies show: a device's refresh (the heaviest
    /// traffic) must not empty the cache its finds and infos are served from.
    static let readOnlyPaths: Set<String> = [
        "/v2/snaps/refresh", "/v2/charms/refresh", "/api/v1/packages/lookup", "/v1/charm/libraries/bulk",
        "/api/v1/snaps/auth/nonces", "/api/v1/snaps/auth/sessions",
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch request.method {
        case .get, .head, .options:
            return try await next(request, context)
        case .post where Self.readOnlyPaths.contains(request.uri.path):
            return try await next(request, context)
        default:
            guard caches.contains(where: \.isEnabled) else { return try await next(request, context) }
            let response: Response
            do { response = try await next(request, context) } catch {
                invalidate()
                throw error
            }
            if response.status.code < 400 { invalidate() }
            return response
        }
    }

    private func invalidate() {
        for cache in caches { cache.invalidate() }
    }
}

import Hummingbird

/// Empties the ``PublicResponseCache`` after every request that may have changed the store: any method
/// but `GET`, `HEAD` and `OPTIONS` whose reply is not an error (4xx/5xx), or that threw, except the
/// ``readOnlyPaths`` (queries sent as POST: device refreshes, lookups, device sessions).
///
/// One place for every mutating route (`/api/v1`, admin, charmcraft), so a release, close, upload, review
/// or moderation made through this instance shows in its public replies at once. The cache is emptied after
/// the change committed; a computation that started before is not kept (see ``PublicResponseCache/invalidate()``).
struct CacheInvalidationMiddleware: RouterMiddleware {
    typealias Context = StoreRequestContext

    let cache: PublicResponseCache

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
            guard cache.isEnabled else { return try await next(request, context) }
            let response: Response
            do { response = try await next(request, context) } catch {
                cache.invalidate()
                throw error
            }
            if response.status.code < 400 { cache.invalidate() }
            return response
        }
    }
}

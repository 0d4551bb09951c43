import Hummingbird

/// Empties the ``PublicResponseCache`` after every request that may have changed the store: any method
/// but `GET`, `HEAD` and `OPTIONS` whose reply is not an error (4xx/5xx), or that threw.
///
/// One place for every mutating route (`/api/v1`, admin, charmcraft), so a release, close, upload, review
/// or moderation made through this instance shows in its public replies at once. The cache is emptied after
/// the change committed; a computation that started before is not kept (see ``PublicResponseCache/invalidate()``).
struct CacheInvalidationMiddleware: RouterMiddleware {
    typealias Context = StoreRequestContext

    let cache: PublicResponseCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch request.method {
        case .get, .head, .options:
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

import Hummingbird

/// Turns whatever escapes a route (or finds no route) into the error envelope.
///
/// The router answers an unknown path, and a known path with a method it does not serve, with a bare
/// 404; this middleware tells the two apart with the ``EndpointIndex`` and answers 404 `not-found` or
/// 405 `method-not-allowed` with an `Allow` header.
struct ErrorEnvelopeMiddleware: RouterMiddleware {
    typealias Context = StoreRequestContext

    let index: EndpointIndex

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            let allowed = index.allowedMethods(forPath: path)
            if allowed.isEmpty { return HTTPFailure.noRoute(method: request.method, path: path).apiResponse.response }
            return HTTPFailure.methodNotAllowed(request.method, path: path, allowed: allowed).apiResponse.response
        } catch {
            return HTTPFailure(error, logger: context.logger).apiResponse.response
        }
    }
}

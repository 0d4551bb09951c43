import Foundation
import Hummingbird
import StoreService

/// A handler: reads the request, returns the response to send. Errors it throws become the
/// error envelope (see ``HTTPFailure``).
typealias RouteHandler = @Sendable (Request, StoreRequestContext) async throws -> APIResponse

/// Who a route serves, and so how its request's credentials are checked before the handler runs
/// (the handler then reads ``StoreRequestContext/identity``).
enum RouteAccess: Sendable {
    /// Anyone; credentials are not even looked at (health, the OpenAPI document).
    case open
    /// The public catalogue: credentials that do not check out are ignored (the reply is anonymous,
    /// as the device API does for stale snapd sessions), though they still count as failures.
    case catalogue
    /// Anyone, as who their credentials say; credentials that do not check out are 401 (429 when
    /// the address keeps failing).
    case identified
}

/// The routes the server serves, collected before they are installed on the router.
///
/// Route files add to it (`addPublicRoutes(to:)`, `addAPIRoutes(to:)`, `addAdminRoutes(to:)`,
/// `addCharmcraftRoutes(to:)`); ``install(on:idempotency:maxBodySize:)`` then registers every route
/// after the middleware, wrapping each handler so that errors become the envelope and requests
/// carrying an `Idempotency-Key` are replayed (to callers whose credentials still check out). ``endpoints`` is what the OpenAPI test compares with
/// `Sources/StoreServer/Resources/openapi.yaml`.
final class RouteTable {
    private var routes: [(endpoint: Endpoint, method: HTTPRequest.Method, handler: RouteHandler, replays: Bool, access: RouteAccess, errors: ErrorStyle)] = []

    /// Every endpoint added so far, in the order added.
    var endpoints: [Endpoint] { routes.map(\.endpoint) }

    /// Adds a route.
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - path: the path template, `{name}` for a parameter.
    ///   - access: how the request's credentials are checked before `handler` runs.
    ///   - replaysIdempotently: whether a mutating request with an `Idempotency-Key` is replayed; `false`
    ///     for file uploads, whose bodies are streamed to storage instead of held for a fingerprint (a
    ///     retried upload simply makes another upload id).
    ///   - errors: the envelope errors are answered in.
    ///   - handler: builds the response.
    func add(
        _ method: HTTPRequest.Method, _ path: String, access: RouteAccess = .identified, replaysIdempotently: Bool = true,
        errors: ErrorStyle = .standard, handler: @escaping RouteHandler
    ) {
        precondition(!routes.contains { $0.endpoint == Endpoint(method: method.rawValue, path: path) }, "duplicate route \(method) \(path)")
        routes.append((Endpoint(method: method.rawValue, path: path), method, handler, replaysIdempotently, access, errors))
    }

    /// Registers every route on `router`; call after adding the router's middleware.
    /// - Parameters:
    ///   - router: the router.
    ///   - idempotency: the store replaying requests with an `Idempotency-Key`.
    ///   - authenticator: checks each request's credentials (as its route's ``RouteAccess`` says) before
    ///     its handler runs or any reply is replayed to it.
    ///   - maxBodySize: the largest body read to fingerprint a request.
    func install(
        on router: Router<StoreRequestContext>, idempotency: IdempotencyStore, authenticator: TokenAuthenticator, maxBodySize: Int
    ) {
        for route in routes {
            let handler = route.handler
            let access = route.access
            let style = route.errors
            let replays = route.replays && [.post, .put, .patch, .delete].contains(route.method)
            // Built once per route, not per request.
            let styled: RouteHandler = style == .standard ? handler : { @Sendable request, context in
                do { return try await handler(request, context) } catch {
                    return HTTPFailure(error, logger: context.logger).apiResponse(style)
                }
            }
            router.on(RouterPath(route.endpoint.path), method: route.method) { request, context -> Response in
                var context = context
                do {
                    context.identity = try await authenticator.identity(of: request, context: context, for: access)
                } catch {
                    return HTTPFailure(error, logger: context.logger).apiResponse(style).response
                }
                if replays, let key = request.headers[.idempotencyKey] {
                    return await idempotency.respond(to: request, context: context, key: key, maxBodySize: maxBodySize, handler: styled)
                        .response
                }
                return await RouteTable.run(styled, request: request, context: context).response
            }
        }
    }

    /// Runs a handler, turning anything it throws into the error envelope.
    static func run(_ handler: RouteHandler, request: Request, context: StoreRequestContext) async -> APIResponse {
        do {
            return try await handler(request, context)
        } catch {
            return HTTPFailure(error, logger: context.logger).apiResponse
        }
    }
}

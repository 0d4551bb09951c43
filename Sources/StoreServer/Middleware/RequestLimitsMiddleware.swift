import Hummingbird

/// Refuses requests over the size limits before any route reads them: a request target longer than
/// ``maxURILength`` (414) and a declared `Content-Length` above ``maxBodySize`` (413). Bodies sent
/// without a length are cut off at the same limit when read. Paths in ``bodyLimits`` (file uploads) have
/// their own, larger limit, which their handler enforces again while streaming.
struct RequestLimitsMiddleware: RouterMiddleware {
    typealias Context = StoreRequestContext

    let maxURILength: Int
    let maxBodySize: Int
    /// Body limits of particular paths, overriding ``maxBodySize``.
    var bodyLimits: [String: Int] = [:]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.string.utf8.count > maxURILength {
            return HTTPFailure.uriTooLong(limit: maxURILength).apiResponse.response
        }
        let limit = bodyLimits[request.uri.path] ?? maxBodySize
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            return HTTPFailure.payloadTooLarge(limit: limit).apiResponse.response
        }
        return try await next(request, context)
    }
}

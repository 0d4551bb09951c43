import Hummingbird

/// Refuses requests over the size limits before any route reads them: a request target longer than
/// ``maxURILength`` (414) and a declared `Content-Length` above ``maxBodySize`` (413). Bodies sent
/// without a length are cut off at the same limit when read.
struct RequestLimitsMiddleware: RouterMiddleware {
    typealias Context = StoreRequestContext

    let maxURILength: Int
    let maxBodySize: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.string.utf8.count > maxURILength {
            return HTTPFailure.uriTooLong(limit: maxURILength).apiResponse.response
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodySize {
            return HTTPFailure.payloadTooLarge(limit: maxBodySize).apiResponse.response
        }
        return try await next(request, context)
    }
}

import Hummingbird
import StoreService

extension StoreError {
    /// The single mapping from a store error to its HTTP answer.
    ///
    /// Status and `error-list` entry come from the table shared with the client
    /// (``StoreError/httpStatus`` and ``StoreError/apiErrorItem`` in StoreService), so a client
    /// rebuilds the same case. Extra headers: `Retry-After` on 429 and 503, `WWW-Authenticate` on 401,
    /// and the current `ETag` on a stale channel map (412).
    var httpFailure: HTTPFailure {
        var headers: HTTPFields = [:]
        if let seconds = retryAfterSeconds { headers[.retryAfter] = String(seconds) }
        switch self {
        case .unauthenticated: headers[.wwwAuthenticate] = #"Bearer realm="store-tui""#
        case .staleChannelMap(_, let actual, _): headers[.eTag] = ChannelMapETag.string(for: actual)
        default: break
        }
        let status = HTTPResponse.Status(code: httpStatus)
        let item = apiErrorItem
        return HTTPFailure(status, code: item.code, message: item.message, extra: item.extra, headers: headers)
    }
}

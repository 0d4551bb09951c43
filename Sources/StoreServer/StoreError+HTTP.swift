import Hummingbird
import Logging
import StoreAPI
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

extension StoreError {
    /// The answer a client gets: ``httpFailure``, except that a server-side failure (5xx) carries no
    /// internal detail (a database's message, SQL, a file path, a Swift error's description). It says
    /// what happened in a stable sentence with the request id; the detail goes to `logger` under that id.
    func publicFailure(logger: Logger?) -> HTTPFailure {
        guard httpStatus >= 500, !isCancellation else { return httpFailure }
        let requestID = RequestLogMetadata.requestID ?? logger.flatMap { logger -> String? in
            if case .string(let id) = logger[metadataKey: "request.id"] { return id }
            return nil
        }
        let reference = requestID.map { "request \($0)" } ?? "no request id"
        switch self {
        case .unavailable, .unreachable:
            logger?.warning("store unavailable", metadata: ["error": "\(self)"])
            var failure = StoreError.unavailable(reference).httpFailure
            failure.headers = httpFailure.headers
            return failure
        default:
            logger?.error("store failure", metadata: ["error": "\(self)"])
            let message = "the store failed to handle the request; the operators can find what happened in its log under the request id"
            return StoreError.server(status: httpStatus, message: message, requestID: requestID).httpFailure
        }
    }
}

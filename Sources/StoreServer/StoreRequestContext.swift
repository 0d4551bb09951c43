import Hummingbird
import Logging

/// What the server knows about a request besides the request itself.
struct StoreRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The request id: the client's `X-Request-Id` when usable, generated otherwise; set by ``RequestIDMiddleware``.
    var requestID: String
    /// The address of the connection's other end; `unknown` when the transport has none.
    let peerAddress: String
    /// The client's IP address (the rate limiter's key): the peer's, or what `X-Forwarded-For` says when
    /// the peer is a trusted proxy; set by ``RequestIDMiddleware``.
    var clientAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        requestID = ""
        peerAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        clientAddress = peerAddress
    }
}

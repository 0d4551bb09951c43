import Hummingbird
import Logging

/// What the server knows about a request besides the request itself.
struct StoreRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The request id: the client's `X-Request-Id` when usable, generated otherwise; set by ``RequestIDMiddleware``.
    var requestID: String
    /// The peer's IP address (the rate limiter's key); `unknown` when the transport has none.
    let clientAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        requestID = ""
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

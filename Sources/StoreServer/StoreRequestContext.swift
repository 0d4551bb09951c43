import Hummingbird
import Logging
import StoreModels
import StoreService

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
    /// The caller, as the route table authenticated them before the handler ran (see ``RouteAccess``).
    var identity: Identity = .anonymous

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        requestID = ""
        peerAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        clientAddress = peerAddress
    }
}

extension StoreRequestContext {
    /// The caller, who must be logged in to do `action`.
    /// - Throws: `.unauthenticated` ("Log in to …") when the request came anonymously.
    func account(toDo action: String) throws(StoreError) -> Identity {
        if identity.isAnonymous { throw .unauthenticated("Log in to \(action)") }
        return identity
    }
}

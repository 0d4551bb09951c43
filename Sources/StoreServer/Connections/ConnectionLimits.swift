import NIOConcurrencyHelpers

/// The open connections of a server: how many in all and per client address, with the caps that
/// keep one client from taking every descriptor.
///
/// Shared by every connection of one server (a lock around two counters); each connection asks
/// ``admit(client:)`` when it opens and calls ``release(client:)`` when it closes.
final class ConnectionLimits: Sendable {
    /// The most connections open at once.
    let maximum: Int
    /// The most connections one client address may have open at once.
    let maximumPerClient: Int
    /// Peers exempt from the per-client cap (reverse proxies carry many clients).
    let trustedProxies: [AddressRange]
    /// Seconds a request's head may take (see ``ServerConfiguration/headerTimeout``).
    let headerTimeout: Double

    private struct Counts {
        var total = 0
        var perClient: [String: Int] = [:]
    }

    private let counts = NIOLockedValueBox(Counts())

    /// Creates the limits of a server.
    init(maximum: Int, maximumPerClient: Int, trustedProxies: [AddressRange], headerTimeout: Double) {
        self.maximum = max(maximum, 1)
        self.maximumPerClient = max(maximumPerClient, 1)
        self.trustedProxies = trustedProxies
        self.headerTimeout = headerTimeout
    }

    /// The limits `configuration` asks for.
    convenience init(_ configuration: ServerConfiguration) {
        self.init(
            maximum: configuration.effectiveMaxConnections, maximumPerClient: configuration.maxConnectionsPerClient,
            trustedProxies: configuration.trustedProxies, headerTimeout: configuration.headerTimeout)
    }

    /// Why a connection may not open.
    enum Refusal: Equatable {
        case serverFull
        case clientFull
    }

    /// Counts a new connection from `client`, or says which cap it would break (then nothing is counted).
    func admit(client: String) -> Refusal? {
        let exempt = ClientAddress.isTrusted(client, trustedProxies)
        return counts.withLockedValue { counts in
            if counts.total >= maximum { return .serverFull }
            let mine = counts.perClient[client, default: 0]
            if !exempt, mine >= maximumPerClient { return .clientFull }
            counts.total += 1
            counts.perClient[client] = mine + 1
            return nil
        }
    }

    /// Forgets a connection ``admit(client:)`` counted.
    func release(client: String) {
        counts.withLockedValue { counts in
            counts.total -= 1
            let left = counts.perClient[client, default: 1] - 1
            counts.perClient[client] = left > 0 ? left : nil
        }
    }
}

import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSH
import StoreServer
import StoreService

/// The console over SSH: `ssh -p PORT host` opens a console as the account whose key the client
/// offers, each session in a console process of its own on its own pty, talking to the store over the
/// HTTP server's loopback address with a token that lives as long as the session.
public final class SSHConsoleServer: Sendable {
    /// The port it listens on (the one chosen, when asked for 0).
    public let port: Int
    private let channel: any NIOCore.Channel
    private let registry: SessionRegistry

    private init(port: Int, channel: any NIOCore.Channel, registry: SessionRegistry) {
        self.port = port
        self.channel = channel
        self.registry = registry
    }

    /// Sessions open now.
    public var openSessions: Int { registry.open }

    /// Starts listening.
    /// - Parameters:
    ///   - authority: the backend's keys and session audit.
    ///   - system: the store as the system, which mints and revokes session tokens.
    ///   - limiter: the HTTP API's failed-authentication limiter (shared through the database).
    public static func start(
        configuration: SSHConsoleConfiguration, authority: any SSHKeyAuthenticating, system: any StoreService,
        limiter: AuthFailureLimiter, logger: Logger
    ) async throws -> SSHConsoleServer {
        let registry = SessionRegistry(maxTotal: configuration.maxSessions, maxPerOwner: configuration.maxSessionsPerAccount)
        let context = ConsoleSession.Context(
            configuration: configuration, authority: authority, system: system, registry: registry, logger: logger)
        let hostKey = configuration.hostKey.nioKey
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socket(SocketOptionLevel(SOL_SOCKET), SO_REUSEADDR), value: 1)
            .childChannelOption(ChannelOptions.socket(SocketOptionLevel(IPPROTO_TCP), TCP_NODELAY), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let peer = channel.remoteAddress?.ipAddress ?? "unknown"
                    let login = ConnectionLogin(peer: peer)
                    let authenticator = SSHKeyAuthenticator(
                        authority: authority, limiter: limiter, allowAnonymous: configuration.allowAnonymous, login: login)
                    var server = SSHServerConfiguration(hostKeys: [hostKey], userAuthDelegate: authenticator)
                    server.maxAuthAttempts = 20
                    let handler = NIOSSHHandler(
                        role: .server(server), allocator: channel.allocator,
                        inboundChildChannelInitializer: { child, type in
                            sessionChannel(child, type, login: login, context: context)
                        })
                    try channel.pipeline.syncOperations.addHandler(handler)
                    try channel.pipeline.syncOperations.addHandler(ConnectionErrorHandler(logger: logger))
                }
            }
        let channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        return SSHConsoleServer(port: channel.localAddress?.port ?? configuration.port, channel: channel, registry: registry)
    }

    /// Session channels get a console; port forwarding and every other channel type are refused.
    private static func sessionChannel(
        _ channel: any NIOCore.Channel, _ type: SSHChannelType, login: ConnectionLogin, context: ConsoleSession.Context
    ) -> EventLoopFuture<Void> {
        guard case .session = type else {
            return channel.eventLoop.makeFailedFuture(SSHServerError.console("only session channels are served"))
        }
        // The client closing its input (`ssh -tt … </dev/null`) must not end the session before it is told why.
        return channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true).flatMapThrowing {
            let handler = SSHSessionHandler(idleTimeout: context.configuration.idleTimeout) { channel in
                guard let current = login.login else { return nil }
                return ConsoleSession(context: context, channel: channel, login: current, peer: login.peer)
            }
            try channel.pipeline.syncOperations.addHandler(handler)
        }
    }

    /// Stops listening (open sessions go on until they end).
    public func shutdown() async {
        try? await channel.close()
    }
}

/// Closes a connection whose SSH layer failed (a bad packet, a refused authentication).
private final class ConnectionErrorHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = Any
    let logger: Logger

    init(logger: Logger) { self.logger = logger }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("ssh connection closed", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }
}

import Foundation
import NIOCore
import NIOSSH

/// One SSH session channel: takes the pty and environment requests, starts the console on `shell`,
/// relays keys and window changes, refuses `exec` and subsystems, and closes idle sessions.
final class SSHSessionHandler: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData

    private let makeSession: @Sendable (any NIOCore.Channel) -> ConsoleSession?
    private let idleTimeout: TimeInterval
    private var term: String?
    private var size = WindowSize(columns: 80, rows: 24)
    private var environment: [String: String] = [:]
    private var session: ConsoleSession?
    private var idleTimer: Scheduled<Void>?

    init(idleTimeout: TimeInterval, makeSession: @escaping @Sendable (any NIOCore.Channel) -> ConsoleSession?) {
        self.idleTimeout = idleTimeout
        self.makeSession = makeSession
    }

    func handlerAdded(context: ChannelHandlerContext) {
        resetIdleTimer(context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            term = request.term
            size = WindowSize(columns: request.terminalCharacterWidth, rows: request.terminalRowHeight)
            reply(request.wantReply, true, context)
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            let honoured = SSHConsoleConfiguration.honouredEnvironment.contains(request.name) && request.value.utf8.count <= 256
            if honoured { environment[request.name] = request.value }
            reply(request.wantReply, honoured, context)
        case let request as SSHChannelRequestEvent.ShellRequest:
            startConsole(wantReply: request.wantReply, context: context)
        case let request as SSHChannelRequestEvent.ExecRequest:
            refuse("this server runs only the console; commands are refused (connect without one)", request.wantReply, context)
        case let request as SSHChannelRequestEvent.SubsystemRequest:
            refuse("subsystems (such as sftp) are refused; this server runs only the console", request.wantReply, context)
        case let request as SSHChannelRequestEvent.WindowChangeRequest:
            size = WindowSize(columns: request.terminalCharacterWidth, rows: request.terminalRowHeight)
            session?.resize(size)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .channel = message.type, case .byteBuffer(var buffer) = message.data,
              let bytes = buffer.readBytes(length: buffer.readableBytes) else { return }
        resetIdleTimer(context: context)
        session?.input(bytes)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        session?.writabilityChanged()
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        session?.end(.disconnected)
        context.fireChannelInactive()
    }

    private func startConsole(wantReply: Bool, context: ChannelHandlerContext) {
        guard session == nil else { return reply(wantReply, false, context) }
        guard let term else {
            return refuse("the console needs a terminal; connect with ssh -t", wantReply, context)
        }
        guard let session = makeSession(context.channel) else {
            return refuse("not logged in", wantReply, context)
        }
        self.session = session
        reply(wantReply, true, context)
        let (size, environment) = (size, environment)
        Task { await session.start(term: term, size: size, environment: environment) }
    }

    /// Refuses a request with `reason` on the client's standard error and exit status 1. The request
    /// itself is answered with success when no console runs yet: OpenSSH exits at once on a failed
    /// `exec` and would not print the reason.
    private func refuse(_ reason: String, _ wantReply: Bool, _ context: ChannelHandlerContext) {
        let closing = session == nil
        reply(wantReply, closing, context)
        SSHChannelOutput.message("store-tui: \(reason)\r\n", to: context.channel, stderr: true)
        if closing { SSHChannelOutput.exit(status: 1, channel: context.channel) }
    }

    private func reply(_ wantReply: Bool, _ success: Bool, _ context: ChannelHandlerContext) {
        guard wantReply else { return }
        let event: Any = success ? ChannelSuccessEvent() : ChannelFailureEvent()
        context.triggerUserOutboundEvent(event, promise: nil)
    }

    private func resetIdleTimer(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        let channel = context.channel
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        idleTimer = context.eventLoop.scheduleTask(in: .milliseconds(Int64(idleTimeout * 1000))) {
            if let session = bound.value.session {
                session.end(.idle)
            } else {
                SSHChannelOutput.message("store-tui: closed after \(Int(bound.value.idleTimeout)) s without a console\r\n", to: channel, stderr: true)
                channel.close(promise: nil)
            }
        }
    }
}

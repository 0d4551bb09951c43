import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// Hummingbird's HTTP/1 channel with the guards a public server needs: connection caps and a
/// header-read timeout (slowloris). Hummingbird's own idle timeout (``ServerConfiguration/idleTimeout``)
/// closes keep-alive connections left idle and bodies that stall.
///
/// Two handlers watch each connection, sharing one ``HeaderDeadline``: ``RawConnectionGuard`` first in
/// the pipeline (it counts the connection against ``ConnectionLimits``, answers 503 over a cap, and
/// sees the first byte of each request) and ``RequestPhaseWatcher`` after the HTTP decoder (it sees
/// each request's head arrive and each response end).
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let limits: ConnectionLimits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let deadline = HeaderDeadline(timeout: .milliseconds(Int64(limits.headerTimeout * 1000)))
        let watch = NIOLoopBound(deadline, eventLoop: channel.eventLoop)
        do {
            try channel.pipeline.syncOperations.addHandler(RawConnectionGuard(limits: limits, deadline: deadline), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let state = try operations.handler(type: HTTPConnectionStateHandler.self)
            try operations.addHandler(RequestPhaseWatcher(deadline: watch.value), position: .before(state))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// When the head of the request a connection waits for is due; closes the connection once it is late.
///
/// A head is due ``timeout`` after the connection opens (its first request) and after the first byte
/// of each later request; it stops being due when the head has arrived. While a request is in
/// flight (its body, its handling, its response) no head is due.
///
/// The timer is armed only when a read ends with a head still missing (``readEnded(_:)``): a head
/// that arrives whole in one read, as nearly every one does, costs a clock read and no timer.
final class HeaderDeadline {
    let timeout: TimeAmount
    private var requestsInFlight = 0
    private var isWaitingForHead = false
    /// When the head now awaited became due (the connection's opening, or its first byte).
    private var dueFrom = NIODeadline.now()
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    /// The connection opened: its first head is due.
    func opened(_ context: ChannelHandlerContext) {
        isWaitingForHead = true
        dueFrom = .now()
        arm(context)
    }

    /// Bytes arrived: when no request is in flight, they begin the next head, which is now due.
    func bytesArrived() {
        guard requestsInFlight == 0, !isWaitingForHead else { return }
        isWaitingForHead = true
        dueFrom = .now()
    }

    /// A read ended (every byte of it went through the decoder): a head still missing gets its timer.
    func readEnded(_ context: ChannelHandlerContext) {
        if isWaitingForHead, timer == nil { arm(context) }
    }

    /// A request's head arrived.
    func headArrived() {
        requestsInFlight += 1
        isWaitingForHead = false
        timer?.cancel()
        timer = nil
    }

    /// A response was sent in full.
    func responseFinished() {
        requestsInFlight = max(requestsInFlight - 1, 0)
    }

    /// The connection closed.
    func closed() {
        timer?.cancel()
        timer = nil
    }

    private func arm(_ context: ChannelHandlerContext) {
        timer?.cancel()
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(deadline: dueFrom + timeout) {
            channel.close(promise: nil)
        }
    }
}

/// First in a connection's pipeline: admits it under ``ConnectionLimits`` (or answers 503 and closes
/// it) and tells the ``HeaderDeadline`` when bytes arrive.
final class RawConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let limits: ConnectionLimits
    private let deadline: HeaderDeadline
    private var client: String?
    private var isRefused = false

    init(limits: ConnectionLimits, deadline: HeaderDeadline) {
        self.limits = limits
        self.deadline = deadline
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { admit(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        admit(context)
        if !isRefused { context.fireChannelActive() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let client {
            limits.release(client: client)
            self.client = nil
        }
        deadline.closed()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isRefused else { return }
        deadline.bytesArrived()
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        deadline.readEnded(context)
        context.fireChannelReadComplete()
    }

    private func admit(_ context: ChannelHandlerContext) {
        guard client == nil, !isRefused else { return }
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        if let refusal = limits.admit(client: address) {
            isRefused = true
            let reply = Self.refusal(refusal)
            context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: reply)), promise: nil)
            context.close(promise: nil)
            return
        }
        client = address
        deadline.opened(context)
    }

    /// The whole reply to a connection over a cap: 503 in the error envelope, then the connection closes.
    static func refusal(_ refusal: ConnectionLimits.Refusal) -> String {
        let message = switch refusal {
        case .serverFull: "The server has as many connections open as it accepts; try again in a moment."
        case .clientFull: "Your address has as many connections open as the server accepts from one client; close some and try again."
        }
        let body = #"{"error-list":[{"code":"too-many-connections","message":"\#(message)"}]}"#
        return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Retry-After: 1\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n" + body
    }
}

/// After the HTTP decoder: tells the ``HeaderDeadline`` when a request's head arrives and when its
/// response has been sent.
final class RequestPhaseWatcher: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let deadline: HeaderDeadline

    init(deadline: HeaderDeadline) {
        self.deadline = deadline
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { deadline.headArrived() }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { deadline.responseFinished() }
        context.write(data, promise: promise)
    }
}

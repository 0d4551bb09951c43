import Foundation
import Hummingbird
import Logging

/// The outermost middleware: gives every request an id (bound as ``RequestLogMetadata/requestID`` while the
/// request is served, so every line logged meanwhile carries it), finds its client address, logs one line per
/// request, and stamps the headers every response carries (`X-Request-Id`, `Snap-Store-Version`,
/// `X-Content-Type-Options: nosniff`, and `Cache-Control: private, no-store` on the reply to a request
/// that carried credentials, so no shared cache keeps what one caller was allowed to see).
///
/// The client address is the peer's, or the one `X-Forwarded-For` gives when the peer is one of
/// ``trustedProxies`` (see ``ClientAddress/resolve(peer:forwardedFor:trusted:)``).
///
/// A client's `X-Request-Id` is kept when it is 1–128 characters of `A–Z a–z 0–9 . _ : -` (anything
/// else could forge log lines) and generated otherwise. The log line has the method, path, status,
/// duration and client address; never the query, headers or body, so tokens cannot leak into logs.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = StoreRequestContext

    /// Reverse proxies whose `X-Forwarded-For` is believed.
    var trustedProxies: [AddressRange] = []

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if !trustedProxies.isEmpty {
            context.clientAddress = ClientAddress.resolve(
                peer: context.peerAddress, forwardedFor: request.headers[values: .xForwardedFor], trusted: trustedProxies)
        }
        let id = request.headers[.requestID].flatMap(Self.usable) ?? Self.generate()
        context.requestID = id
        let start = ContinuousClock.now
        let served = context
        var response = await RequestLogMetadata.$requestID.withValue(id) { () async -> Response in
            do {
                return try await next(request, served)
            } catch {
                return HTTPFailure(error, logger: served.logger).apiResponse.response
            }
        }
        response.headers[.requestID] = id
        response.headers[.snapStoreVersion] = "69"
        response.headers[.xContentTypeOptions] = "nosniff"
        if request.headers[.authorization] != nil { response.headers[.cacheControl] = "private, no-store" }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let path = Self.loggable(path: request.uri.path)
        context.logger.log(
            level: response.status.code >= 500 ? .error : .info, "\(request.method.rawValue) \(path) \(response.status.code)",
            metadata: [
                "request.id": .string(id), "http.method": .string(request.method.rawValue), "http.path": .string(path),
                "http.status": .stringConvertible(response.status.code), "duration_ms": .string(String(format: "%.1f", milliseconds)),
                "client": .string(context.clientAddress),
            ])
        return response
    }

    /// Paths whose last segment is a capability (an anonymous upload's id: whoever has it may push
    /// the file), logged without it.
    static let capabilityPaths = ["/dev/api/snap-status/"]

    /// `path` as the access log writes it: a capability segment becomes `…`.
    static func loggable(path: String) -> String {
        for prefix in capabilityPaths where path.hasPrefix(prefix) && path.count > prefix.count { return prefix + "…" }
        return path
    }

    /// The id when it is safe to log and echo.
    static func usable(_ text: String) -> String? {
        guard (1...128).contains(text.utf8.count) else { return nil }
        let allowed = text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == 0x2E || byte == 0x5F || byte == 0x3A || byte == 0x2D
        }
        return allowed ? text : nil
    }

    /// A fresh id: 16 lower-case hex digits from the system generator.
    static func generate() -> String {
        let value = UInt64.random(in: .min ... .max)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

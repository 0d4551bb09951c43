import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import StoreAPI
import StoreModels
import StoreService

/// One logical call: what to send, before retries.
struct APICall: Sendable {
    var method: HTTPMethod
    /// Path segments, unencoded (`["api", "v1", "packages", "hello"]`).
    var segments: [String]
    var query: [(String, String)] = []
    var body: Data?
    /// The body's media type.
    var contentType = "application/json"
    var headers: [(String, String)] = []

    /// Whether repeating the call cannot change the outcome (writes are made so with an idempotency key).
    var isSafe: Bool { method == .GET || method == .HEAD }
}

/// A response read in full.
struct APIReply: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: ByteBuffer
}

extension HTTPStoreClient {
    // MARK: Calls

    func get<Value: Decodable>(_ type: Value.Type, _ segments: [String], query: [(String, String?)] = []) async throws(StoreError) -> Value {
        let call = APICall(method: .GET, segments: segments, query: query.compactMap { name, value in value.map { (name, $0) } })
        return try decode(type, from: try await perform(call))
    }

    func send<Body: Encodable, Value: Decodable>(
        _ method: HTTPMethod, _ segments: [String], body: Body?, headers: [(String, String)] = [], as type: Value.Type
    ) async throws(StoreError) -> Value {
        var call = APICall(method: method, segments: segments, headers: headers)
        if let body {
            do { call.body = try APICoding.makeEncoder().encode(body) } catch {
                throw .invalidInput("cannot encode the request: \(error)")
            }
        }
        return try decode(type, from: try await perform(call))
    }

    // MARK: Transport

    /// Sends `call`, retrying as ``RetryPolicy`` says; returns the first 2xx reply.
    /// - Throws: the ``StoreError`` an error reply describes, or `.unreachable` when no reply came.
    func perform(_ call: APICall) async throws(StoreError) -> APIReply {
        guard let request = makeRequest(call) else {
            throw .unreachable("'\(baseURL)' is not a store URL; use http://host:port or https://host")
        }
        let policy = configuration.retry
        var attempt = 0
        while true {
            attempt += 1
            let outcome: Result<APIReply, StoreError> = await attemptOnce(request)
            let retryAfter: Duration?
            switch outcome {
            case .success(let reply) where (200..<300).contains(reply.status):
                return reply
            case .success(let reply):
                let error = Self.error(from: reply)
                guard attempt < policy.maxAttempts, let wait = retryDelay(for: reply, error: error, attempt: attempt) else { throw error }
                retryAfter = wait
            case .failure(let error):
                guard attempt < policy.maxAttempts, Self.isRetryable(error) else { throw error }
                retryAfter = policy.backoff(afterAttempt: attempt)
            }
            if let retryAfter {
                do { try await Task.sleep(for: retryAfter) } catch { throw Self.cancelled }
            }
        }
    }

    /// The wait before retrying an error reply; `nil` when it should not be retried.
    private func retryDelay(for reply: APIReply, error: StoreError, attempt: Int) -> Duration? {
        let policy = configuration.retry
        let inUse = reply.status == 409 && Self.errorItem(from: reply)?.code == "idempotency-key-in-use"
        guard [429, 502, 503, 504].contains(reply.status) || inUse else { return nil }
        if let seconds = reply.headers.first(name: "Retry-After").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            let wait = Duration.seconds(max(seconds, 0))
            return wait <= policy.maxRetryAfter ? wait : nil
        }
        return policy.backoff(afterAttempt: attempt)
    }

    private static func isRetryable(_ error: StoreError) -> Bool {
        if case .unreachable(let reason) = error { return reason != shutDownReason }
        return false
    }

    private func attemptOnce(_ request: HTTPClientRequest) async -> Result<APIReply, StoreError> {
        do {
            try Task.checkCancellation()
            let response = try await http.execute(request, timeout: .nanoseconds(Self.nanoseconds(configuration.requestTimeout)))
            let body = try await response.body.collect(upTo: configuration.maxResponseSize)
            return .success(APIReply(status: Int(response.status.code), headers: response.headers, body: body))
        } catch {
            return .failure(transportError(error))
        }
    }

    private func makeRequest(_ call: APICall) -> HTTPClientRequest? {
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://"), URL(string: baseURL)?.host != nil else { return nil }
        var url = baseURL + "/" + call.segments.map(Self.encodePathSegment).joined(separator: "/")
        if !call.query.isEmpty {
            url += "?" + call.query.map { "\(Self.encodeQueryComponent($0.0))=\(Self.encodeQueryComponent($0.1))" }.joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = call.method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        request.headers.add(name: "X-Request-Id", value: UUID().uuidString.lowercased())
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if !call.isSafe { request.headers.add(name: "Idempotency-Key", value: UUID().uuidString.lowercased()) }
        for (name, value) in call.headers { request.headers.add(name: name, value: value) }
        if let body = call.body {
            request.headers.add(name: "Content-Type", value: call.contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }

    // MARK: Replies

    private func decode<Value: Decodable>(_ type: Value.Type, from reply: APIReply) throws(StoreError) -> Value {
        do {
            return try APICoding.makeDecoder().decode(type, from: Data(reply.body.readableBytesView))
        } catch {
            throw .server(status: reply.status, message: "the server sent a reply this client cannot read (\(error))",
                          requestID: reply.headers.first(name: "X-Request-Id"))
        }
    }

    private static func errorItem(from reply: APIReply) -> APIErrorItem? {
        (try? APICoding.makeDecoder().decode(APIErrorEnvelope.self, from: Data(reply.body.readableBytesView)))?.errorList.first
    }

    /// The store error an error reply describes.
    static func error(from reply: APIReply) -> StoreError {
        let retryAfter = reply.headers.first(name: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        var item = errorItem(from: reply)
        if item == nil, reply.status >= 400 {
            let text = String(decoding: reply.body.readableBytesView.prefix(200), as: UTF8.self)
            item = APIErrorItem(code: "", message: text.isEmpty ? "HTTP status \(reply.status)" : "HTTP status \(reply.status): \(text)")
        }
        return StoreError(status: reply.status, item: item, retryAfter: retryAfter, requestID: reply.headers.first(name: "X-Request-Id"))
    }

    // MARK: Transport errors

    static let cancelledReason = StoreError.cancelledReason
    static let shutDownReason = "this client was shut down"
    static let cancelled = StoreError.unavailable(cancelledReason)

    /// What a failure to get any reply means for the person at the console.
    private func transportError(_ error: any Error) -> StoreError {
        if error is CancellationError || Task.isCancelled { return Self.cancelled }
        let connectSeconds = configuration.connectTimeout.components.seconds
        let requestSeconds = configuration.requestTimeout.components.seconds
        if let error = error as? HTTPClientError {
            switch error {
            case .cancelled: return Self.cancelled
            case .connectTimeout:
                return .unreachable("no connection to \(baseURL) within \(connectSeconds) s")
            case .deadlineExceeded, .readTimeout:
                return .unreachable("\(baseURL) did not answer within \(requestSeconds) s (it may be overloaded)")
            case .remoteConnectionClosed:
                return .unreachable("\(baseURL) closed the connection before answering")
            case .alreadyShutdown:
                return .unreachable(Self.shutDownReason)
            case .invalidURL, .emptyHost, .emptyScheme:
                return .unreachable("'\(baseURL)' is not a store URL; use http://host:port")
            default:
                break
            }
        }
        if error is NIOTooManyBytesError {
            return .server(status: 200, message: "the reply is larger than \(configuration.maxResponseSize) bytes", requestID: nil)
        }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") {
            return .unreachable("connection refused by \(baseURL) (is `store-tui serve` running there?)")
        }
        return .unreachable("cannot talk to \(baseURL) (\(text))")
    }

    // MARK: Encoding

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encodePathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static func encodeQueryComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}

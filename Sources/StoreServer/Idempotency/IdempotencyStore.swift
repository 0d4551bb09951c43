import Foundation
import Hummingbird
import StoreService

/// Replays the reply to a mutating request retried with the same `Idempotency-Key`
/// (draft-ietf-httpapi-idempotency-key-header).
///
/// A record is keyed by the key together with the caller's credentials, so two callers cannot see
/// each other's replies. The request's fingerprint (method, target and body) is kept with it:
/// - first request: runs, and its reply is kept for ``ServerConfiguration/idempotencyTTL`` seconds;
/// - same key, same fingerprint, finished: the kept reply again, with `Idempotent-Replayed: true`;
/// - same key while the first is still running: 409 `idempotency-key-in-use`;
/// - same key, different request: 422 `idempotency-key-reused`.
///
/// Replies with a 5xx or 429 status are not kept, so retrying those runs the request again.
///
/// The records live in this process's memory: they do not survive a restart and are not shared
/// between several server instances behind one load balancer (the backend has no idempotency API yet).
actor IdempotencyStore {
    /// What to do with a request.
    enum Decision {
        case proceed
        case replay(APIResponse)
        case inProgress
        case mismatch
    }

    private struct Record {
        var fingerprint: String
        var response: APIResponse?
        var createdAt: ContinuousClock.Instant
    }

    private let ttl: Duration
    private let capacity: Int
    private var records: [String: Record] = [:]
    /// Scopes in insertion order, from `head` on; older entries may name records already gone.
    private var order: [String] = []
    private var head = 0

    /// Creates a store keeping at most `capacity` replies for `ttl` seconds.
    init(ttl: Double, capacity: Int) {
        self.ttl = .milliseconds(Int64(max(ttl, 0) * 1000))
        self.capacity = max(capacity, 1)
    }

    /// The longest `Idempotency-Key` accepted.
    static let maximumKeyLength = 255

    /// Decides what to do with a request and, when it should run, records it as in progress.
    func begin(scope: String, fingerprint: String) -> Decision {
        let now = ContinuousClock.now
        if let record = records[scope], now - record.createdAt < ttl {
            guard record.fingerprint == fingerprint else { return .mismatch }
            return record.response.map { .replay($0) } ?? .inProgress
        }
        makeRoom(now: now)
        records[scope] = Record(fingerprint: fingerprint, response: nil, createdAt: now)
        order.append(scope)
        return .proceed
    }

    /// Keeps the reply of a finished request, or forgets the request when retrying it should run it again.
    func finish(scope: String, response: APIResponse) {
        if response.status.code >= 500 || response.status.code == 429 {
            records[scope] = nil
        } else {
            records[scope]?.response = response
        }
    }

    /// The number of records held (for tests).
    var count: Int { records.count }

    private func makeRoom(now: ContinuousClock.Instant) {
        while head < order.count, records.count >= capacity || isExpired(order[head], now: now) {
            let scope = order[head]
            if let record = records[scope], record.response != nil || now - record.createdAt >= ttl {
                records[scope] = nil
            }
            head += 1
        }
        if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }

    private func isExpired(_ scope: String, now: ContinuousClock.Instant) -> Bool {
        guard let record = records[scope] else { return true }
        return now - record.createdAt >= ttl
    }
}

extension IdempotencyStore {
    /// Runs `handler` for a request carrying `Idempotency-Key: key`, or replays or refuses it.
    nonisolated func respond(
        to request: Request, context: StoreRequestContext, key: String, maxBodySize: Int, handler: RouteHandler
    ) async -> APIResponse {
        let isVisibleASCII = key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
        guard !key.isEmpty, key.utf8.count <= Self.maximumKeyLength, isVisibleASCII else {
            return HTTPFailure(.badRequest, code: "bad-argument",
                               message: "Idempotency-Key must be 1–\(Self.maximumKeyLength) visible ASCII characters (a UUID is ideal).")
                .apiResponse
        }
        var request = request
        let body: [UInt8]
        do { body = Array(try await request.collectBody(upTo: maxBodySize).readableBytesView) } catch {
            return HTTPFailure(error, logger: context.logger).apiResponse
        }
        let credentials = request.headers[.authorization] ?? "-"
        let scope = Secrets.hash(ofToken: "\(credentials)\n\(key)")
        let fingerprint = Secrets.hash(ofToken: "\(request.method.rawValue) \(request.uri.string)\n\(Data(body).base64EncodedString())")
        switch await begin(scope: scope, fingerprint: fingerprint) {
        case .proceed:
            let response = await RouteTable.run(handler, request: request, context: context)
            await finish(scope: scope, response: response)
            return response
        case .replay(var response):
            context.logger.info("replaying the reply to an idempotent request")
            response.headers[.idempotentReplayed] = "true"
            return response
        case .inProgress:
            return HTTPFailure(.conflict, code: "idempotency-key-in-use",
                               message: "A request with this Idempotency-Key is still being processed; retry when it has finished.",
                               headers: [.retryAfter: "1"]).apiResponse
        case .mismatch:
            return HTTPFailure(.unprocessableContent, code: "idempotency-key-reused",
                               message: "This Idempotency-Key was used for a different request; use a new key for a new request.")
                .apiResponse
        }
    }
}

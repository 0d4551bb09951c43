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
/// Where the records live: in the database when the backend is a ``ServerStateStore`` (SQLite and
/// PostgreSQL are), so a retry reaching another server instance is replayed there too, and a request
/// left in progress by an instance that died stops blocking its key after
/// ``IdempotencyPolicy/defaultLease``; otherwise in this process's memory, at most `capacity` of them.
/// When the database cannot be reached the request is refused with 503, never run unguarded.
actor IdempotencyStore {
    /// What to do with a request.
    enum Decision {
        case proceed
        case replay(APIResponse)
        case inProgress
        case mismatch
        /// The shared records could not be read or written.
        case unavailable(StoreError)
    }

    private struct Record {
        var fingerprint: String
        var response: APIResponse?
        var createdAt: ContinuousClock.Instant
    }

    private let ttl: Duration
    private let capacity: Int
    /// The database's records, when the backend keeps them; then the in-memory ones stay empty.
    private let shared: (any ServerStateStore)?
    private let policy: IdempotencyPolicy
    private var records: [String: Record] = [:]
    /// Scopes in insertion order, from `head` on; older entries may name records already gone.
    private var order: [String] = []
    private var head = 0

    /// Creates a store keeping at most `capacity` replies for `ttl` seconds in memory.
    init(ttl: Double, capacity: Int) {
        self.init(shared: nil, ttl: ttl, capacity: capacity)
    }

    /// Creates a store keeping replies for `ttl` seconds in `shared` when given, else in memory.
    /// - Parameters:
    ///   - shared: the database every instance shares; `nil` keeps the records in memory.
    ///   - ttl: seconds a reply is kept.
    ///   - capacity: the most records kept in memory (the database purges by age only).
    ///   - lease: seconds a request may stay in progress in the database before a retry may run it again.
    init(shared: (any ServerStateStore)?, ttl: Double, capacity: Int, lease: Double = IdempotencyPolicy.defaultLease) {
        self.ttl = .milliseconds(Int64(max(ttl, 0) * 1000))
        self.capacity = max(capacity, 1)
        self.shared = shared
        self.policy = IdempotencyPolicy(lifetime: ttl, lease: lease)
    }

    /// The longest `Idempotency-Key` accepted.
    static let maximumKeyLength = 255

    /// Decides what to do with a request and, when it should run, records it as in progress.
    func begin(scope: String, fingerprint: String) async -> Decision {
        if let shared {
            do throws(StoreError) {
                switch try await shared.beginIdempotentRequest(scope: scope, fingerprint: fingerprint, policy: policy) {
                case .proceed: return .proceed
                case .inProgress: return .inProgress
                case .mismatch: return .mismatch
                case .replay(let data):
                    guard let reply = StoredReply.decoded(data) else { return .unavailable(.unavailable("a kept reply cannot be read")) }
                    return .replay(reply)
                }
            } catch {
                return .unavailable(error)
            }
        }
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
    ///
    /// A database failure here leaves the shared record in progress until its lease ends.
    func finish(scope: String, response: APIResponse) async {
        let isKept = response.status.code < 500 && response.status.code != 429
        if let shared {
            try? await shared.finishIdempotentRequest(scope: scope, reply: isKept ? StoredReply.encoded(response) : nil, policy: policy)
            return
        }
        if !isKept {
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
    ///
    /// The route table has checked the caller's credentials before (``RouteTable``), so a revoked or
    /// expired token never gets a kept reply back; a reply that carries a secret is kept in its
    /// ``APIResponse/replayForm`` (without the secret).
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
            await finish(scope: scope, response: response.replayForm?.response ?? response)
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
        case .unavailable(let error):
            context.logger.error("idempotency records unavailable", metadata: ["error": "\(error)"])
            return HTTPFailure(error, logger: context.logger).apiResponse
        }
    }
}

extension IdempotencyStore {
    /// The store a server over `backend` uses: the database's records when the backend keeps server
    /// state (``ServerStateStore``), else this process's memory.
    static func serving(_ backend: any StoreBackend, configuration: ServerConfiguration) -> IdempotencyStore {
        IdempotencyStore(
            shared: backend as? any ServerStateStore, ttl: configuration.idempotencyTTL, capacity: configuration.idempotencyCapacity)
    }
}

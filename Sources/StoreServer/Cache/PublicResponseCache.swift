import Foundation
import Hummingbird
import Synchronization

/// A short-lived, byte-bounded cache of anonymous public replies (`/v2/…` find, info, categories).
///
/// - **What**: only `GET`/`HEAD` without an `Authorization` header, and only 200 replies; the key is the
///   path and the query's parameters sorted (the public routes read nothing else of a request).
/// - **How long**: ``ttl`` seconds from when the reply started being computed. Several instances share
///   one database, so a change made through another instance shows after at most ``ttl``; a change made
///   through this one empties the cache at once (``invalidate()``, called by ``CacheInvalidationMiddleware``).
/// - **How much**: at most ``capacity`` bytes (bodies, keys and an allowance per entry); the least
///   recently used replies are dropped first.
/// - **Stampedes**: concurrent misses for one key wait for a single computation (``ResponseFlight``).
/// - **Hits** cost a lock, a dictionary lookup and a clock read: no database, no JSON encoding. Replies
///   carry a strong `ETag` and `Cache-Control: public, max-age=<ttl>` (unless the route set its own),
///   and `If-None-Match` naming the tag gets 304.
final class PublicResponseCache: Sendable {
    private struct State {
        var entries: LRUStore<CachedResponse>
        var flights: [String: ResponseFlight] = [:]
        /// Bumped by ``invalidate()``: a computation that started under an older generation is not kept.
        var generation: UInt64 = 0
    }

    private enum Lookup {
        case hit(CachedResponse)
        case wait(ResponseFlight)
        case lead(ResponseFlight, generation: UInt64)
    }

    /// Seconds a reply is served for; `0` turns the cache off.
    let ttl: Double
    /// The most bytes kept.
    let capacity: Int
    private let clock: @Sendable () -> Date
    private let cacheControl: String
    private let state: Mutex<State>

    /// Creates an empty cache.
    /// - Parameters:
    ///   - ttl: seconds a reply is served for; `0` or less turns the cache off.
    ///   - capacity: the most bytes kept; `0` or less turns the cache off.
    ///   - clock: the current time (tests move it by hand).
    init(ttl: Double, capacity: Int, clock: @escaping @Sendable () -> Date) {
        self.ttl = ttl
        self.capacity = capacity
        self.clock = clock
        cacheControl = "public, max-age=\(Int(max(0, ttl.rounded(.down))))"
        state = Mutex(State(entries: LRUStore(capacity: max(0, capacity))))
    }

    /// Whether replies are cached at all.
    var isEnabled: Bool { ttl > 0 && capacity > 0 }

    /// Forgets every reply, and any reply being computed, at once: a change went through this instance.
    func invalidate() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll()
            state.flights.removeAll()
        }
    }

    /// Answers `request` from the cache, or with `handler`'s reply (kept when cacheable).
    ///
    /// Requests that may not be shared (with credentials, other methods) go straight to `handler`.
    /// - Throws: what `handler` throws (its errors are never cached).
    func respond(to request: Request, context: StoreRequestContext, using handler: RouteHandler) async throws -> APIResponse {
        guard isEnabled, request.method == .get || request.method == .head, request.headers[.authorization] == nil else {
            return try await handler(request, context)
        }
        // Replies name download URLs on the host the client asked for, so the host is part of the key.
        let key = (request.head.authority ?? "") + " " + Self.key(path: request.uri.path, query: request.uri.query)
        let now = clock()
        let lookup = state.withLock { state -> Lookup in
            if let entry = state.entries.value(forKey: key) {
                if entry.isFresh(at: now) { return .hit(entry) }
                state.entries.removeValue(forKey: key)
            }
            if let flight = state.flights[key] { return .wait(flight) }
            let flight = ResponseFlight()
            state.flights[key] = flight
            return .lead(flight, generation: state.generation)
        }
        switch lookup {
        case .hit(let entry):
            return entry.reply(ifNoneMatch: request.headers[.ifNoneMatch], isHit: true)
        case .wait(let flight):
            guard let entry = await flight.outcome() else { return try await handler(request, context) }
            return entry.reply(ifNoneMatch: request.headers[.ifNoneMatch], isHit: true)
        case .lead(let flight, let generation):
            let response: APIResponse
            do {
                response = try await handler(request, context)
            } catch {
                land(flight, key: key, entry: nil, generation: generation)
                throw error
            }
            guard response.status == .ok else {
                land(flight, key: key, entry: nil, generation: generation)
                return response
            }
            let entry = CachedResponse(response, key: key, storedAt: now, ttl: ttl, cacheControl: cacheControl)
            land(flight, key: key, entry: entry, generation: generation)
            return entry.reply(ifNoneMatch: request.headers[.ifNoneMatch], isHit: false)
        }
    }

    /// Ends a computation: keeps its entry unless the cache was invalidated meanwhile, and wakes its waiters.
    private func land(_ flight: ResponseFlight, key: String, entry: CachedResponse?, generation: UInt64) {
        let now = clock()
        state.withLock { state in
            if state.flights[key] === flight { state.flights[key] = nil }
            if let entry, state.generation == generation {
                state.entries.removeLeastRecentlyUsed { $0.hasExpired(at: now) }
                state.entries.insert(entry, forKey: key, cost: entry.cost)
            }
        }
        flight.finish(entry)
    }

    /// The cache key of a request: its path, then its non-empty query parameters sorted, as sent.
    ///
    /// Sorting is safe because the public routes refuse a parameter given twice, so order never changes a reply.
    static func key(path: String, query: String?) -> String {
        guard let query, !query.isEmpty else { return path }
        var parameters = query.split(separator: "&", omittingEmptySubsequences: true)
        if parameters.count > 1 { parameters.sort() }
        var key = path
        key.reserveCapacity(path.utf8.count + query.utf8.count + 1)
        var separator: Character = "?"
        for parameter in parameters {
            key.append(separator)
            key += parameter
            separator = "&"
        }
        return key
    }
}

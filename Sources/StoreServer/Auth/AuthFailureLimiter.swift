import StoreService

/// Throttles failed authentications per client address with a token bucket.
///
/// Each address starts with ``burst`` attempts and earns them back at ``refillPerSecond``; a failed
/// authentication spends one, and an address with none left gets 429 until it has earned one back.
/// Successful authentications cost nothing.
///
/// When the backend keeps server state (``ServerStateStore``: SQLite and PostgreSQL do), the buckets
/// live in the database, so every instance over it counts the same failures and counts survive
/// restarts; ``AuthFailurePolicy`` is the same arithmetic. Otherwise they live in this process's memory.
/// Should the database fail, the check lets the attempt through (authentication itself then reports
/// the database) and the failure goes uncounted.
public actor AuthFailureLimiter {
    private struct Bucket {
        var tokens: Double
        var updatedAt: ContinuousClock.Instant
    }

    private let burst: Double
    private let refillPerSecond: Double
    private let now: @Sendable () -> ContinuousClock.Instant
    /// The database's buckets, when the backend keeps them; then the in-memory ones stay empty.
    private let shared: (any ServerStateStore)?
    private let policy: AuthFailurePolicy
    private var buckets: [String: Bucket] = [:]

    /// The most addresses tracked; full buckets are dropped first when there are more.
    static let maximumTrackedAddresses = 50_000

    /// Creates a limiter.
    /// - Parameters:
    ///   - burst: failed attempts allowed in a row.
    ///   - refillPerMinute: attempts earned back per minute.
    ///   - now: the clock (tests move it by hand).
    ///   - shared: the database every instance shares; `nil` counts in memory.
    public init(
        burst: Int, refillPerMinute: Double, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
        shared: (any ServerStateStore)? = nil
    ) {
        self.burst = Double(max(burst, 1))
        self.refillPerSecond = max(refillPerMinute, 0.001) / 60
        self.now = now
        self.shared = shared
        self.policy = AuthFailurePolicy(burst: burst, refillPerMinute: refillPerMinute)
    }

    /// The limiter a server over `backend` uses: the database's buckets when the backend keeps server
    /// state, else this process's memory.
    public static func serving(_ backend: any StoreBackend, configuration: ServerConfiguration) -> AuthFailureLimiter {
        AuthFailureLimiter(
            burst: configuration.authFailureBurst, refillPerMinute: configuration.authFailureRefillPerMinute,
            shared: backend as? any ServerStateStore)
    }

    /// Seconds `address` must wait before it may try again; `nil` when it may try now.
    public func retryAfter(for address: String) async -> Int? {
        if let shared { return (try? await shared.authFailureDelay(for: address, policy: policy)) ?? nil }
        let tokens = current(address).tokens
        guard tokens < 1 else { return nil }
        return Int(((1 - tokens) / refillPerSecond).rounded(.up))
    }

    /// Spends one attempt of `address`.
    public func recordFailure(for address: String) async {
        if let shared {
            try? await shared.recordAuthFailure(for: address, policy: policy)
            return
        }
        var bucket = current(address)
        bucket.tokens = max(bucket.tokens - 1, 0)
        if buckets.count >= Self.maximumTrackedAddresses { prune() }
        buckets[address] = bucket
    }

    private func current(_ address: String) -> Bucket {
        let instant = now()
        guard var bucket = buckets[address] else { return Bucket(tokens: burst, updatedAt: instant) }
        let elapsed = instant - bucket.updatedAt
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bucket.tokens = min(burst, bucket.tokens + seconds * refillPerSecond)
        bucket.updatedAt = instant
        return bucket
    }

    private func prune() {
        for address in Array(buckets.keys) where current(address).tokens >= burst { buckets[address] = nil }
        if buckets.count >= Self.maximumTrackedAddresses { buckets.removeAll() }
    }
}

/// When the client retries a request and how long it waits in between.
///
/// Only requests that are safe to repeat are retried: GETs, and writes carrying the client's own
/// `Idempotency-Key` (the server replays the first reply). Retried failures: connection failures,
/// timeouts, 502, 503, 504, 429 and 409 `idempotency-key-in-use`. Waits use full jitter,
/// `random(0, min(maxDelay, baseDelay · 2ⁿ))`, or the server's `Retry-After` when it sends one
/// (up to ``maxRetryAfter``; longer waits are reported instead of slept through).
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 1 never retries.
    public var maxAttempts: Int
    /// The backoff unit.
    public var baseDelay: Duration
    /// The longest backoff.
    public var maxDelay: Duration
    /// The longest `Retry-After` the client waits for by itself.
    public var maxRetryAfter: Duration

    /// Creates a policy.
    public init(maxAttempts: Int, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(4),
                maxRetryAfter: Duration = .seconds(5)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// Three attempts, 250 ms backoff unit, at most 4 s between attempts.
    public static let `default` = RetryPolicy(maxAttempts: 3)
    /// One attempt.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before attempt `attempt + 1` (`attempt` ≥ 1), full jitter.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 20)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        let nanos = HTTPStoreClient.nanoseconds(ceiling)
        guard nanos > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanos))
    }
}

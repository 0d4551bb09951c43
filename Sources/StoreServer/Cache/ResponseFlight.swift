import Synchronization

/// One computation of a public reply that concurrent requests for the same key wait for, instead of
/// each computing it.
///
/// The request that started it calls ``finish(_:)`` once; waiters get the cached reply, or `nil` when
/// the computation gave nothing cacheable (an error, a cancelled request), in which case each waiter
/// computes its own reply.
final class ResponseFlight: Sendable {
    private struct State {
        var outcome: CachedResponse??
        var waiters: [CheckedContinuation<CachedResponse?, Never>] = []
    }

    private let state = Mutex(State())

    /// Waits for the computation's outcome.
    func outcome() async -> CachedResponse? {
        await withCheckedContinuation { continuation in
            let ready: CachedResponse?? = state.withLock { state in
                if let outcome = state.outcome { return outcome }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Hands `outcome` to every waiter, present and future.
    func finish(_ outcome: CachedResponse?) {
        let waiters = state.withLock { state in
            state.outcome = .some(outcome)
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: outcome) }
    }
}

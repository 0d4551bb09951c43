import Synchronization

/// One computation that concurrent requests for the same thing wait for, instead of each computing it:
/// a public reply (``ResponseFlight``), or the refresh entries one read brings (``RefreshEntryCache``).
///
/// The request that started it calls ``finish(_:)`` once; waiters get its outcome, or `nil` when the
/// computation gave nothing to share (an error, a cancelled request), in which case each waiter
/// computes its own.
final class Flight<Outcome: Sendable>: Sendable {
    private struct State {
        var outcome: Outcome??
        var waiters: [CheckedContinuation<Outcome?, Never>] = []
    }

    private let state = Mutex(State())

    /// Waits for the computation's outcome.
    func outcome() async -> Outcome? {
        await withCheckedContinuation { continuation in
            let ready: Outcome?? = state.withLock { state in
                if let outcome = state.outcome { return outcome }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Hands `outcome` to every waiter, present and future.
    func finish(_ outcome: Outcome?) {
        let waiters = state.withLock { state in
            state.outcome = .some(outcome)
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: outcome) }
    }
}

/// The computation of one public reply (``PublicResponseCache``).
typealias ResponseFlight = Flight<CachedResponse>

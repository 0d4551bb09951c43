import Dispatch

/// Runs blocking work (inspecting an uploaded archive) on threads of its own, at most ``limit`` at a
/// time, so it never occupies the threads that serve requests.
///
/// Swift's cooperative pool has one thread per core: three 2-second zip inspections run on it would
/// stall every other request, `/health` included. Work submitted here waits its turn (first come,
/// first served) and then runs on a Dispatch worker thread while the submitting task is suspended.
actor BlockingWorkPool {
    /// The most pieces of work running at once.
    let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// A pool running at most `limit` pieces of work at once (at least one).
    init(limit: Int) {
        self.limit = max(limit, 1)
    }

    /// Runs `work` on a worker thread once a place is free, and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await acquire()
        defer { release() }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async { continuation.resume(returning: work()) }
        }
    }

    private func acquire() async {
        if running < limit {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            // The place passes straight to the next in line.
            waiting.removeFirst().resume()
        }
    }
}

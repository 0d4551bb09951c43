import NIOCore
import NIOPosix
import Synchronization

/// Threads of their own, serving jobs strictly in the order they came, for the requests that cost the
/// server real CPU (device refreshes): their handlers run here (`run(_:)`), not on Swift's shared pool.
///
/// Why: when the shared cooperative pool is saturated it does not serve its jobs first-come, so under
/// load a few requests wait far longer than the rest. Measured with a bare Hummingbird route spinning
/// 350 µs at 16 connections on two cores (docs/benchmarks.md, "Fair queueing"): p50 3.1 ms and p99 36 ms
/// on the shared pool, p50 3.2 ms and p99 6.7 ms here, at the same throughput. Cheap routes stay on the
/// shared pool: the hop here and back costs about 15 µs, most of what `/health/live` costs.
final class ComputeExecutor: TaskExecutor, Sendable {
    /// The process's one, a thread per core, started on first use and never stopped (as NIO's singletons).
    static let shared = ComputeExecutor(threads: System.coreCount)

    private let pool: NIOThreadPool
    private let ran = Atomic<Int>(0)

    /// How many jobs these threads have run so far.
    var jobsRun: Int { ran.load(ordering: .relaxed) }

    /// Starts `threads` threads (at least one).
    init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        pool.submit { _ in
            self.ran.add(1, ordering: .relaxed)
            job.runSynchronously(on: executor)
        }
    }

    /// Runs `body`, and every job of its own that follows an `await` in it, on these threads.
    func run<T>(_ body: () async throws -> T) async rethrows -> T {
        try await withTaskExecutorPreference(self, operation: body)
    }
}

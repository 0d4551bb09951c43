import Foundation
@testable import StoreServer
import Synchronization
import Testing

/// The threads costly handlers run on (``ComputeExecutor``): first come, first served, and the whole
/// handler (every job after each `await`) runs there; the device refreshes use it.
@Suite struct ComputeExecutorTests {
    final class Order: Sendable {
        let list = Mutex<[Int]>([])
    }

    @Test func jobsAreServedInTheOrderTheyCame() async throws {
        let executor = ComputeExecutor(threads: 1)
        let order = Order()
        // The one thread is held, so every task queues behind it and none can overtake another.
        let held = Task(executorPreference: executor) { _ = usleep(200_000) }
        var tasks: [Task<Void, Never>] = []
        for index in 0..<200 {
            tasks.append(Task(executorPreference: executor) { order.list.withLock { $0.append(index) } })
        }
        await held.value
        for task in tasks { await task.value }
        #expect(order.list.withLock { $0 } == Array(0..<200))
    }

    @Test func everyJobOfTheBodyRunsOnItsThreads() async throws {
        let executor = ComputeExecutor(threads: 2)
        let before = executor.jobsRun
        let value = await executor.run { () async -> Int in
            var sum = 0
            for step in 1...5 {
                await Task.yield()
                sum += step
            }
            return sum
        }
        #expect(value == 15)
        #expect(executor.jobsRun - before >= 6, "the start and each of the five resumptions after a yield")
    }

    @Test func aDeviceRefreshIsHandledOnTheComputeThreads() async throws {
        try await TestServer.with { server async throws in
            let hello = try await DeviceRoutesTests.id("hello", server)
            let before = ComputeExecutor.shared.jobsRun
            let response = try await server.request(.POST, "/v2/snaps/refresh", body: RefreshEntryCacheTests.body(hello))
            #expect(response.status == 200)
            #expect(ComputeExecutor.shared.jobsRun > before)
            let charms = try await server.request(
                .POST, "/v2/charms/refresh", body: #"{"context": [], "actions": [{"action": "install", "instance-key": "k", "name": "postgresql-k8s"}]}"#)
            #expect(charms.status == 200)
        }
    }
}

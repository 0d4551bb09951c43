import Foundation
import StoreClient
import StoreModels
import StoreService
import Testing

@Suite("Client failures")
struct ClientFailureTests {
    @Test func deadPortIsUnreachable() async throws {
        // Bind nothing: port 1 on loopback refuses connections.
        let client = HTTPStoreClient(baseURL: "http://127.0.0.1:1", token: nil)
        let error = await #expect(throws: StoreError.self) { try await client.categories() }
        await client.shutdown()
        guard case .unreachable(let reason) = error else { Issue.record("expected .unreachable, got \(String(describing: error))"); return }
        #expect(reason.contains("127.0.0.1:1"))
    }

    @Test func notAURLIsUnreachableWithAMessage() async {
        let client = HTTPStoreClient(baseURL: "store.example", token: nil)
        let error = await #expect(throws: StoreError.self) { try await client.categories() }
        await client.shutdown()
        guard case .unreachable(let reason) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(reason.contains("http://"))
    }

    @Test func serverFailureCarriesTheRequestID() async throws {
        try await TestServer.with { server async throws in
            let client = try await server.client(as: nil)
            let error = await #expect(throws: StoreError.self) { try await client.search(SearchQuery(text: "bug")) }
            await client.shutdown()
            guard case .server(500, _, let requestID) = error else { Issue.record("\(String(describing: error))"); return }
            #expect(requestID?.isEmpty == false)
        }
    }

    @Test func badTokenIsUnauthenticated() async throws {
        try await TestServer.with { server async throws in
            let error = await #expect(throws: StoreError.self) {
                _ = try await HTTPStoreClient.connect(baseURL: server.baseURL, token: "stui_nope")
            }
            guard case .unauthenticated = error else { Issue.record("\(String(describing: error))"); return }
        }
    }

    @Test func getIsRetriedAfterA503() async throws {
        let hooks = Hooks()
        try await TestServer.with(hooks: hooks) { server async throws in
            hooks.failCategories(times: 1)
            let client = try await server.client(as: nil, retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10)))
            let categories = try await client.categories()
            await client.shutdown()
            #expect(categories.contains("utilities"))
            #expect(hooks.categoriesCalls == 2)
        }
    }

    @Test func withoutRetriesA503IsUnavailable() async throws {
        let hooks = Hooks()
        try await TestServer.with(hooks: hooks) { server async throws in
            hooks.failCategories(times: 1)
            let client = try await server.client(as: nil, retry: .none)
            let error = await #expect(throws: StoreError.self) { try await client.categories() }
            await client.shutdown()
            // The client learns the store is unavailable and which request to quote, not the database's words.
            guard case .unavailable(let reason) = error else { Issue.record("\(String(describing: error))"); return }
            #expect(reason.hasPrefix("request "))
            #expect(!reason.contains("locked"))
        }
    }

    @Test func cancellingASearchAbortsItsRequest() async throws {
        let hooks = Hooks(slowDelay: .seconds(5))
        try await TestServer.with(hooks: hooks) { server async throws in
            let client = try await server.client(as: nil)
            let task = Task { try await client.search(SearchQuery(text: "slow")) }
            var started = hooks.slowStarted.makeAsyncIterator()
            _ = await started.next()
            // Timed from the cancel: the request takes 5 s in the store, so anything near that means it ran
            // on (reaching the store first may take seconds on a loaded machine, and is not what is tested).
            let start = ContinuousClock.now
            task.cancel()
            let result = await task.result
            let elapsed = ContinuousClock.now - start
            await client.shutdown()
            #expect(elapsed < .seconds(4), "took \(elapsed)")
            guard case .failure(let error as StoreError) = result else { Issue.record("\(result)"); return }
            #expect(error == .unavailable("the request was cancelled"))
        }
    }
}

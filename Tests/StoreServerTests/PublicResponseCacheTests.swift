import Foundation
import StoreModels
@testable import StoreServer
import Testing

/// The public response cache, over a real server and a real SQLite store: anonymous `/v2` reads are
/// served from memory for a short time, and changes made through the server show at once.
@Suite("Public response cache")
struct PublicResponseCacheTests {
    /// A test configuration whose public cache reads `clock`.
    static func configuration(clock: TestClock, ttl: Double = 1, capacity: Int = 32 << 20) -> StoreServer.ServerConfiguration {
        var configuration = TestServer.configuration()
        configuration.publicCacheTTL = ttl
        configuration.publicCacheCapacity = capacity
        configuration.publicCacheClock = { clock.now }
        return configuration
    }

    static let info = "/v2/snaps/info/hello?fields=name,version,revision"

    /// The `channel-map` entries of an info document as `channel|architecture|revision`.
    static func channels(_ response: RawResponse) throws -> [String] {
        let entries = try #require(try response.object()["channel-map"] as? [[String: Any]])
        return entries.map { entry in
            let channel = entry["channel"] as? [String: Any]
            return "\(channel?["name"] ?? "")|\(channel?["architecture"] ?? "")|\(entry["revision"] ?? "")"
        }
    }

    @Test func aHitReturnsTheSameBytesAndHeadersAsTheMiss() async throws {
        try await TestServer.with(Self.configuration(clock: TestClock())) { server async throws in
            let first = try await server.request(.GET, Self.info)
            let second = try await server.request(.GET, Self.info)
            #expect(first.status == 200 && second.status == 200)
            #expect(first.header("X-Cache") == "miss")
            #expect(second.header("X-Cache") == "hit")
            #expect(first.body == second.body)
            #expect(second.header("Content-Type") == "application/json")
            #expect(second.header("Cache-Control") == "public, max-age=1")
            #expect(second.header("Vary") == "Authorization")
            #expect(second.header("ETag")?.hasPrefix("\"p-") == true)
            #expect(second.header("ETag") == first.header("ETag"))
            // Each reply still gets its own request id.
            #expect(first.header("X-Request-Id") != second.header("X-Request-Id"))
        }
    }

    @Test func aDeviceRefreshLeavesTheCache() async throws {
        try await TestServer.with(Self.configuration(clock: TestClock())) { server async throws in
            #expect(try await server.request(.GET, Self.info).header("X-Cache") == "miss")
            let refresh = try await server.request(.POST, "/v2/snaps/refresh", body: """
                {"context": [], "actions": [{"action": "download", "instance-key": "download-1", "name": "hello", "epoch": null}]}
                """)
            #expect(refresh.status == 200)
            #expect(try await server.request(.GET, Self.info).header("X-Cache") == "hit", "a refresh changes nothing")
            _ = try await server.request(.POST, "/api/v1/packages", as: "alice", body: #"{"name": "cache-new", "type": "snap"}"#)
            #expect(try await server.request(.GET, Self.info).header("X-Cache") == "miss", "a change still empties it")
        }
    }

    @Test func queryParametersInAnotherOrderShareAnEntry() async throws {
        try await TestServer.with(Self.configuration(clock: TestClock())) { server async throws in
            let first = try await server.request(.GET, "/v2/snaps/find?q=hello&fields=title,version")
            let second = try await server.request(.GET, "/v2/snaps/find?fields=title,version&q=hello")
            #expect(first.header("X-Cache") == "miss")
            #expect(second.header("X-Cache") == "hit")
            #expect(first.body == second.body)
        }
    }

    @Test func authenticatedRequestsBypassTheCache() async throws {
        try await TestServer.with(Self.configuration(clock: TestClock())) { server async throws in
            // alice sees her private package; the anonymous reply must not be shared with her, nor hers with others.
            let anonymous = try await server.request(.GET, "/v2/snaps/info/secret-tool")
            let alice = try await server.request(.GET, "/v2/snaps/info/secret-tool", as: "alice")
            let again = try await server.request(.GET, "/v2/snaps/info/secret-tool", as: "alice")
            let anonymousAgain = try await server.request(.GET, "/v2/snaps/info/secret-tool")
            #expect(anonymous.status == 404 && anonymousAgain.status == 404)
            #expect(alice.status == 200 && again.status == 200)
            for response in [alice, again] {
                #expect(response.header("X-Cache") == nil)
                #expect(response.header("ETag") == nil)
            }
            _ = try await server.request(.GET, Self.info)
            #expect(try await server.request(.GET, Self.info, as: "bob").header("X-Cache") == nil)
        }
    }

    @Test func aReleaseThroughTheAPIShowsInTheNextInfo() async throws {
        try await TestServer.with(Self.configuration(clock: TestClock())) { server async throws in
            let before = try await server.request(.GET, Self.info)
            #expect(try Self.channels(before).contains("stable|amd64|1"))
            #expect(try await server.request(.GET, Self.info).header("X-Cache") == "hit")

            let client = try await server.client(as: "alice")
            let plan = ReleasePlan([.release(revision: 2, channels: [Fixture.channel("latest/stable")])])
            _ = try await client.apply(plan, to: PackageName(trusted: "hello"), expecting: 3)

            let after = try await server.request(.GET, Self.info)
            #expect(after.header("X-Cache") == "miss")
            #expect(try Self.channels(after).contains("stable|amd64|2"))
            #expect(after.header("ETag") != before.header("ETag"))
        }
    }

    @Test func aRefusedChangeKeepsTheCache() async throws {
        try await TestServer.with(Self.configuration(clock: TestClock())) { server async throws in
            _ = try await server.request(.GET, Self.info)
            // eve may not release alice's package: 403, nothing changed.
            let refused = try await server.request(
                .POST, "/api/v1/packages/hello/releases", as: "eve", body: #"{"operations": []}"#)
            #expect(refused.status >= 400)
            #expect(try await server.request(.GET, Self.info).header("X-Cache") == "hit")
        }
    }

    @Test func aChangeBehindTheServerShowsOnceTheTTLHasPassed() async throws {
        let clock = TestClock()
        try await TestServer.with(Self.configuration(clock: clock, ttl: 2)) { server async throws in
            _ = try await server.request(.GET, Self.info)
            // Another instance over the same database releases: this one cannot know.
            let direct = try await server.direct(as: "alice")
            let plan = ReleasePlan([.release(revision: 2, channels: [Fixture.channel("latest/stable")])])
            _ = try await direct.apply(plan, to: PackageName(trusted: "hello"), expecting: 3)

            clock.advance(by: 1.9)
            let stale = try await server.request(.GET, Self.info)
            #expect(stale.header("X-Cache") == "hit")
            #expect(try Self.channels(stale).contains("stable|amd64|1"))

            clock.advance(by: 0.1)
            let fresh = try await server.request(.GET, Self.info)
            #expect(fresh.header("X-Cache") == "miss")
            #expect(try Self.channels(fresh).contains("stable|amd64|2"))
        }
    }

    @Test func theLeastRecentlyUsedReplyIsDroppedWhenFull() async throws {
        // Room for one info reply (each counts its body plus at least 512 bytes), not two.
        let one = "/v2/snaps/info/hello"
        let other = "/v2/snaps/info/world-clock"
        let sizes = try await TestServer.with(Self.configuration(clock: TestClock(), ttl: 0)) { server async throws in
            (try await server.request(.GET, one).body.count, try await server.request(.GET, other).body.count)
        }
        let capacity = max(sizes.0, sizes.1) + 600
        try await TestServer.with(Self.configuration(clock: TestClock(), capacity: capacity)) { server async throws in
            #expect(try await server.request(.GET, one).header("X-Cache") == "miss")
            #expect(try await server.request(.GET, one).header("X-Cache") == "hit")
            #expect(try await server.request(.GET, other).header("X-Cache") == "miss")
            #expect(try await server.request(.GET, other).header("X-Cache") == "hit")
            #expect(try await server.request(.GET, one).header("X-Cache") == "miss")
        }
    }

    @Test(arguments: ["TAG", "W/TAG", "\"p-0000000000000000\", TAG", "*"])
    func ifNoneMatchNamingTheTagGets304(_ form: String) async throws {
        try await TestServer.with(Self.configuration(clock: TestClock())) { server async throws in
            let first = try await server.request(.GET, Self.info)
            let tag = try #require(first.header("ETag"))
            let value = form.replacingOccurrences(of: "TAG", with: tag)
            let conditional = try await server.request(.GET, Self.info, headers: [("If-None-Match", value)])
            #expect(conditional.status == 304)
            #expect(conditional.body.isEmpty)
            #expect(conditional.header("ETag") == tag)
            #expect(conditional.header("Cache-Control") == "public, max-age=1")
        }
    }

    @Test func ifNoneMatchNamingAnotherTagGetsTheReply() async throws {
        try await TestServer.with(Self.configuration(clock: TestClock())) { server async throws in
            let first = try await server.request(.GET, Self.info)
            let response = try await server.request(.GET, Self.info, headers: [("If-None-Match", "\"p-0000000000000000\"")])
            #expect(response.status == 200)
            #expect(response.body == first.body)
        }
    }

    @Test func concurrentMissesWaitForOneComputation() async throws {
        let hooks = Hooks(slowDelay: .milliseconds(300))
        try await TestServer.with(Self.configuration(clock: TestClock()), hooks: hooks) { server async throws in
            let target = "/v2/snaps/find?q=slow"
            let leader = Task { try await server.request(.GET, target) }
            var started = hooks.slowStarted.makeAsyncIterator()
            _ = await started.next()
            let followers = try await withThrowingTaskGroup(of: RawResponse.self) { group in
                for _ in 0..<4 { group.addTask { try await server.request(.GET, target) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let first = try await leader.value
            #expect(first.header("X-Cache") == "miss")
            #expect(followers.allSatisfy { $0.header("X-Cache") == "hit" && $0.body == first.body })
        }
    }

    @Test func aTTLOfZeroTurnsTheCacheOff() async throws {
        try await TestServer.with(Self.configuration(clock: TestClock(), ttl: 0)) { server async throws in
            for _ in 0..<2 {
                let response = try await server.request(.GET, "/v2/snaps/categories")
                #expect(response.status == 200)
                #expect(response.header("X-Cache") == nil)
                #expect(response.header("ETag") == nil)
            }
            #expect(server.hooks.categoriesCalls == 2)
        }
    }

    @Test func categoriesAreReadOnceWhileCached() async throws {
        try await TestServer.with(Self.configuration(clock: TestClock())) { server async throws in
            for _ in 0..<3 { _ = try await server.request(.GET, "/v2/snaps/categories") }
            #expect(server.hooks.categoriesCalls == 1)
            // The route's own, longer Cache-Control is kept.
            #expect(try await server.request(.GET, "/v2/snaps/categories").header("Cache-Control") == "public, max-age=3600")
        }
    }

    // MARK: The parts

    @Test func theKeySortsParametersAndDropsEmptyOnes() {
        #expect(PublicResponseCache.key(path: "/v2/snaps/find", query: "q=a&&fields=b") == "/v2/snaps/find?fields=b&q=a")
        #expect(PublicResponseCache.key(path: "/v2/snaps/find", query: nil) == "/v2/snaps/find")
        #expect(PublicResponseCache.key(path: "/v2/snaps/find", query: "") == "/v2/snaps/find")
    }

    @Test func theStoreDropsLeastRecentlyUsedEntriesOverCapacity() {
        var store = LRUStore<Int>(capacity: 10)
        store.insert(1, forKey: "a", cost: 4)
        store.insert(2, forKey: "b", cost: 4)
        #expect(store.value(forKey: "a") == 1)  // a is now the most recently used
        store.insert(3, forKey: "c", cost: 4)
        #expect(store.value(forKey: "b") == nil)
        #expect(store.value(forKey: "a") == 1 && store.value(forKey: "c") == 3)
        #expect(store.totalCost == 8 && store.count == 2)
        store.insert(4, forKey: "huge", cost: 11)
        #expect(store.value(forKey: "huge") == nil && store.count == 2)
        store.insert(5, forKey: "a", cost: 2)
        #expect(store.value(forKey: "a") == 5 && store.totalCost == 6)
    }

    @Test func theStoreDropsFromTheLeastRecentlyUsedEndWhileAsked() {
        var store = LRUStore<Int>(capacity: 100)
        for (key, value) in [("a", 1), ("b", 2), ("c", 3)] { store.insert(value, forKey: key, cost: 1) }
        store.removeLeastRecentlyUsed { $0 < 3 }
        #expect(store.count == 1 && store.value(forKey: "c") == 3)
    }
}

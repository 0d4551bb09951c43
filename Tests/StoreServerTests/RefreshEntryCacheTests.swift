import Foundation
import StoreModels
@testable import StoreServer
import StoreService
import Synchronization
import Testing

/// Anonymous devices' refresh entries kept briefly in memory (``RefreshEntryCache``), over a real server
/// and a real SQLite store: the public response cache's semantics, and the same replies.
@Suite("Refresh entry cache")
struct RefreshEntryCacheTests {
    static func configuration(clock: TestClock, ttl: Double = 60, capacity: Int = 32 << 20) -> StoreServer.ServerConfiguration {
        PublicResponseCacheTests.configuration(clock: clock, ttl: ttl, capacity: capacity)
    }

    /// A refresh of `hello`, installed at revision 1 and tracking latest/stable.
    static func body(_ hello: String) -> String {
        """
        {"context": [\(DeviceRoutesTests.context(hello, revision: 1))],
         "actions": [{"action": "refresh", "instance-key": "\(hello)", "snap-id": "\(hello)"}]}
        """
    }

    /// The revision a device on latest/stable is offered (it has 1).
    static func offered(_ server: TestServer, as user: String? = nil) async throws -> Int? {
        let hello = try await DeviceRoutesTests.id("hello", server)
        let response = try await server.request(.POST, "/v2/snaps/refresh", as: user, body: Self.body(hello))
        #expect(response.status == 200, "\(response.text)")
        return try WireCoding.decode(SnapRefreshResponse.self, from: response.body).results.first?.snap?.revision.revision
    }

    static let releaseTwo = ReleasePlan([.release(revision: 2, channels: [Fixture.channel("latest/stable")])])

    @Test func aReleaseThroughThisInstanceShowsAtOnceInTheNextRefresh() async throws {
        try await TestServer.with(Self.configuration(clock: TestClock())) { server async throws in
            #expect(try await Self.offered(server) == 1)
            _ = try await server.client(as: "alice").apply(Self.releaseTwo, to: PackageName(trusted: "hello"), expecting: 3)
            #expect(try await Self.offered(server) == 2)
        }
    }

    @Test func aChangeBehindTheServerShowsOnceTheTTLHasPassed() async throws {
        let clock = TestClock()
        try await TestServer.with(Self.configuration(clock: clock, ttl: 2)) { server async throws in
            #expect(try await Self.offered(server) == 1)
            // Another instance over the same database releases: this one cannot know.
            _ = try await server.direct(as: "alice").apply(Self.releaseTwo, to: PackageName(trusted: "hello"), expecting: 3)
            clock.advance(by: 1.9)
            #expect(try await Self.offered(server) == 1, "the kept entry is served within the ttl")
            clock.advance(by: 0.1)
            #expect(try await Self.offered(server) == 2)
        }
    }

    @Test func withTheCacheOffEveryRefreshReadsTheStore() async throws {
        for configuration in [Self.configuration(clock: TestClock(), ttl: 0), Self.configuration(clock: TestClock(), capacity: 0)] {
            try await TestServer.with(configuration) { server async throws in
                #expect(try await Self.offered(server) == 1)
                _ = try await server.direct(as: "alice").apply(Self.releaseTwo, to: PackageName(trusted: "hello"), expecting: 3)
                #expect(try await Self.offered(server) == 2)
            }
        }
    }

    @Test func aSignedInDeviceAlwaysReadsTheStore() async throws {
        try await TestServer.with(Self.configuration(clock: TestClock())) { server async throws in
            #expect(try await Self.offered(server, as: "bob") == 1)
            _ = try await server.direct(as: "alice").apply(Self.releaseTwo, to: PackageName(trusted: "hello"), expecting: 3)
            #expect(try await Self.offered(server, as: "bob") == 2)
        }
    }

    @Test func aKeptEntryGivesTheSameReplyByteForByte() async throws {
        try await TestServer.with(Self.configuration(clock: TestClock())) { server async throws in
            let hello = try await DeviceRoutesTests.id("hello", server)
            let clock = try await DeviceRoutesTests.id("world-clock", server)
            let body = """
                {"context": [\(DeviceRoutesTests.context(hello, revision: 1, tracking: "latest/edge")), \(DeviceRoutesTests.context(clock, revision: 1))],
                 "actions": [{"action": "refresh", "instance-key": "\(hello)", "snap-id": "\(hello)"},
                             {"action": "refresh", "instance-key": "\(clock)", "snap-id": "\(clock)"},
                             {"action": "install", "instance-key": "install-1", "name": "hello-world", "epoch": null},
                             {"action": "install", "instance-key": "install-2", "name": "secret-tool", "epoch": null}],
                 "fields": ["download", "revision", "version", "epoch", "name", "snap-id", "summary", "publisher"]}
                """
            let read = try await server.request(.POST, "/v2/snaps/refresh", body: body)
            let kept = try await server.request(.POST, "/v2/snaps/refresh", body: body)
            #expect(read.status == 200 && kept.status == 200)
            #expect(!read.body.isEmpty && kept.body == read.body)
            // A private snap stays hidden from anonymous devices, kept or not.
            #expect(kept.text.contains("name-not-found"))
        }
    }

    /// Counts the reads that reach the store.
    final class CountingReader: Sendable {
        let service: any StoreService
        let reads = Mutex(0)
        init(_ service: any StoreService) { self.service = service }
        func read(_ lookup: RefreshLookup) async throws(StoreError) -> RefreshCatalogue {
            reads.withLock { $0 += 1 }
            return try await service.refreshCatalogue(lookup)
        }
    }

    @Test func theKeptEntriesStayWithinTheirByteBoundDroppingTheLeastRecentlyUsed() async throws {
        try await TestServer.with { server async throws in
            let reader = CountingReader(server.backend.service(for: .anonymous))
            let hello = RefreshLookup(packages: [.name(PackageName(trusted: "hello")): []])
            let clock = RefreshLookup(packages: [.name(PackageName(trusted: "world-clock")): []])
            let sizes = try await [hello, clock].asyncMap { lookup in
                RefreshEntryCache.cost(of: try #require(try await reader.read(lookup).packages.values.first))
            }
            // Room for either entry, not both.
            let capacity = max(sizes[0], sizes[1]) + 100
            let cache = RefreshEntryCache(ttl: 60, capacity: capacity, clock: { server.clock.now })
            let start = reader.reads.withLock { $0 }
            func catalogue(_ lookup: RefreshLookup) async throws -> RefreshCatalogue {
                try await cache.catalogue(for: lookup, identity: .anonymous, read: reader.read)
            }
            let first = try await catalogue(hello)
            #expect(try await catalogue(hello) == first, "kept")
            #expect(reader.reads.withLock { $0 } == start + 1)
            _ = try await catalogue(clock)
            #expect(cache.bytesKept <= capacity)
            _ = try await catalogue(hello)
            #expect(reader.reads.withLock { $0 } == start + 3, "hello was dropped to make room")
            #expect(cache.bytesKept <= capacity)

            let tiny = RefreshEntryCache(ttl: 60, capacity: min(sizes[0], sizes[1]) - 1, clock: { server.clock.now })
            #expect(try await tiny.catalogue(for: hello, identity: .anonymous, read: reader.read) == first)
            #expect(tiny.bytesKept == 0, "an entry larger than the bound is not kept")
        }
    }

    /// A reader that holds each read for `delay` before reading, so that concurrent callers meet it under way,
    /// and fails its first `failing` reads after the delay.
    final class SlowReader: Sendable {
        let counting: CountingReader
        let delay: Duration
        let failing: Int
        init(_ service: any StoreService, delay: Duration = .milliseconds(300), failing: Int = 0) {
            counting = CountingReader(service)
            self.delay = delay
            self.failing = failing
        }
        func read(_ lookup: RefreshLookup) async throws(StoreError) -> RefreshCatalogue {
            let number = counting.reads.withLock { reads in
                reads += 1
                return reads
            }
            try? await Task.sleep(for: delay)
            if number <= failing { throw StoreError.unavailable("the test's store is down for this read") }
            return try await counting.service.refreshCatalogue(lookup)
        }
        var reads: Int { counting.reads.withLock { $0 } }
    }

    /// `count` concurrent lookups of `lookup` through `cache`, each result or the error it threw.
    static func concurrently(
        _ count: Int, _ lookup: RefreshLookup, through cache: RefreshEntryCache, reader: SlowReader
    ) async -> [Result<RefreshCatalogue, StoreError>] {
        await withTaskGroup(of: Result<RefreshCatalogue, StoreError>.self) { group in
            for _ in 0..<count {
                group.addTask {
                    do throws(StoreError) {
                        return .success(try await cache.catalogue(for: lookup, identity: .anonymous, read: reader.read))
                    } catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func devicesRefreshingAnExpiredEntryTogetherShareOneRead() async throws {
        try await TestServer.with { server async throws in
            let reader = SlowReader(server.backend.service(for: .anonymous))
            let cache = RefreshEntryCache(ttl: 1, capacity: 32 << 20, clock: { server.clock.now })
            let hello = try await DeviceRoutesTests.id("hello", server)
            let lookup = RefreshLookup(packages: [.id(hello): [], .name(PackageName(trusted: "world-clock")): []])
            let first = await Self.concurrently(8, lookup, through: cache, reader: reader)
            #expect(reader.reads == 1, "eight devices missing the same entries read them once")
            let answers = try first.map { try $0.get() }
            #expect(answers.allSatisfy { $0 == answers[0] } && answers[0].packages.count == 2 && answers[0].names[hello] != nil)
            // Expired a second later: again one read for all.
            server.clock.advance(by: 1.5)
            let again = await Self.concurrently(8, lookup, through: cache, reader: reader)
            #expect(reader.reads == 2)
            #expect(try again.map { try $0.get() }.allSatisfy { $0 == answers[0] })
        }
    }

    @Test func whenTheSharedReadFailsEachWaitingDeviceReadsForItself() async throws {
        try await TestServer.with { server async throws in
            let reader = SlowReader(server.backend.service(for: .anonymous), failing: 1)
            let cache = RefreshEntryCache(ttl: 60, capacity: 32 << 20, clock: { server.clock.now })
            let lookup = RefreshLookup(packages: [.name(PackageName(trusted: "hello")): []])
            let results = await Self.concurrently(4, lookup, through: cache, reader: reader)
            let failed = results.filter { if case .failure = $0 { true } else { false } }
            #expect(failed.count == 1, "only the device whose read failed sees the failure")
            #expect(results.compactMap { try? $0.get() }.allSatisfy { $0.packages[PackageName(trusted: "hello")] != nil })
            #expect(reader.reads == 4, "one failed read, then one read by each of the three that waited for it")
        }
    }

    @Test func aLookupOverTheLimitIsStillRefusedWhenEverythingIsKept() async throws {
        try await TestServer.with { server async throws in
            let cache = RefreshEntryCache(ttl: 60, capacity: 32 << 20, clock: { server.clock.now })
            let service = server.backend.service(for: .anonymous)
            let names = (0...PackageLookup.maximumIDs).map { RefreshLookup.Reference.name(PackageName(trusted: "hello-\($0)")) }
            let lookup = RefreshLookup(packages: Dictionary(uniqueKeysWithValues: names.map { ($0, Set<Int>()) }))
            await #expect(throws: StoreError.self) {
                try await cache.catalogue(for: lookup, identity: .anonymous) { lookup throws(StoreError) in try await service.refreshCatalogue(lookup) }
            }
        }
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}

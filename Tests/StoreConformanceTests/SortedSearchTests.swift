import Foundation
import StoreModels
import StoreService
import Testing

/// Search results in an explicit order (name, publisher, version, updated), on every engine.
@Suite("Sorted search")
struct SortedSearchTests {
    /// Every page of `query`, `limit` at a time.
    static func all(_ store: any StoreService, _ query: SearchQuery, limit: Int) async throws -> [PackageSummary] {
        var query = query
        query.limit = limit
        var items: [PackageSummary] = []
        var pages = 0
        repeat {
            let page = try await store.search(query)
            items += page.items
            query.cursor = page.nextCursor
            pages += 1
        } while query.cursor != nil && pages < 100
        return items
    }

    /// Whether `items` are in `sort`'s order: key, then name, both in its direction.
    static func isOrdered(_ items: [PackageSummary], by sort: SearchSort) -> Bool {
        func key(_ item: PackageSummary) -> [UInt8] {
            switch sort.key {
            case .name: []
            case .publisher: Array(item.publisher.username.utf8)
            case .version: Array(VersionOrder.sortKey(item.latestStableVersion).utf8)
            case .updated: Array(String(format: "%020.0f", (item.updatedAt?.timeIntervalSince1970 ?? 0) * 1_000_000).utf8)
            }
        }
        return zip(items, items.dropFirst()).allSatisfy { a, b in
            let (ka, kb) = (key(a), key(b))
            let ascending = ka != kb ? ka.lexicographicallyPrecedes(kb) : a.name.rawValue.utf8.lexicographicallyPrecedes(b.name.rawValue.utf8)
            return ascending != sort.descending
        }
    }

    static let sorts: [SearchSort] = SearchSort.Key.allCases.flatMap { [SearchSort($0, descending: false), SearchSort($0, descending: true)] }

    @Test(arguments: StoreEngine.allCases)
    func everyOrderListsTheWholeCatalogueInOrderAcrossPages(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            for sort in Self.sorts {
                let paged = try await Self.all(store.anonymous, SearchQuery(sort: sort), limit: 3)
                let whole = try await store.anonymous.search(SearchQuery(sort: sort, limit: 200)).items
                #expect(paged == whole, "\(sort.parameter)")
                #expect(Set(whole.map(\.name.rawValue)) == Set(Fixture.publicNames), "\(sort.parameter)")
                #expect(Self.isOrdered(whole, by: sort), "\(sort.parameter): \(whole.map(\.name.rawValue))")
                let reversed = try await store.anonymous.search(SearchQuery(sort: sort.reversed, limit: 200)).items
                #expect(reversed == whole.reversed(), "\(sort.parameter) reversed")
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func versionsSortAsNumbersNotText(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let kits = try await store.anonymous.search(SearchQuery(category: "development", sort: SearchSort(.version))).items
            // 1.11 and 1.10 above 1.9: digits compared as numbers.
            #expect(kits.compactMap(\.latestStableVersion).prefix(4) == ["1.11", "1.10", "1.9", "1.8"])
            let all = try await store.anonymous.search(SearchQuery(sort: SearchSort(.version), limit: 200)).items
            #expect(all.first?.name.rawValue == "postgresql-k8s")  // 14.9
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aReleaseMovesThePackageToTheTopOfRecentlyUpdated(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let before = try await store.anonymous.search(SearchQuery(sort: SearchSort(.updated))).items
            #expect(before.first?.name.rawValue != "greeter")
            let bob = try await store.service(as: Fixture.bob)
            let name = PackageName(trusted: "greeter")
            let map = try await bob.channelMap(of: name)
            _ = try await bob.apply(ReleasePlan([.release(revision: 1, channels: [Channel(risk: .edge)])]), to: name, expecting: map.version)
            let after = try await store.anonymous.search(SearchQuery(sort: SearchSort(.updated))).items
            #expect(after.first?.name.rawValue == "greeter")
            #expect((after.first?.updatedAt ?? .distantPast) > Fixture.past.addingTimeInterval(86_400))
            let oldest = try await store.anonymous.search(SearchQuery(sort: SearchSort(.updated, descending: false), limit: 200)).items
            #expect(oldest.last?.name.rawValue == "greeter")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func sortedSearchKeepsTextAndFilters(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let hello = try await store.anonymous.search(SearchQuery(text: "hello", sort: SearchSort(.name))).items.map(\.name.rawValue)
            // No exact-name-first in an explicit order; hidden packages stay hidden.
            #expect(hello == ["greeter", "hello", "hello-world"])
            let byPublisher = try await store.anonymous.search(SearchQuery(text: "tool", sort: SearchSort(.publisher))).items
            #expect(Set(byPublisher.map(\.name.rawValue)) == Set(Fixture.kitNames))
            #expect(Self.isOrdered(byPublisher, by: SearchSort(.publisher)))
            let alices = try await store.anonymous.search(SearchQuery(publisher: Fixture.alice, sort: SearchSort(.version))).items
            #expect(alices.allSatisfy { $0.publisher.username == Fixture.alice })
            #expect(alices.first?.name.rawValue == "world-clock")
            let charms = try await store.anonymous.search(SearchQuery(type: .charm, sort: SearchSort(.name))).items.map(\.name.rawValue)
            #expect(charms == ["postgresql-k8s"])
            let first = try await store.anonymous.search(SearchQuery(text: "tool", sort: SearchSort(.name), limit: 5))
            #expect(first.total == Fixture.kitNames.count)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func wordsTooCommonToRankGiveTheSameSortedPages(engine: StoreEngine) async throws {
        try engine.skip(on: .http, because: BroadSearchTests.notOverHTTP)
        try await withStore(engine) { store in
            for sort in Self.sorts {
                let query = SearchQuery(text: "tool", sort: sort)
                let fromHits = try await Self.all(store.anonymous, query, limit: 4)
                let probed = try await engine.withBroadSearch { try await Self.all(store.anonymous, query, limit: 4) }
                #expect(probed == fromHits, "\(sort.parameter)")
                #expect(fromHits.count == Fixture.kitNames.count)
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func pagesNeitherSkipNorRepeatWhilePackagesAreAdded(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            var query = SearchQuery(sort: SearchSort(.updated), limit: 3)
            var seen: [String] = []
            var page = 0
            repeat {
                let result = try await store.anonymous.search(query)
                seen += result.items.map(\.name.rawValue)
                query.cursor = result.nextCursor
                // Registered now: newer than every page already read, so they belong before the cursor.
                _ = try await alice.registerName(.fixture("new-\(page)"), type: .snap, isPrivate: false)
                page += 1
            } while query.cursor != nil && page < 50
            #expect(Set(seen).count == seen.count, "repeated: \(seen)")
            #expect(Set(seen).isSuperset(of: Fixture.publicNames))
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aCursorOfOneOrderIsRefusedByAnother(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let byName = try await store.anonymous.search(SearchQuery(sort: SearchSort(.name), limit: 2))
            let cursor = try #require(byName.nextCursor)
            await #expect(throws: StoreError.self) {
                _ = try await store.anonymous.search(SearchQuery(sort: SearchSort(.updated), cursor: cursor, limit: 2))
            }
            await #expect(throws: StoreError.self) {
                _ = try await store.anonymous.search(SearchQuery(cursor: cursor, limit: 2))
            }
            let relevance = try await store.anonymous.search(SearchQuery(limit: 2))
            await #expect(throws: StoreError.self) {
                _ = try await store.anonymous.search(SearchQuery(sort: SearchSort(.name), cursor: relevance.nextCursor, limit: 2))
            }
        }
    }
}

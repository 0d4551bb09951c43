import Foundation
import StoreModels
import StoreService
import Testing

/// A search's first page says exactly how many results there are, so the console can show
/// `2953 packages` and `row 5 of 2953` rather than `100+`.
@Suite("Search totals")
struct SearchTotalTests {
    /// Every result of `query`, page by page.
    static func all(_ service: any StoreService, _ query: SearchQuery) async throws -> [PackageSummary] {
        var query = query
        var items: [PackageSummary] = []
        while true {
            let page = try await service.search(query)
            items += page.items
            guard let cursor = page.nextCursor else { return items }
            query.cursor = cursor
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aFirstPageCountsEveryResultItsPagesHold(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let queries = [
                SearchQuery(limit: 2),
                SearchQuery(text: "hello", limit: 1),
                SearchQuery(text: "wor", type: .snap, limit: 1),
                SearchQuery(verifiedOnly: true, limit: 2),
                SearchQuery(text: "no-such-word-anywhere", limit: 5),
            ]
            for query in queries {
                let first = try await store.anonymous.search(query)
                let every = try await Self.all(store.anonymous, query)
                #expect(first.total == every.count, "\(query.text.isEmpty ? "browse" : query.text): total \(String(describing: first.total)), pages hold \(every.count)")
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func theCountLeavesOutWhatTheCallerMayNotSee(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let admin = try await store.service(as: Fixture.admin)
            let counted = try await admin.search(SearchQuery(limit: 1)).total
            #expect(counted == Fixture.publicNames.count, "hidden packages are not counted, even for admins")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func laterPagesCarryNoCount(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let first = try await store.anonymous.search(SearchQuery(limit: 1))
            let cursor = try #require(first.nextCursor)
            let second = try await store.anonymous.search(SearchQuery(cursor: cursor, limit: 1))
            #expect(second.total == nil)
        }
    }
}

import Foundation
import StoreModels
import StoreService
import Testing

/// Broad mode (words too common to rank) on the small fixture, by lowering each engine's ranking limit.
@Suite("Broad search")
struct BroadSearchTests {
    /// Why `.http` does not run these: broad mode is forced through the engine's task-local tuning.
    static let notOverHTTP = "broad mode is forced with the engine's task-local search tuning, which does not reach the server's request tasks"

    @Test(arguments: StoreEngine.allCases)
    func broadSearchPutsTheExactNameFirstThenOrdersByName(engine: StoreEngine) async throws {
        try engine.skip(on: .http, because: Self.notOverHTTP)
        try await withStore(engine) { store in
            let names = try await engine.withBroadSearch { try await store.anonymous.search(SearchQuery(text: "hello")) }.items.map(\.name.rawValue)
            #expect(names == ["hello", "greeter", "hello-world"])
            let tools = try await engine.withBroadSearch { try await store.anonymous.search(SearchQuery(text: "tool", limit: 200)) }.items.map(\.name.rawValue)
            #expect(tools == Fixture.kitNames.sorted())
        }
    }

    @Test(arguments: StoreEngine.allCases, ["hell", "hello-worl", "work", "workshop tool", "tool work", "sturd", "greeting prog", "wor"])
    func broadModeFindsWhatRankedModeFinds(engine: StoreEngine, text: String) async throws {
        try engine.skip(on: .http, because: Self.notOverHTTP)
        try await withStore(engine) { store in
            let ranked = try await store.anonymous.search(SearchQuery(text: text, limit: 200)).items.map(\.name.rawValue)
            let broad = try await engine.withBroadSearch { try await store.anonymous.search(SearchQuery(text: text, limit: 200)) }.items.map(\.name.rawValue)
            #expect(!ranked.isEmpty)
            #expect(Set(broad) == Set(ranked))
            #expect(Array(broad.dropFirst(broad.first == text ? 1 : 0)) == broad.dropFirst(broad.first == text ? 1 : 0).sorted())
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func broadSearchAppliesFilters(engine: StoreEngine) async throws {
        try engine.skip(on: .http, because: Self.notOverHTTP)
        try await withStore(engine) { store in
            let education = try await engine.withBroadSearch {
                try await store.anonymous.search(SearchQuery(text: "hello", category: "education"))
            }.items.map(\.name.rawValue)
            #expect(education == ["greeter", "hello-world"])
            let alices = try await engine.withBroadSearch {
                try await store.anonymous.search(SearchQuery(text: "hello", publisher: Fixture.alice))
            }.items.map(\.name.rawValue)
            #expect(alices == ["hello"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func broadPagesNeitherSkipNorRepeatWhilePackagesAreAdded(engine: StoreEngine) async throws {
        try engine.skip(on: .http, because: Self.notOverHTTP)
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            _ = try await alice.registerName(.fixture("tool"), type: .snap, isPrivate: false)
            var seen: [String] = []
            var cursor: String?
            var page = 0
            repeat {
                let result = try await engine.withBroadSearch { try await store.anonymous.search(SearchQuery(text: "tool", cursor: cursor, limit: 3)) }
                seen += result.items.map(\.name.rawValue)
                cursor = result.nextCursor
                _ = try await alice.registerName(.fixture("aa-tool-\(page)"), type: .snap, isPrivate: false)
                _ = try await alice.registerName(.fixture("zz-tool-\(page)"), type: .snap, isPrivate: false)
                page += 1
            } while cursor != nil && page < 50
            #expect(seen.first == "tool")
            #expect(Set(seen).count == seen.count, "repeated: \(seen)")
            #expect(Set(seen).isSuperset(of: Fixture.kitNames))
            // A cursor keeps its mode: the next page of a broad search stays broad at any limit.
            let first = try await engine.withBroadSearch { try await store.anonymous.search(SearchQuery(text: "tool", limit: 1)) }
            let second = try await store.anonymous.search(SearchQuery(text: "tool", cursor: first.nextCursor, limit: 1))
            #expect(first.items.map(\.name.rawValue) == ["tool"])
            #expect(second.items.map(\.name.rawValue) == ["aa-tool-0"])
        }
    }
}

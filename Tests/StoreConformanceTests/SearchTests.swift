import Foundation
import StoreModels
import StoreService
import Testing

@Suite("Search")
struct SearchTests {
    @Test(arguments: StoreEngine.allCases)
    func exactNameComesFirstThenNameMatchesBeforeDescriptionMatches(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let names = try await store.anonymous.search(SearchQuery(text: "hello")).items.map(\.name.rawValue)
            #expect(names.first == "hello")
            let helloWorld = try #require(names.firstIndex(of: "hello-world"))
            let greeter = try #require(names.firstIndex(of: "greeter"))
            #expect(helloWorld < greeter, "a name match outranks a description match: \(names)")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func exactNameWinsEvenWhenOthersMentionTheWordMore(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let names = try await store.anonymous.search(SearchQuery(text: "greeter")).items.map(\.name.rawValue)
            #expect(names == ["greeter"])
            let kits = try await store.anonymous.search(SearchQuery(text: "jig-kit")).items.map(\.name.rawValue)
            #expect(kits.first == "jig-kit")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func lastWordMatchesAsAPrefix(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let names = try await store.anonymous.search(SearchQuery(text: "wor")).items.map(\.name.rawValue)
            #expect(Set(names).isSuperset(of: ["hello-world", "world-clock"]))
            let complete = try await store.anonymous.search(SearchQuery(text: "wor ")).items
            #expect(complete.isEmpty, "a trailing space ends the word")
        }
    }

    @Test(arguments: StoreEngine.allCases, ["\"", "hello OR", "NEAR(hello world)", "name:hello", "*", "hello\"*", "(", "-hello", "^x", "a AND"])
    func searchSyntaxInUserTextIsTakenLiterally(engine: StoreEngine, text: String) async throws {
        try await withStore(engine) { store in
            // Never an error: user text is quoted word by word.
            _ = try await store.anonymous.search(SearchQuery(text: text))
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func hiddenPackagesNeverAppearEvenForAdmins(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            for username in [Fixture.admin, Fixture.alice, Fixture.mallory] {
                let service = try await store.service(as: username)
                let found = try await service.search(SearchQuery(text: "hello", limit: 200)).items.map(\.name.rawValue)
                let listed = try await service.search(SearchQuery(limit: 200)).items.map(\.name.rawValue)
                for hidden in Fixture.hiddenNames {
                    #expect(!found.contains(hidden), "\(username) found \(hidden)")
                    #expect(!listed.contains(hidden), "\(username) listed \(hidden)")
                }
            }
            let all = try await store.anonymous.search(SearchQuery(limit: 200)).items.map(\.name.rawValue)
            #expect(all == Fixture.publicNames.sorted())
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func filtersNarrowByTypeCategoryPublisherAndVerification(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let search = store.anonymous
            #expect(try await search.search(SearchQuery(type: .charm)).items.map(\.name.rawValue) == ["postgresql-k8s"])
            #expect(try await search.search(SearchQuery(category: "education")).items.map(\.name.rawValue) == ["greeter", "hello-world"])
            #expect(try await search.search(SearchQuery(text: "hello", category: "education")).items.map(\.name.rawValue).sorted()
                == ["greeter", "hello-world"])
            let alices = try await search.search(SearchQuery(publisher: Fixture.alice, limit: 200)).items
            #expect(alices.allSatisfy { $0.publisher.username == Fixture.alice })
            #expect(alices.map(\.name.rawValue).contains("hello") && !alices.map(\.name.rawValue).contains("secret-tool"))
            let verified = try await search.search(SearchQuery(verifiedOnly: true, limit: 200)).items
            #expect(!verified.isEmpty && verified.allSatisfy { $0.publisher.validation != .unproven })
            #expect(try await search.search(SearchQuery(text: "tool", type: .charm)).items.isEmpty)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func resultsCarryTheVersionLatestStableServes(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let hello = try #require(try await store.anonymous.search(SearchQuery(text: "hello")).items.first)
            #expect(hello.latestStableVersion == "1.0")
            #expect(hello.publisher.username == Fixture.alice)
            #expect(hello.categories == ["utilities"])
            let charm = try #require(try await store.anonymous.search(SearchQuery(type: .charm)).items.first)
            #expect(charm.latestStableVersion == "14.9")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func browsingPagesNeitherSkipNorRepeatWhilePackagesAreAdded(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            var seen: [String] = []
            var cursor: String?
            var page = 0
            repeat {
                let result = try await store.anonymous.search(SearchQuery(cursor: cursor, limit: 3))
                seen += result.items.map(\.name.rawValue)
                cursor = result.nextCursor
                // Register names before and after the cursor between pages.
                _ = try await alice.registerName(.fixture("aa-new-\(page)"), type: .snap, isPrivate: false)
                _ = try await alice.registerName(.fixture("zz-new-\(page)"), type: .snap, isPrivate: false)
                page += 1
            } while cursor != nil && page < 50
            #expect(Set(seen).count == seen.count, "repeated: \(seen)")
            #expect(Set(seen).isSuperset(of: Fixture.publicNames), "skipped: \(Set(Fixture.publicNames).subtracting(seen))")
            #expect(seen == seen.sorted())
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func rankedPagesNeitherSkipNorRepeatWhileMatchingPackagesAreAdded(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let all = try await store.anonymous.search(SearchQuery(text: "tool", limit: 200)).items.map(\.name.rawValue)
            #expect(Set(all) == Set(Fixture.kitNames))
            var seen: [String] = []
            var cursor: String?
            var page = 0
            repeat {
                let result = try await store.anonymous.search(SearchQuery(text: "tool", cursor: cursor, limit: 4))
                seen += result.items.map(\.name.rawValue)
                cursor = result.nextCursor
                // New matches change every corpus statistic a rank could depend on.
                _ = try await store.backend.importCatalogue(accounts: [], entries: [
                    Fixture.entry("tool-\(page)", owner: Fixture.eve, title: "Tool \(page)", summary: "tool tool tool",
                                  description: "tool", categories: [], revisions: [], map: ChannelMap()),
                ])
                page += 1
            } while cursor != nil && page < 50
            #expect(Set(seen).count == seen.count, "repeated: \(seen)")
            #expect(Set(seen).isSuperset(of: all), "skipped: \(Set(all).subtracting(seen))")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func pageSizeIsCappedAndForeignCursorsAreRefused(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let page = try await store.anonymous.search(SearchQuery(limit: 10_000))
            #expect(page.items.count <= SearchQuery.maximumLimit)
            let browse = try await store.anonymous.search(SearchQuery(limit: 2))
            let cursor = try #require(browse.nextCursor)
            let error = await storeError { _ = try await store.anonymous.search(SearchQuery(text: "tool", cursor: cursor)) }
            #expect(error?.code == "bad-argument")
            let garbage = await storeError { _ = try await store.anonymous.search(SearchQuery(cursor: "%%%not-a-cursor")) }
            #expect(garbage?.code == "bad-argument")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func categoriesListsWhatPackagesUse(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let categories = try await store.anonymous.categories()
            #expect(categories == ["databases", "development", "education", "utilities"])
        }
    }
}

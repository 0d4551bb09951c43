import Foundation
import StoreModels
import StoreService
@_spi(Testing) import StoreSQLite
import Testing

/// Tiered (top-k) search: words found in more packages than are worth scoring. The exact name
/// comes first, then the packages whose name, title or summary hold the words (by score when they
/// are few, else in registration order), then those that only mention them in their description,
/// in registration order; and pages neither skip nor repeat.
@Suite("Tiered search")
struct TieredSearchTests {
    static let sqliteOnly = "tiered search is the SQLite engine's, forced with its task-local scoring limit, which does not reach the server's request tasks; PostgreSQL ranks every hit"

    /// The strong hits of "zest" in registration order: a summary hit, a title hit, a name hit.
    static let strongNames = ["grater", "lemon-peeler", "zest-press"]
    /// The same by score: name ≫ title > summary.
    static let strongByScore = ["zest-press", "lemon-peeler", "grater"]
    /// Packages that mention "zest" in their description only, in registration order.
    static let weakNames = (0..<16).map { "weak-\(String(format: "%02d", $0))" }

    /// The fixture plus "zest": its exact name, three strong hits and sixteen description mentions
    /// over three publishers (alice verified), snaps and charms, two categories.
    static var zestCatalogue: [CatalogueEntry] {
        let owners = [Fixture.alice, Fixture.bob, Fixture.eve]
        return Fixture.entries + [
            Fixture.entry("zest", owner: Fixture.bob, title: "Zest", summary: "The zest itself", description: "Zest.",
                          categories: ["utilities"], revisions: [], map: ChannelMap()),
            Fixture.entry("grater", owner: Fixture.alice, title: "Grater", summary: "Grates a little zest", description: "Steel.",
                          categories: ["utilities"], revisions: [], map: ChannelMap()),
            Fixture.entry("lemon-peeler", type: .charm, owner: Fixture.eve, title: "Zest Peeler", summary: "Peels lemons",
                          description: "Sharp.", categories: ["education"], revisions: [], map: ChannelMap()),
            Fixture.entry("zest-press", owner: Fixture.alice, title: "Press", summary: "Presses fruit", description: "Squeezes.",
                          categories: ["utilities"], revisions: [], map: ChannelMap()),
        ] + weakNames.enumerated().map { index, name in
            Fixture.entry(name, type: index % 2 == 1 ? .charm : .snap, owner: owners[index % 3], title: "Helper \(index)",
                          summary: "A kitchen helper", description: "Adds zest to food.",
                          categories: [index % 2 == 0 ? "education" : "utilities"], revisions: [], map: ChannelMap())
        }
    }

    /// Every result of `query`, page by page, with `scoringLimit` forced on the SQLite engine.
    static func all(_ service: any StoreService, _ query: SearchQuery, scoringLimit: Int) async throws -> [PackageSummary] {
        var query = query
        var items: [PackageSummary] = []
        while true {
            let page = try await SearchTuning.$scoringLimit.withValue(scoringLimit) { try await service.search(query) }
            items += page.items
            guard let cursor = page.nextCursor, items.count < 1000 else { return items }
            query.cursor = cursor
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func strongHitsComeByScoreAfterTheExactNameThenDescriptionHitsByRegistration(engine: StoreEngine) async throws {
        try engine.skip(on: .http, because: Self.sqliteOnly)
        try engine.skip(on: .postgres, because: Self.sqliteOnly)
        try await withStore(engine, importing: Self.zestCatalogue) { store in
            // 20 hits, more than 4 scored; 4 strong ones (the exact name too), so they are scored.
            let tiered = try await Self.all(store.anonymous, SearchQuery(text: "zest", limit: 3), scoringLimit: 4).map(\.name.rawValue)
            #expect(tiered == ["zest"] + Self.strongByScore + Self.weakNames)
            let ranked = try await store.anonymous.search(SearchQuery(text: "zest", limit: 100)).items.map(\.name.rawValue)
            #expect(tiered == ranked, "where every hit is scored, the order is the same")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func strongHitsTooManyToScoreComeByRegistrationBeforeDescriptionHits(engine: StoreEngine) async throws {
        try engine.skip(on: .http, because: Self.sqliteOnly)
        try engine.skip(on: .postgres, because: Self.sqliteOnly)
        try await withStore(engine, importing: Self.zestCatalogue) { store in
            let first = try await SearchTuning.$scoringLimit.withValue(3) {
                try await store.anonymous.search(SearchQuery(text: "zest", limit: 100))
            }
            #expect(first.items.map(\.name.rawValue) == ["zest"] + Self.strongNames + Self.weakNames)
            #expect(first.total == 20, "the total still counts every hit")
        }
    }

    @Test(arguments: StoreEngine.allCases, [0, 3, 4])
    func tieredPagesNeitherSkipNorRepeatWhilePackagesAreAdded(engine: StoreEngine, scoringLimit: Int) async throws {
        try engine.skip(on: .http, because: Self.sqliteOnly)
        try engine.skip(on: .postgres, because: Self.sqliteOnly)
        try await withStore(engine, importing: Self.zestCatalogue) { store in
            let original = try await Self.all(store.anonymous, SearchQuery(text: "zest", limit: 100), scoringLimit: scoringLimit)
                .map(\.name.rawValue)
            var seen: [String] = []
            var cursor: String?
            var page = 0
            repeat {
                let result = try await SearchTuning.$scoringLimit.withValue(scoringLimit) {
                    try await store.anonymous.search(SearchQuery(text: "zest", cursor: cursor, limit: 2))
                }
                seen += result.items.map(\.name.rawValue)
                cursor = result.nextCursor
                // A strong and a weak hit, each sorting before and after the cursor by name.
                _ = try await store.backend.importCatalogue(accounts: [], entries: [
                    Fixture.entry("zest-new-\(page)", owner: Fixture.eve, title: "New", summary: "New", description: "New.",
                                  categories: [], revisions: [], map: ChannelMap()),
                    Fixture.entry("aa-weak-\(page)", owner: Fixture.eve, title: "New", summary: "New", description: "More zest.",
                                  categories: [], revisions: [], map: ChannelMap()),
                ])
                page += 1
            } while cursor != nil && page < 100
            #expect(Set(seen).count == seen.count, "repeated: \(seen)")
            #expect(seen.filter(Set(original).contains) == original, "skipped or reordered: \(seen)")
        }
    }

    @Test(arguments: StoreEngine.allCases, [
        ("charms", SearchQuery(text: "zest", type: .charm, limit: 3)),
        ("education", SearchQuery(text: "zest", category: "education", limit: 3)),
        ("verified", SearchQuery(text: "zest", verifiedOnly: true, limit: 3)),
        ("alice", SearchQuery(text: "zest", publisher: Fixture.alice, limit: 3)),
    ])
    func filtersKeepTheTieredOrderOfWhatTheyLetThrough(engine: StoreEngine, filter: (String, SearchQuery)) async throws {
        try engine.skip(on: .http, because: Self.sqliteOnly)
        try engine.skip(on: .postgres, because: Self.sqliteOnly)
        try await withStore(engine, importing: Self.zestCatalogue) { store in
            let (name, query) = filter
            let passes: (PackageSummary) -> Bool = { summary in
                (query.type.map { summary.type == $0 } ?? true)
                    && (query.category.map { summary.categories.contains($0) } ?? true)
                    && (!query.verifiedOnly || summary.publisher.validation != .unproven)
                    && (query.publisher.map { summary.publisher.username == $0 } ?? true)
            }
            for scoringLimit in [0, 4] {
                let everything = try await Self.all(store.anonymous, SearchQuery(text: "zest", limit: 100), scoringLimit: scoringLimit)
                let filtered = try await Self.all(store.anonymous, query, scoringLimit: scoringLimit)
                #expect(!filtered.isEmpty)
                #expect(filtered.map(\.name.rawValue) == everything.filter(passes).map(\.name.rawValue), "\(name), scoring limit \(scoringLimit)")
            }
        }
    }

    /// No knob: a word in more packages than the SQLite engine ever scores, on every engine.
    @Test(arguments: StoreEngine.allCases)
    func aWordInMorePackagesThanAreScoredPagesStablyWithStrongHitsFirst(engine: StoreEngine) async throws {
        let mentions = (0..<1_050).map { index in
            Fixture.entry("mention-\(index)", owner: Fixture.eve, title: "Mention \(index)", summary: "Something else",
                          description: "Also good with quince.", categories: [], revisions: [], map: ChannelMap())
        }
        let strong = ["quince", "quince-jam", "quince-paste"].map { name in
            Fixture.entry(name, owner: Fixture.alice, title: "Quince", summary: "Quince", description: "Fruit.",
                          categories: [], revisions: [], map: ChannelMap())
        }
        try await withStore(engine, importing: Fixture.entries + mentions + strong) { store in
            var seen: [String] = []
            var cursor: String?
            var page = 0
            repeat {
                let result = try await store.anonymous.search(SearchQuery(text: "quince", cursor: cursor, limit: 100))
                if page == 0 { #expect(result.total == 1_053) }
                seen += result.items.map(\.name.rawValue)
                cursor = result.nextCursor
                _ = try await store.backend.importCatalogue(accounts: [], entries: [
                    Fixture.entry("aa-mention-\(page)", owner: Fixture.eve, title: "New", summary: "New", description: "quince",
                                  categories: [], revisions: [], map: ChannelMap()),
                ])
                page += 1
            } while cursor != nil && page < 50
            #expect(seen.prefix(3) == ["quince", "quince-jam", "quince-paste"], "exact name, then the name hits: \(seen.prefix(5))")
            #expect(Set(seen).count == seen.count, "repeated")
            #expect(Set(seen).isSuperset(of: mentions.map(\.package.name.rawValue)), "skipped")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aFirstPageWithoutItsTotalIsTheSamePageInEveryMode(engine: StoreEngine) async throws {
        try engine.skip(on: .http, because: "the total is asked for by the engine's callers; the server's find sets it off itself")
        // Registered last, named first, and scored above the other description hits: where it lands tells
        // the modes apart (ranked puts it first of them, tiered last).
        let late = ["aa-late-snap", "aa-late-charm"].map { name in
            Fixture.entry(name, type: name.hasSuffix("charm") ? .charm : .snap, owner: Fixture.alice, title: "Late",
                          summary: "Late", description: "Zest, zest and more zest.", categories: ["education"],
                          revisions: [], map: ChannelMap())
        }
        try await withStore(engine, importing: Self.zestCatalogue + late) { store in
            let filters: [SearchQuery] = [
                SearchQuery(text: "zest", limit: 5), SearchQuery(text: "zest", type: .snap, limit: 5),
                SearchQuery(text: "zest", type: .charm, limit: 30), SearchQuery(text: "zest", category: "education", limit: 5),
                SearchQuery(text: "zest", verifiedOnly: true, limit: 5), SearchQuery(text: "zes", limit: 100),
            ]
            // Limits on each side of every count the mode is chosen by: 22 hits, fewer after each filter.
            let limits = engine == .sqlite ? [0, 1, 3, 4, 9, 10, 11, 12, 13, 19, 20, 21, 22, 23, 1_000] : [1_000]
            for query in filters {
                for scoring in limits {
                    for ranking in limits where ranking >= scoring {
                        // Each first page, and the page its cursor leads to (the cursor keeps the mode chosen).
                        let (counted, uncounted, countedNext, uncountedNext) = try await SearchTuning.$scoringLimit.withValue(scoring) {
                            try await SearchTuning.$rankingLimit.withValue(ranking) {
                                var without = query
                                without.countsTotal = false
                                let (counted, uncounted) = (try await store.anonymous.search(query), try await store.anonymous.search(without))
                                var (next, uncountedNext) = (query, without)
                                (next.cursor, uncountedNext.cursor) = (counted.nextCursor, uncounted.nextCursor)
                                return (counted, uncounted,
                                        counted.nextCursor == nil ? [] : try await store.anonymous.search(next).items,
                                        uncounted.nextCursor == nil ? [] : try await store.anonymous.search(uncountedNext).items)
                            }
                        }
                        let context = "\(engine) \(query) scoring \(scoring) ranking \(ranking)"
                        #expect(uncounted.items.map(\.name) == counted.items.map(\.name), "\(context)")
                        #expect(uncountedNext.map(\.name) == countedNext.map(\.name), "\(context)")
                        #expect(counted.total != nil && uncounted.total == nil, "\(context)")
                    }
                }
            }
        }
    }
}

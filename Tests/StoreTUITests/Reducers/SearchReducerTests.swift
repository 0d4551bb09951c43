import Testing
import StoreModels
import StoreService
@testable import StoreTUI

@Suite struct SearchReducerTests {
    static func fresh() -> AppState {
        AppState(settings: AppSettings(storeLocation: "x", isRemote: false, identity: TestCatalogue.identity), width: 80, height: 24, now: TestCatalogue.now)
    }

    @Test func startSearchesEverythingAndLoadsCategories() {
        var state = Self.fresh()
        let effects = AppReducer.start(&state)
        // The identity is an admin: the review queue loads too, for the count in the status bar.
        #expect(effects == [.search(SearchQuery(limit: 100), Ticket(1), debounceMilliseconds: 0), .loadCategories,
                            .loadReviewQueue(cursor: nil, limit: ReviewQueueReducer.pageSize, Ticket(2))])
        #expect(state.search.list.pending == Ticket(1))
    }

    @Test func typingDebouncesAndSupersedesTheRequestInFlight() {
        var state = Self.fresh()
        _ = AppReducer.start(&state)
        _ = AppReducer.reduce(&state, .key(.character("/")))
        #expect(state.search.isEditing)
        let first = AppReducer.reduce(&state, .key(.character("h")))
        let second = AppReducer.reduce(&state, .key(.character("e")))
        // Ticket 2 went to the review queue at start (the identity is an admin).
        #expect(first == [.search(SearchQuery(text: "h", limit: 100), Ticket(3), debounceMilliseconds: 120)])
        #expect(second == [.search(SearchQuery(text: "he", limit: 100), Ticket(4), debounceMilliseconds: 120)])
        // The answer to the superseded request is dropped even if it arrives late.
        _ = AppReducer.reduce(&state, .searchLoaded(Ticket(3), .success(Page(items: [TestCatalogue.summaries[1]]))))
        #expect(state.search.list.items.isEmpty)
        _ = AppReducer.reduce(&state, .searchLoaded(Ticket(4), .success(Page(items: [TestCatalogue.summaries[0]]))))
        #expect(state.search.list.items.map(\.name.rawValue) == ["hello-world"])
    }

    @Test func filtersRestartTheSearchFromTheTop() {
        var state = TestCatalogue.searchState()
        state.search.list.highlighted = 3
        let effects = AppReducer.reduce(&state, .key(.character("t")))
        #expect(state.search.type == .snap)
        #expect(state.search.list.highlighted == 0)
        guard case .search(let query, _, 0)? = effects.first else {
            Issue.record("expected an immediate search, got \(effects)")
            return
        }
        #expect(query.type == .snap)
        _ = AppReducer.reduce(&state, .key(.character("v")))
        #expect(state.search.verifiedOnly)
    }

    @Test func sStepsThroughTheOrdersAndSReversesTheOneInForce() {
        var state = TestCatalogue.searchState()
        state.search.list.highlighted = 2
        var orders: [String] = []
        for _ in 0..<5 {
            let effects = AppReducer.reduce(&state, .key(.character("s")))
            guard case .search(let query, _, 0)? = effects.first else {
                Issue.record("expected an immediate search, got \(effects)")
                return
            }
            #expect(query.sort == state.search.sort)
            #expect(query.cursor == nil)
            #expect(state.search.list.highlighted == 0)
            orders.append(state.search.sort?.parameter ?? "relevance")
        }
        #expect(orders == ["name", "publisher", "-version", "-updated", "relevance"])

        // S on relevance says why nothing changes and asks nothing of the store.
        #expect(AppReducer.reduce(&state, .key(.character("S"))).isEmpty)
        #expect(state.message?.text.contains("s picks another order") == true)
        _ = AppReducer.reduce(&state, .key(.character("s")))
        let reversed = AppReducer.reduce(&state, .key(.character("S")))
        #expect(state.search.sort == SearchSort(.name, descending: true))
        guard case .search(let query, _, 0)? = reversed.first else {
            Issue.record("expected an immediate search, got \(reversed)")
            return
        }
        #expect(query.sort?.parameter == "-name")
        #expect(state.search.filterSummary.hasSuffix("by name ↓"))
        // s from a reversed order goes on to the next key in its usual direction.
        _ = AppReducer.reduce(&state, .key(.character("s")))
        #expect(state.search.sort == SearchSort(.publisher))
    }

    @Test func thePaletteSortsByAnyOrderAndRefusesWhatIsNotOne() {
        var state = TestCatalogue.searchState()
        let effects = PaletteReducer.execute("sort updated asc", in: &state)
        #expect(state.search.sort == SearchSort(.updated, descending: false))
        #expect(effects.contains { if case .search(let query, _, _) = $0 { query.sort?.parameter == "updated" } else { false } })
        _ = PaletteReducer.execute("sort version", in: &state)
        #expect(state.search.sort == SearchSort(.version, descending: true))
        _ = PaletteReducer.execute("sort relevance", in: &state)
        #expect(state.search.sort == nil)
        #expect(PaletteReducer.execute("sort size", in: &state).isEmpty)
        #expect(state.message?.severity == .error)
        #expect(PaletteCommands.completions(for: "sort up", state: state) == ["sort updated", "sort updated asc", "sort updated desc"])
    }

    @Test func movingNearTheEndLoadsTheNextPageOnce() {
        var state = TestCatalogue.searchState()
        state.search.list.nextCursor = "next"
        let effects = AppReducer.reduce(&state, .key(.character("j")))
        guard case .search(let query, let ticket, _)? = effects.first else {
            Issue.record("expected a next-page search, got \(effects)")
            return
        }
        #expect(query.cursor == "next")
        #expect(AppReducer.reduce(&state, .key(.character("j"))).isEmpty)
        _ = AppReducer.reduce(&state, .searchLoaded(ticket, .success(Page(items: [TestCatalogue.summaries[0]], nextCursor: nil))))
        #expect(state.search.list.items.count == TestCatalogue.summaries.count + 1)
        #expect(state.search.list.highlighted == 2)
    }

    @Test func selectionStaysInsideTheListAndVisible() {
        var state = TestCatalogue.searchState(width: 80, height: 12)
        for _ in 0..<20 { _ = AppReducer.reduce(&state, .key(.down)) }
        #expect(state.search.list.highlighted == TestCatalogue.summaries.count - 1)
        let rows = state.layout.listRows
        #expect(state.search.list.highlighted >= state.search.list.scroll && state.search.list.highlighted < state.search.list.scroll + rows)
        _ = AppReducer.reduce(&state, .key(.home))
        #expect(state.search.list.highlighted == 0 && state.search.list.scroll == 0)
    }

    @Test func unreachableStoreKeepsResultsGoesOfflineAndSchedulesARetry() {
        var state = TestCatalogue.searchState()
        let ticket = state.issueTicket()
        state.search.list.pending = ticket
        let effects = AppReducer.reduce(&state, .searchLoaded(ticket, .failure(.unreachable("connection refused"))))
        #expect(state.search.list.items.count == TestCatalogue.summaries.count)
        #expect(effects == [.scheduleRetry(afterMilliseconds: 1000)])
        guard case .offline(_, 1) = state.connection else {
            Issue.record("expected offline, got \(state.connection)")
            return
        }
        let retry = AppReducer.reduce(&state, .retryDue)
        #expect(retry.contains { if case .search = $0 { true } else { false } })
    }

    @Test func successAfterOfflineReconnects() {
        var state = TestCatalogue.searchState()
        state.connection = .offline(since: TestCatalogue.now, attempt: 3)
        let ticket = state.issueTicket()
        state.search.list.pending = ticket
        let effects = AppReducer.reduce(&state, .searchLoaded(ticket, .success(Page(items: []))))
        #expect(state.connection == .online)
        #expect(effects.contains(.cancel(.retry)))
    }

    @Test func enterOpensTheSelectedPackageAndLoadsItsParts() {
        var state = TestCatalogue.searchState()
        let effects = AppReducer.reduce(&state, .key(.enter))
        #expect(state.route == .package(TestCatalogue.name("hello-world")))
        #expect(effects.count == 3)
        #expect(effects.contains { if case .loadPackage = $0 { true } else { false } })
        #expect(effects.contains { if case .loadChannelMap = $0 { true } else { false } })
        #expect(effects.contains { if case .loadRevisions = $0 { true } else { false } })
    }

    @Test func enterWhileTheTypedQueryIsLoadingActsOnItsResultsNotThePreviousOnes() {
        var state = TestCatalogue.searchState()
        #expect(state.search.selected?.name.rawValue == "hello-world")
        _ = AppReducer.reduce(&state, .key(.character("/")))
        var effects: [AppEffect] = []
        for character in "alice" { effects = AppReducer.reduce(&state, .key(.character(character))) }
        guard case .search(_, let ticket, _)? = effects.first else {
            Issue.record("expected a search, got \(effects)")
            return
        }
        _ = AppReducer.reduce(&state, .key(.enter))  // leaves the field
        let early = AppReducer.reduce(&state, .key(.enter))
        #expect(early.isEmpty, "the rows shown belong to the previous query")
        #expect(state.route == .search)
        let alice = try? #require(TestCatalogue.summaries.first { $0.name.rawValue == "alice-notes" })
        let opened = AppReducer.reduce(&state, .searchLoaded(ticket, .success(Page(items: [alice].compactMap { $0 }))))
        #expect(state.route == .package(TestCatalogue.name("alice-notes")))
        #expect(opened.contains { if case .loadPackage = $0 { true } else { false } })
    }

    @Test func movingAfterAnEarlyEnterCancelsTheOpen() {
        var state = TestCatalogue.searchState()
        _ = AppReducer.reduce(&state, .key(.character("/")))
        let effects = AppReducer.reduce(&state, .key(.character("x")))
        guard case .search(_, let ticket, _)? = effects.first else { Issue.record("no search"); return }
        _ = AppReducer.reduce(&state, .key(.enter))
        _ = AppReducer.reduce(&state, .key(.enter))
        _ = AppReducer.reduce(&state, .key(.down))
        _ = AppReducer.reduce(&state, .searchLoaded(ticket, .success(Page(items: TestCatalogue.summaries))))
        #expect(state.route == .search)
    }

    @Test func quitKeysQuitEvenWhileEditing() {
        var state = TestCatalogue.searchState()
        state.search.isEditing = true
        #expect(AppReducer.reduce(&state, .key(.ctrl("c"))) == [.quit])
        var other = TestCatalogue.searchState()
        #expect(AppReducer.reduce(&other, .key(.character("q"))) == [.quit])
    }
}

/// `c` picks a category from the store's list instead of cycling through twenty.
@Suite struct CategoryPickerTests {
    @Test func typingNarrowsTheCategoriesAndEnterFilters() {
        var state = TestCatalogue.searchState()
        state.categories = ["databases", "development", "games"]
        press(&state, .character("c"))
        guard case .form(let form)? = state.overlay, case .category = form.purpose else {
            Issue.record("expected the category picker, got \(String(describing: state.overlay))")
            return
        }
        typeText(&state, "dat")
        press(&state, .tab)
        let effects = press(&state, .enter)
        #expect(state.overlay == nil)
        #expect(state.search.category == "databases")
        guard case .search(let query, _, _)? = effects.first else {
            Issue.record("expected a new search, got \(effects)")
            return
        }
        #expect(query.category == "databases")
    }

    @Test func anUnknownCategoryKeepsThePickerOpenAndAllClearsTheFilter() {
        var state = TestCatalogue.searchState()
        state.categories = ["databases"]
        state.search.category = "databases"
        press(&state, .character("c"))
        typeText(&state, "nope")
        press(&state, .enter)
        guard case .form(let form)? = state.overlay else {
            Issue.record("the picker closed on an unknown category")
            return
        }
        #expect(form.error?.contains("no category 'nope'") == true)
        press(&state, .ctrl("u"))
        typeText(&state, "all")
        press(&state, .enter)
        #expect(state.overlay == nil && state.search.category == nil)
    }
}

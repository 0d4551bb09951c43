import Testing
import StoreService
@testable import StoreTUI

/// The one paged list every pane keeps: pages in, a highlight that stays inside, stale answers out.
@Suite struct PagedListTests {
    static func page(_ items: ClosedRange<Int>, next: String? = nil) -> Result<Page<Int>, StoreError> {
        .success(Page(items: Array(items), nextCursor: next))
    }

    @Test func aFirstPageReplacesAndANextPageAppends() {
        var list = PagedList<Int>()
        list.request(Ticket(1))
        #expect(list.take(Ticket(1), Self.page(1...3, next: "c")) == .loaded)
        list.highlighted = 2
        list.request(Ticket(2), nextPage: true)
        #expect(list.take(Ticket(2), Self.page(4...5)) == .loaded)
        #expect(list.items == [1, 2, 3, 4, 5])
        #expect(list.highlighted == 2, "a next page keeps the highlight")
        #expect(list.nextCursor == nil)
        list.request(Ticket(3))
        #expect(list.take(Ticket(3), Self.page(7...8)) == .loaded)
        #expect(list.items == [7, 8])
        #expect(list.highlighted == 0, "a first page starts at the top")
    }

    @Test func staleAnswersChangeNothingAndFailuresKeepTheItems() {
        var list = PagedList<Int>()
        list.request(Ticket(1))
        _ = list.take(Ticket(1), Self.page(1...2))
        list.request(Ticket(2))
        #expect(list.take(Ticket(1), Self.page(5...9)) == .stale)
        #expect(list.items == [1, 2])
        #expect(list.take(Ticket(2), .failure(.unavailable("x"))) == .failed(.unavailable("x")))
        #expect(list.items == [1, 2])
        #expect(list.error == .unavailable("x"))
        #expect(list.pending == nil)
    }

    @Test func theHighlightStaysInsideAndVisible() {
        var list = PagedList<Int>()
        list.request(Ticket(1))
        _ = list.take(Ticket(1), Self.page(1...20))
        list.move(by: 100, rows: 5)
        #expect(list.highlighted == 19)
        #expect(list.scroll == 15)
        list.move(by: -100, rows: 5)
        #expect((list.highlighted, list.scroll) == (0, 0))
        #expect(list.index(atVisibleRow: 3) == 3)
        #expect(list.index(atVisibleRow: 25) == nil)
        #expect(list.index(atVisibleRow: -1) == nil)
    }

    @Test func theNextPageIsAskedForOnceNearTheEnd() {
        var list = PagedList<Int>()
        list.request(Ticket(1))
        _ = list.take(Ticket(1), Self.page(1...50, next: "c"))
        #expect(list.cursorToPrefetch(within: 10) == nil)
        list.move(by: 45, rows: 10)
        #expect(list.cursorToPrefetch(within: 10) == "c")
        list.request(Ticket(2), nextPage: true)
        #expect(list.cursorToPrefetch(within: 10) == nil, "one request at a time")
    }

    @Test func countsSayOneOrMany() {
        var list = PagedList<Int>()
        list.request(Ticket(1))
        _ = list.take(Ticket(1), Self.page(1...1))
        #expect(list.count("package", "packages") == "1 package")
        #expect(list.count("package", "packages", total: 2953) == "2953 packages")
        #expect(list.count("event", "events", total: 1) == "1 event")
        list.request(Ticket(2))
        _ = list.take(Ticket(2), Self.page(1...1, next: "c"))
        #expect(list.count("publisher", "publishers") == "1+ publishers")
    }
}

/// `G` goes to the true end of a list, loading the pages still missing; counts are the store's
/// (issue #13: 24 presses to reach the end, `100+ pending` turning into `99+`).
@Suite struct TrueEndTests {
    static func page(_ range: ClosedRange<Int>, next: String?, total: Int? = nil) -> Page<PackageSummary> {
        let base = TestCatalogue.summaries[0]
        return Page(items: range.map { index in
            var summary = base
            summary.id = "p\(index)"
            summary.name = TestCatalogue.name("pkg-\(index)")
            return summary
        }, nextCursor: next, total: total)
    }

    @Test func gLoadsEveryRemainingPageAndLandsOnTheLastResult() {
        var state = SearchReducerTests.fresh()
        let start = AppReducer.start(&state)
        guard case .search(_, let first, _)? = start.first else { Issue.record("no search"); return }
        _ = AppReducer.reduce(&state, .searchLoaded(first, .success(Self.page(1...100, next: "c1", total: 250))))
        #expect(state.search.list.count("package", "packages") == "250 packages")
        var effects = AppReducer.reduce(&state, .key(.character("G")))
        var pages = 0
        while case .search(let query, let ticket, _)? = effects.first(where: { if case .search = $0 { true } else { false } }) {
            pages += 1
            let start = state.search.list.items.count + 1
            let next = query.cursor == "c1" ? "c2" : nil
            effects = AppReducer.reduce(&state, .searchLoaded(ticket, .success(Self.page(start...min(start + 99, 250), next: next))))
            if pages > 5 { break }
        }
        #expect(pages == 2)
        #expect(state.search.list.items.count == 250)
        #expect(state.search.list.highlighted == 249, "the highlight is on the very last result")
        #expect(state.search.list.count("package", "packages") == "250 packages")
    }

    @Test func theQueueCountIsTheStoresAndFollowsDecisions() {
        var state = TestCatalogue.reviewQueueState(as: TestCatalogue.reviewer)
        state.reviewQueue.list.total = 120
        state.reviewQueue.list.nextCursor = "more"
        #expect(state.reviewQueue.countText == "120")
        let effects = press(&state, .character("a"))
        guard case .review(let targets, _, let ticket)? = effects.first else { Issue.record("no review"); return }
        _ = AppReducer.reduce(&state, .reviewed(ticket, targets.map { target in
            ReviewOutcome(target: target, result: .success(ReviewQueueReducerTests.approved(TestCatalogue.reviewItems[0])))
        }))
        #expect(state.reviewQueue.countText == "119")
    }
}

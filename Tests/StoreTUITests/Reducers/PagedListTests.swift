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

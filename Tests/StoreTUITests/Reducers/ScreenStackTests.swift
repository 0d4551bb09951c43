import Testing
import StoreModels
import StoreService
@testable import StoreTUI

/// Screens carry their own state on the stack, and list panes share one paging logic.
@Suite struct ScreenStackTests {
    @Test func leavingAScreenDropsItsState() {
        var state = TestCatalogue.publisherState()
        #expect(state.publisherDetail?.username == "canonical")
        press(&state, .escape)
        #expect(state.publisherDetail == nil, "the publisher's page went with its screen")
        press(&state, .escape)
        #expect(state.routes == [.search])
        #expect(state.publishers.list.items.isEmpty, "the publishers list went with its screen")
    }

    @Test func aReviewDecisionReachesTheOpenPackagesRevisions() throws {
        var state = TestCatalogue.packageState(tab: .revisions)
        let item = TestCatalogue.reviewItems[0]
        #expect(state.package?.revisions.items.contains { $0.number == item.revision.number } == true)
        state.reviewQueue.list.items = [item]
        state.reviewQueue.list.hasLoaded = true
        let target = ReviewTarget(package: item.package, revision: item.revision.number)
        let ticket = state.issueTicket()
        state.reviewQueue.decision = .init(ticket: ticket, targets: [target], decision: .reject(reason: "broken package"))
        var rejected = item.revision
        rejected.review = .rejected(reason: "broken package")
        _ = AppReducer.reduce(&state, .reviewed(ticket, [ReviewOutcome(target: target, result: .success(rejected))]))
        let shown = try #require(state.package?.revisions.items.first { $0.number == item.revision.number })
        #expect(shown.review == .rejected(reason: "broken package"))
        #expect(state.reviewQueue.list.items.isEmpty)
    }

    @Test func endOnThePublishersListLoadsToTheTrueEnd() {
        var state = TestCatalogue.publishersState()
        state.publishers.list.nextCursor = "more"
        let effects = press(&state, .character("G"))
        guard case .searchPublishers(_, "more", PublishersReducer.pageSize, _, 0)? = effects.first else {
            Issue.record("expected the next page on the way to the end, got \(effects)")
            return
        }
        #expect(state.publishers.list.highlighted == TestCatalogue.publishers.count - 1)
    }

    /// The revisions table shows one row fewer than a plain table (its download line): moves
    /// must keep the highlight among the rows drawn, which a page size of the plain table did not.
    @Test func movingThroughRevisionsKeepsTheHighlightOnADrawnRow() {
        var state = TestCatalogue.packageState(tab: .revisions, height: 14)
        let rows = state.layout.listRows
        for _ in 0..<rows { press(&state, .down) }
        let list = state.package?.revisions.list
        #expect((list?.highlighted ?? 0) - (list?.scroll ?? 0) < rows)
        let highlighted = state.package?.revisions.highlighted?.number ?? 0
        let lines = rendered(state).textDump().split(separator: "\n")
        let listLines = lines[state.layout.list.y..<state.layout.list.maxY]
        #expect(listLines.contains { $0.split(separator: " ").first == "\(highlighted)" })
    }
}

/// A page that turns out not to exist leaves the breadcrumb.
@Suite struct DeadPageTests {
    @Test func aPackageThatDoesNotExistGoesBackWithTheReason() {
        var state = TestCatalogue.searchState()
        let effects = AppReducer.run(.palette, in: &state) + typeText(&state, "open no-such-snap") + press(&state, .enter)
        guard let ticket = effects.compactMap({ effect -> Ticket? in if case .loadPackage(_, let ticket) = effect { ticket } else { nil } }).first else {
            Issue.record("expected the package to load, got \(effects)")
            return
        }
        _ = AppReducer.reduce(&state, .packageLoaded(ticket, .failure(.notFound(kind: "package", name: "no-such-snap"))))
        #expect(state.routes == [.search])
        #expect(state.message?.text == "No package named 'no-such-snap' found.")
        #expect(!rendered(state).textDump().contains("no-such-snap ›"))
    }
}

import Testing
import StoreModels
import StoreService
@testable import StoreTUI

/// Toolbars and the breadcrumb tell what can be done here, and where you are, at any width.
@Suite struct ToolbarTests {
    @Test func aReadOnlyConsoleDoesNotOfferApproveOrReject() {
        var state = TestCatalogue.reviewQueueState(as: TestCatalogue.reviewer, width: 120)
        #expect(rendered(state).textDump().contains("a approve · d reject"))
        state.settings.readOnly = true
        let text = rendered(state).textDump()
        #expect(!text.contains("a approve") && !text.contains("d reject"))
        #expect(text.contains("s skip · Enter open"))
    }

    @Test func slashFocusesTheFilterOfThePublishersAndAuditPanes() {
        var publishers = TestCatalogue.publishersState()
        press(&publishers, .character("/"))
        #expect(publishers.route == .publishers && publishers.publishers.isEditing)
        var audit = TestCatalogue.auditState()
        press(&audit, .character("/"))
        #expect(audit.route == .audit && audit.audit.isEditing)
        var package = TestCatalogue.packageState(tab: .detail)
        press(&package, .character("/"))
        #expect(package.route == .search && package.search.isEditing, "elsewhere / still searches the catalogue")
    }

    @Test func aNarrowBreadcrumbKeepsTheCurrentPage() {
        var state = TestCatalogue.packageState(tab: .channels, width: 50, height: 12)
        press(&state, .character("Q"))
        let title = String(rendered(state).textDump().split(separator: "\n")[0])
        #expect(title.contains("Review queue"), "\(title)")
        #expect(title.contains("…"))
        #expect(AppView.fittedCrumbs(["Search", "hello-world", "Channel map"], width: 200) == ["Search", "hello-world", "Channel map"])
    }
}

/// `r to retry` is offered only where asking again can help.
@Suite struct RetryHintTests {
    @Test func aRefusalOffersNoRetryAndAServerFailureDoes() {
        var state = TestCatalogue.packageState(tab: .revisions)
        state.package?.revisions.list.items = []
        state.package?.revisions.list.error = .forbidden("listing revisions needs the publisher role")
        let refused = rendered(state).textDump()
        #expect(refused.contains("listing revisions needs the publisher role"))
        #expect(!refused.contains("r to retry"))
        state.package?.revisions.list.error = .server(status: 503, message: "database is locked", requestID: nil)
        #expect(rendered(state).textDump().contains("r to retry"))
        #expect(StoreError.notFound(kind: "package", name: "x").retryHint.isEmpty)
    }
}

/// At 50×12 the help lists more keys than fit: it scrolls instead of cutting them off.
@Suite struct HelpScrollTests {
    @Test func helpScrollsOnASmallScreenAndAnyOtherKeyCloses() {
        var state = TestCatalogue.packageState(tab: .channels, width: 50, height: 12)
        press(&state, .character("?"))
        let first = rendered(state).textDump()
        #expect(first.contains("↑↓ scroll"))
        let entries = HelpContent.entries(state)
        let last = entries.last?.binding.command.summary ?? ""
        #expect(!first.contains(last))
        for _ in 0..<entries.count { press(&state, .down) }
        #expect(state.helpScroll == HelpContent.scrollLimit(state), "scrolling stops at the end")
        #expect(rendered(state).textDump().contains(last))
        press(&state, .character("x"))
        #expect(state.overlay == nil)
    }
}

import Testing
import StoreModels
import StoreService
@testable import StoreTUI

/// The route stack: panes push, Esc pops, the breadcrumb follows.
@Suite struct NavigationTests {
    @Test func panesPushOntoThePackageAndEscReturnsToIt() {
        var state = TestCatalogue.packageState(tab: .channels)
        press(&state, .character("Q"))
        #expect(state.routes == [.search, .package(TestCatalogue.name("hello-world")), .reviewQueue])
        #expect(state.crumbs == ["Search", "hello-world", "Channel map", "Review queue"])
        #expect(rendered(state).textDump().contains("Search › hello-world › Channel map › Review queue"))
        press(&state, .escape)
        #expect(state.route == .package(TestCatalogue.name("hello-world")))
        #expect(state.package != nil)
    }

    @Test func reopeningAPaneOnTheStackReturnsToIt() {
        var state = TestCatalogue.searchState()
        press(&state, .character("Q"), .character("A"))
        #expect(state.routes == [.search, .reviewQueue, .audit])
        press(&state, .character("Q"))
        #expect(state.routes == [.search, .reviewQueue])
    }

    @Test func slashUnwindsToTheSearch() {
        var state = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        let effects = press(&state, .character("/"))
        #expect(state.routes == [.search])
        #expect(state.package == nil && state.preview == nil)
        #expect(state.search.isEditing)
        #expect(effects == [.cancel(.package), .cancel(.channelMap), .cancel(.revisions)])
    }

    @Test func helpListsEachPanesKeys() {
        let cases: [(AppState, Command, String)] = [
            (TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta), .apply, "release preview"),
            (TestCatalogue.reviewQueueState(), .approve, "review queue"),
            (TestCatalogue.publishersState(), .suspendPublisher, "publishers"),
            (TestCatalogue.publisherState(), .unsuspendPublisher, "publisher"),
            (TestCatalogue.auditState(), .editFilter, "audit log"),
            (TestCatalogue.packageState(tab: .channels), .undoRelease, "channel map"),
        ]
        for (state, command, title) in cases {
            #expect(HelpContent.entries(state).contains { $0.binding.command == command }, "\(title)")
            #expect(HelpOverlay.contextTitle(state) == title)
        }
    }
}

import Testing
import StoreModels
import StoreService
@testable import StoreTUI

@Suite struct PackageReducerTests {
    @Test func tabAndNumberKeysSwitchTabs() {
        var state = TestCatalogue.packageState(tab: .detail)
        _ = AppReducer.reduce(&state, .key(.tab))
        #expect(state.package?.tab == .revisions)
        _ = AppReducer.reduce(&state, .key(.character("3")))
        #expect(state.package?.tab == .channels)
        _ = AppReducer.reduce(&state, .key(.backTab))
        #expect(state.package?.tab == .revisions)
    }

    @Test func escapeGoesBackToSearchAndCancelsLoads() {
        var state = TestCatalogue.packageState(tab: .channels)
        let effects = AppReducer.reduce(&state, .key(.escape))
        #expect(state.route == .search)
        #expect(state.package == nil)
        #expect(effects == [.cancel(.package), .cancel(.channelMap), .cancel(.revisions)])
        #expect(state.search.list.items.count == TestCatalogue.summaries.count)
    }

    @Test func revisionFiltersAndSortsApplyLocally() {
        var state = TestCatalogue.packageState(tab: .revisions)
        #expect(state.package?.revisions.visible.first?.number == 30)
        _ = AppReducer.reduce(&state, .key(.character("s")))
        #expect(state.package?.revisions.visible.first?.number == 1)
        _ = AppReducer.reduce(&state, .key(.character("f")))
        #expect(state.package?.revisions.reviewStatus == "approved")
        _ = AppReducer.reduce(&state, .key(.character("f")))
        #expect(state.package?.revisions.visible.map(\.number) == [30])
        _ = AppReducer.reduce(&state, .key(.character("f")))
        _ = AppReducer.reduce(&state, .key(.character("f")))
        _ = AppReducer.reduce(&state, .key(.character("a")))
        #expect(state.package?.revisions.architecture == .amd64)
        #expect(state.package?.revisions.visible.allSatisfy { $0.architectures.contains(.amd64) } == true)
    }

    @Test func revisionPagesChainUntilAllAreLoaded() {
        var state = TestCatalogue.searchState()
        let open = AppReducer.reduce(&state, .key(.enter))
        guard case .loadRevisions(_, _, let ticket)? = open.last else {
            Issue.record("expected revisions to load, got \(open)")
            return
        }
        let next = AppReducer.reduce(&state, .revisionsLoaded(ticket, .success(Page(items: Array(TestCatalogue.revisions.prefix(10)), nextCursor: "c2"))))
        guard case .loadRevisions(_, let query, let second)? = next.last else {
            Issue.record("expected the next page, got \(next)")
            return
        }
        #expect(query.cursor == "c2")
        _ = AppReducer.reduce(&state, .revisionsLoaded(second, .success(Page(items: Array(TestCatalogue.revisions.dropFirst(10)), nextCursor: nil))))
        #expect(state.package?.revisions.items.count == 30)
        #expect(state.package?.revisions.list.pending == nil)
    }

    @Test func lateAnswerForAClosedPackageIsIgnored() {
        var state = TestCatalogue.searchState()
        let open = AppReducer.reduce(&state, .key(.enter))
        _ = AppReducer.reduce(&state, .key(.escape))
        guard case .loadPackage(_, let ticket)? = open.first else { return }
        _ = AppReducer.reduce(&state, .packageLoaded(ticket, .success(TestCatalogue.detail)))
        #expect(state.package == nil)
        #expect(state.route == .search)
    }

    @Test func failedDetailIsRetriedWithR() {
        var state = TestCatalogue.searchState()
        let open = AppReducer.reduce(&state, .key(.enter))
        guard case .loadPackage(_, let ticket)? = open.first else { return }
        _ = AppReducer.reduce(&state, .packageLoaded(ticket, .failure(.unavailable("database is locked"))))
        #expect(state.message?.severity == .error)
        let retry = AppReducer.reduce(&state, .key(.character("r")))
        #expect(retry.contains { if case .loadPackage = $0 { true } else { false } })
    }

    @Test func paletteOpensPackagesAndReportsUnknownCommands() {
        var state = TestCatalogue.searchState()
        _ = AppReducer.reduce(&state, .key(.character(":")))
        for c in "open alice-notes" { _ = AppReducer.reduce(&state, .key(.character(c))) }
        _ = AppReducer.reduce(&state, .key(.enter))
        #expect(state.route == .package(TestCatalogue.name("alice-notes")))
        _ = AppReducer.reduce(&state, .key(.character(":")))
        for c in "frobnicate" { _ = AppReducer.reduce(&state, .key(.character(c))) }
        _ = AppReducer.reduce(&state, .key(.enter))
        #expect(state.message?.text.contains("Unknown command") == true)
    }

    @Test func paletteCompletesVerbsWithTab() {
        var state = TestCatalogue.searchState()
        _ = AppReducer.reduce(&state, .key(.character(":")))
        _ = AppReducer.reduce(&state, .key(.character("r")))
        _ = AppReducer.reduce(&state, .key(.tab))
        guard case .palette(let palette)? = state.overlay else {
            Issue.record("palette closed")
            return
        }
        #expect(palette.text == "revisions ")
    }

    @Test func helpOverlayClosesOnAnyKey() {
        var state = TestCatalogue.searchState()
        _ = AppReducer.reduce(&state, .key(.character("?")))
        #expect(state.overlay == .help)
        _ = AppReducer.reduce(&state, .key(.character("x")))
        #expect(state.overlay == nil)
    }

    @Test func resizeKeepsTheSelectionVisible() {
        var state = TestCatalogue.packageState(tab: .revisions, height: 40)
        _ = AppReducer.reduce(&state, .key(.end))
        _ = AppReducer.reduce(&state, .resize(width: 80, height: 14))
        let rows = state.layout.listRows
        let revisions = state.package?.revisions
        #expect((revisions?.list.highlighted ?? 0) - (revisions?.list.scroll ?? 0) < rows)
    }

    @Test func keyMapReportsConflictsWhenRebinding() {
        var map = KeyMap()
        let conflicts = map.rebind(.cycleType, to: [.character("q")])
        #expect(conflicts == ["q is bound to both cycle-type and quit"])
    }
}

@Suite struct ConsoleConfigTests {
    @Test func parsesThemeColourAndBindings() {
        let config = ConsoleConfig.parse("# mine\ntheme = light\ncolor = off\nbind.cycle-type = Y y\n")
        #expect(config.theme == .light)
        #expect(config.useColor == false)
        #expect(config.warnings.isEmpty)
        #expect(config.keyMap.command(for: .character("y"), in: [.search, .global]) == .cycleType)
        #expect(config.keyMap.command(for: .character("t"), in: [.search, .global]) == nil)
    }

    @Test func reportsEveryProblemWithItsLine() {
        let config = ConsoleConfig.parse("theme = pink\nwhat\nbind.nope = x\nbind.quit = ???\nbind.search = j\nfoo = 1")
        #expect(config.warnings == [
            "config line 1: theme must be dark or light",
            "config line 2: expected `name = value`",
            "config line 3: unknown command 'nope'",
            "config line 4: unknown key '???'",
            "config line 5: j is bound to both search and move-down",
            "config line 6: unknown setting 'foo'",
        ])
    }
}

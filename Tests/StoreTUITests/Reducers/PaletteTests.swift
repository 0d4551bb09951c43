import Testing
import StoreModels
import StoreService
@testable import StoreTUI

/// The `:` palette: every command reachable by arrows, package names completed from the store,
/// and nothing of the pane below showing through (issue #13).
@Suite struct PaletteTests {
    @Test func everyCommandIsReachableByArrows() {
        var state = TestCatalogue.searchState()
        press(&state, .character(":"))
        for _ in 0..<(PaletteCommands.verbs.count - 1) { press(&state, .down) }
        let text = rendered(state).textDump()
        #expect(text.contains("quit"), "\(text)")
        #expect(text.contains("↑"), "a mark says more lie above")
        press(&state, .enter)
        #expect(state.isConfirmingQuit || state.overlay == nil)
    }

    @Test func openCompletesPackageNamesTheStoreHas() {
        var state = TestCatalogue.searchState()
        press(&state, .character(":"))
        var effects: [AppEffect] = []
        for character in "open fire" { effects = press(&state, .character(character)) }
        guard case .completeNames(let query, let ticket, _)? = effects.first else {
            Issue.record("expected the store to be asked for names, got \(effects)")
            return
        }
        #expect(query.text == "fire")
        #expect(state.search.list.items.map(\.name.rawValue).contains("hello-world"), "the results list is untouched")
        let firefox = PackageSummary(
            id: "ff", name: TestCatalogue.name("firefox"), type: .snap, title: "Firefox", summary: "A browser",
            publisher: TestCatalogue.summaries[0].publisher, latestStableVersion: "1.0", categories: [])
        _ = AppReducer.reduce(&state, .namesCompleted(ticket, .success(Page(items: [firefox]))))
        press(&state, .tab)
        #expect(state.overlay?.palette?.text == "open firefox ")
        let opened = press(&state, .enter)
        #expect(state.route == .package(TestCatalogue.name("firefox")))
        #expect(opened.contains { if case .loadPackage = $0 { true } else { false } })
    }

    @Test func aLateNameAnswerForAnOlderPrefixIsDropped() {
        var state = TestCatalogue.searchState()
        press(&state, .character(":"))
        var first: [AppEffect] = []
        for character in "open f" { first = press(&state, .character(character)) }
        press(&state, .character("i"))
        guard case .completeNames(_, let old, _)? = first.first else { Issue.record("no request"); return }
        let stale = PackageSummary(
            id: "x", name: TestCatalogue.name("fuzzy"), type: .snap, title: "", summary: "",
            publisher: TestCatalogue.summaries[0].publisher, latestStableVersion: nil, categories: [])
        _ = AppReducer.reduce(&state, .namesCompleted(old, .success(Page(items: [stale]))))
        #expect(state.overlay?.palette?.names.isEmpty == true)
    }
}

import Testing
@testable import StoreTUI

@Suite struct KeyMapTests {
    @Test func defaultBindingsHaveNoConflicts() {
        #expect(KeyMap().conflicts == [])
    }

    @Test func everyScreenUsesAKnownContextStack() {
        let states = [
            TestCatalogue.searchState(), TestCatalogue.packageState(tab: .detail), TestCatalogue.packageState(tab: .revisions),
            TestCatalogue.packageState(tab: .channels), TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta),
            TestCatalogue.reviewQueueState(), TestCatalogue.publishersState(), TestCatalogue.publisherState(), TestCatalogue.auditState(),
        ]
        for state in states { #expect(KeyContext.stacks.contains(state.keyContexts), "\(state.route)") }
    }

    @Test func spaceSelectsWhereThereIsSomethingToSelectAndPagesInSearch() {
        let map = KeyMap()
        #expect(map.command(for: .character(" "), in: [.search, .global]) == .pageDown)
        #expect(map.command(for: .character(" "), in: [.revisions, .package, .global]) == .toggleSelection)
        #expect(map.command(for: .character(" "), in: [.reviewQueue, .global]) == .toggleSelection)
    }

    @Test func rebindingACommandChangesItInEveryContextAndReportsClashes() {
        var map = KeyMap()
        let conflicts = map.rebind(.back, to: [.character("x")])
        #expect(map.command(for: .character("x"), in: [.reviewQueue, .global]) == .back)
        #expect(map.command(for: .character("x"), in: [.audit, .global]) == .back)
        // x closes a channel on the channel map, which lies over the package context.
        #expect(conflicts == ["x is bound to both back and close-channel"])
    }

    @Test func helpListsEachCommandOnceWithAllItsKeys() {
        let bindings = KeyMap().bindings(in: [.search, .global])
        let pageDown = bindings.filter { $0.command == .pageDown }
        #expect(pageDown.count == 1)
        #expect(pageDown.first?.keys == [.pageDown, .ctrl("f"), .character(" ")])
    }

    @Test func paletteOffersTheNewPanes() {
        let state = TestCatalogue.searchState()
        #expect(PaletteCommands.completions(for: "qu", state: state) == ["queue", "quit"])
        #expect(PaletteCommands.completions(for: "pub", state: state) == ["publishers", "publisher"])
        #expect(PaletteCommands.completions(for: "audit ac", state: state) == ["audit actor:", "audit action:"])
    }
}

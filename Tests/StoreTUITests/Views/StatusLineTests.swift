import Testing
import StoreModels
import StoreService
@testable import StoreTUI

/// Questions and errors reach the user whole, at any width.
@Suite struct StatusLineTests {
    @Test func theQuitQuestionIsShownWholeAtEightyColumns() {
        var state = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        press(&state, .character("q"))
        let text = rendered(state).textDump().replacingOccurrences(of: "\n", with: " ")
        let words = text.split(separator: " ").joined(separator: " ")
        #expect(words.contains("q quits, any other key stays."), "\(words)")
    }

    @Test func aLongErrorTakesRowsFromTheBodyNotFromItself() {
        var state = TestCatalogue.searchState(width: 80, height: 24)
        let before = state.layout.listRows
        state.message = StatusMessage(String(repeating: "The store refused this because of a long reason. ", count: 3), severity: .error)
        let layout = state.layout
        #expect(layout.message.height == 2)
        #expect(layout.listRows == before - 2)
        let lines = rendered(state).textDump().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[layout.message.y].contains("The store refused"))
        #expect(lines[layout.status.y].hasSuffix("q quit "))
    }

    @Test func theReviewCountNeverRunsIntoTheHints() {
        var state = TestCatalogue.reviewQueueState(width: 50, height: 12)
        state.reviewQueue.list.total = 12_345
        let status = String(rendered(state).textDump().split(separator: "\n", omittingEmptySubsequences: false)[11])
        #expect(status.hasSuffix("? help  : cmd  q quit "), "\(status)")
    }

    @Test func theHighlightStaysVisibleWhenAMessageTakesRows() {
        var state = TestCatalogue.searchState(width: 80, height: 24)
        let first = TestCatalogue.summaries[0]
        state.search.list.items = (0..<60).map { index in
            var summary = first
            summary.id = "\(index)"
            return summary
        }
        let rows = state.layout.listRows
        for _ in 0..<(rows - 1) { press(&state, .down) }
        #expect(state.search.list.highlighted == rows - 1 && state.search.list.scroll == 0, "the last row shown is highlighted")
        state.message = StatusMessage(String(repeating: "A long message that wraps. ", count: 5))
        _ = AppReducer.reduce(&state, .tick(TestCatalogue.now))
        #expect(state.search.list.highlighted - state.search.list.scroll < state.layout.listRows)
    }
}

import StoreModels
import StoreService
import Testing
@testable import StoreTUI

/// Quitting never drops an unsent release plan without asking.
@Suite struct QuitConfirmationTests {
    @Test func quitWithAnUnsentPlanAsksFirst() {
        var state = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        #expect(press(&state, .character("q")).isEmpty)
        #expect(!state.isQuitting)
        #expect(state.message?.text.contains("not applied yet") == true)
        #expect(press(&state, .character("q")) == [.quit])
        #expect(state.isQuitting)
    }

    /// On the preview `y` applies: it must not also answer "quit?" (it keeps the plan, unapplied).
    @Test func yDoesNotAnswerTheQuitQuestion() {
        var state = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        _ = press(&state, .character("q"))
        #expect(press(&state, .character("y")).isEmpty)
        #expect(!state.isQuitting && state.preview != nil && state.pendingApply == nil)
    }

    @Test func anyOtherKeyKeepsThePlanAndDoesNotActOnIt() {
        var state = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        _ = press(&state, .ctrl("c"))
        #expect(press(&state, .character("n")).isEmpty)
        #expect(!state.isQuitting && state.preview != nil && state.pendingApply == nil)
        #expect(state.message?.text == "Kept the release plan.")
        // The next q asks again.
        #expect(press(&state, .character("q")).isEmpty)
        #expect(state.isConfirmingQuit)
    }

    @Test func quitWhileAPlanIsInFlightAsksToo() {
        var state = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        _ = press(&state, .character("y"))
        #expect(state.pendingApply != nil)
        #expect(press(&state, .character("q")).isEmpty)
        #expect(state.message?.text.contains("still being applied") == true)
        #expect(press(&state, .ctrl("c")) == [.quit])
    }

    @Test func quitWithNothingUnsentQuitsAtOnce() {
        var state = TestCatalogue.searchState()
        #expect(press(&state, .character("q")) == [.quit])
    }

    @Test func anAnswerWhileAskingWithdrawsTheQuestionSoYDoesNotLoseAFailedPlan() {
        var state = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        guard case .applyPlan(_, _, _, let ticket)? = press(&state, .character("y")).first else {
            Issue.record("expected the plan to go out")
            return
        }
        _ = press(&state, .character("q"))
        #expect(state.isConfirmingQuit)
        _ = AppReducer.reduce(&state, .planApplied(ticket, .failure(.unavailable("database is locked"))))
        #expect(!state.isConfirmingQuit)
        // y now means what the preview offers (apply again), not "quit".
        let effects = press(&state, .character("y"))
        #expect(!state.isQuitting)
        #expect(effects.contains { if case .applyPlan = $0 { true } else { false } })
        #expect(state.preview != nil)
    }
}

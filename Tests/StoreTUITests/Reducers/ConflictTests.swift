import Testing
import StoreModels
import StoreService
@testable import StoreTUI

/// A plan refused because the map changed: the conflict view, then `r` rebuilds the same plan.
@Suite struct ConflictTests {
    @Test func staleMapShowsWhatChangedAndKeepsThePlan() {
        let state = TestCatalogue.conflictState()
        guard let preview = state.preview else {
            Issue.record("the preview closed")
            return
        }
        #expect(preview.phase == .conflict(expected: 7, actual: 8, changes: TestCatalogue.conflictChanges))
        #expect(preview.plan == TestCatalogue.releaseR28ToBeta)
        #expect(preview.crumb == "Conflict")
        #expect(state.pendingApply == nil)
        #expect(state.undoSteps.isEmpty)
        let text = rendered(state).textDump()
        #expect(text.contains("changed since you opened it"))
        #expect(text.contains("latest/stable"))
        #expect(text.contains("1.24 (r24)"))
        #expect(text.contains("r rebuilds the preview"))
    }

    @Test func applyIsRefusedUntilTheConflictIsRebuilt() {
        var state = TestCatalogue.conflictState()
        #expect(press(&state, .character("y")).isEmpty)
        #expect(state.message?.text == "The channel map changed: press r to rebuild the preview first.")
    }

    @Test func rReloadsAndRebuildsTheSamePlanOnTheFreshMap() {
        var state = TestCatalogue.conflictState()
        let effects = press(&state, .character("r"))
        #expect(state.preview?.phase == .rebuilding)
        guard case .loadChannelMap(_, let mapTicket)? = effects.first,
              case .loadRevisions(_, let query, let revisionsTicket)? = effects.last, effects.count == 2 else {
            Issue.record("expected the map and revisions to reload, got \(effects)")
            return
        }
        #expect(query.cursor == nil)
        _ = AppReducer.reduce(&state, .channelMapLoaded(mapTicket, .success(TestCatalogue.changedMap)))
        #expect(state.preview?.phase == .rebuilding, "waits for the revisions too")
        _ = AppReducer.reduce(&state, .revisionsLoaded(revisionsTicket, .success(Page(items: TestCatalogue.revisions))))
        guard let preview = state.preview else { return }
        #expect(preview.phase == .reviewing)
        #expect(preview.focus == .cancel)
        #expect(preview.base.version == 8)
        #expect(preview.plan == TestCatalogue.releaseR28ToBeta)
        #expect(preview.note?.contains("version 8 (you had 7)") == true)
        #expect(state.package?.revisions.items.count == TestCatalogue.revisions.count, "reloaded revisions replace the old ones")
        let resend = press(&state, .character("y"))
        guard case .applyPlan(_, let plan, let version, _)? = resend.first else {
            Issue.record("expected the plan to go out again, got \(resend)")
            return
        }
        #expect(plan == TestCatalogue.releaseR28ToBeta)
        #expect(version == 8)
    }

    @Test func aFailedReloadIsShownAndCanBeRetried() {
        var state = TestCatalogue.conflictState()
        let effects = press(&state, .character("r"))
        guard case .loadChannelMap(_, let mapTicket)? = effects.first, case .loadRevisions(_, _, let revisionsTicket)? = effects.last else { return }
        _ = AppReducer.reduce(&state, .revisionsLoaded(revisionsTicket, .success(Page(items: TestCatalogue.revisions))))
        _ = AppReducer.reduce(&state, .channelMapLoaded(mapTicket, .failure(.unavailable("database is locked"))))
        #expect(state.preview?.phase == .failed(.unavailable("database is locked")))
        let again = press(&state, .character("r"))
        #expect(again.contains { if case .loadChannelMap = $0 { true } else { false } })
    }

    @Test func theAnswerLandsEvenAfterLeavingThePreview() {
        var state = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        let effects = press(&state, .character("y"))
        guard case .applyPlan(_, _, _, let ticket)? = effects.first, case .success(let outcome)? = state.preview?.outcome else { return }
        press(&state, .character("/"))
        #expect(state.route == .search)
        #expect(state.pendingApply != nil)
        _ = AppReducer.reduce(&state, .planApplied(ticket, .success(outcome)))
        #expect(state.pendingApply == nil)
        #expect(state.message?.text.hasPrefix("Released r28") == true)
        #expect(state.undoSteps[TestCatalogue.name("hello-world")]?.count == 1)
    }
}

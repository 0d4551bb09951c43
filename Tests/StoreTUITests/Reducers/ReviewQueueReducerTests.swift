import Testing
import StoreModels
import StoreService
@testable import StoreTUI

@Suite struct ReviewQueueReducerTests {
    static let hello30 = ReviewTarget(package: TestCatalogue.name("hello-world"), revision: 30)
    static let alice1 = ReviewTarget(package: TestCatalogue.name("alice-notes"), revision: 1)
    static let evil2 = ReviewTarget(package: TestCatalogue.name("evil-term"), revision: 2)

    static func approved(_ item: ReviewItem) -> Revision {
        var revision = item.revision
        revision.review = .approved(notes: nil)
        return revision
    }

    @Test func qOpensTheQueueAndLoadsItsFirstPage() {
        var state = TestCatalogue.state(as: TestCatalogue.reviewer)
        let effects = press(&state, .character("Q"))
        #expect(state.routes == [.search, .reviewQueue])
        guard case .loadReviewQueue(nil, ReviewQueueReducer.pageSize, let ticket)? = effects.first, effects.count == 1 else {
            Issue.record("expected the queue to load, got \(effects)")
            return
        }
        _ = AppReducer.reduce(&state, .reviewQueueLoaded(ticket, .success(Page(items: TestCatalogue.reviewItems))))
        #expect(state.reviewQueue.list.items.count == 3)
        #expect(state.reviewQueue.countText == "3")
        #expect(rendered(state).textDump().contains("⚑ 3 to review"))
        press(&state, .escape)
        #expect(state.route == .search)
        #expect(rendered(state).textDump().contains("⚑ 3 to review"), "the count stays in the status bar")
    }

    @Test func aLateQueuePageIsDropped() {
        var state = TestCatalogue.state(as: TestCatalogue.reviewer)
        let first = press(&state, .character("Q"))
        let second = AppReducer.loadReviewQueue(&state)
        guard case .loadReviewQueue(_, _, let old)? = first.first, case .loadReviewQueue(_, _, let new)? = second.first else {
            Issue.record("expected two loads, got \(first) and \(second)")
            return
        }
        #expect(old != new)
        _ = AppReducer.reduce(&state, .reviewQueueLoaded(old, .success(Page(items: Array(TestCatalogue.reviewItems.prefix(1))))))
        #expect(state.reviewQueue.list.items.isEmpty)
        _ = AppReducer.reduce(&state, .reviewQueueLoaded(new, .success(Page(items: TestCatalogue.reviewItems))))
        #expect(state.reviewQueue.list.items.count == 3)
    }

    @Test func approveSendsTheHighlightedUploadAndRemovesItOnSuccess() {
        var state = TestCatalogue.reviewQueueState(as: TestCatalogue.reviewer)
        let effects = press(&state, .character("a"))
        guard case .review(let targets, .approve(nil), let ticket)? = effects.first, effects.count == 1 else {
            Issue.record("expected a review, got \(effects)")
            return
        }
        #expect(targets == [Self.hello30])
        #expect(press(&state, .character("a")).isEmpty, "one decision at a time")
        #expect(state.message?.text == "Wait: the last decision is still being sent.")
        _ = AppReducer.reduce(&state, .reviewed(ticket, [ReviewOutcome(target: Self.hello30, result: .success(Self.approved(TestCatalogue.reviewItems[0])))]))
        #expect(state.reviewQueue.list.items.map(ReviewTarget.init) == [Self.alice1, Self.evil2])
        #expect(state.reviewQueue.decision == nil)
        #expect(state.message?.text == "Approved hello-world r30.")
    }

    @Test func bulkSelectionAppliesToEverySelectedUpload() {
        var state = TestCatalogue.reviewQueueState(as: TestCatalogue.reviewer)
        press(&state, .character(" "))
        #expect(state.reviewQueue.list.highlighted == 1, "Space moves on")
        press(&state, .down, .character(" "))
        #expect(state.reviewQueue.marked == [Self.hello30, Self.evil2])
        let effects = press(&state, .character("a"))
        guard case .review(let targets, _, let ticket)? = effects.first else {
            Issue.record("expected a review, got \(effects)")
            return
        }
        #expect(targets == [Self.hello30, Self.evil2])
        _ = AppReducer.reduce(&state, .reviewed(ticket, [
            ReviewOutcome(target: Self.hello30, result: .success(Self.approved(TestCatalogue.reviewItems[0]))),
            ReviewOutcome(target: Self.evil2, result: .failure(.unavailable("database is locked"))),
        ]))
        #expect(state.reviewQueue.list.items.map(ReviewTarget.init) == [Self.alice1, Self.evil2])
        #expect(state.reviewQueue.marked == [Self.evil2], "what failed stays selected")
        #expect(state.message?.severity == .error)
        #expect(state.message?.text.hasPrefix("Approved 1 of 2; evil-term r2:") == true)
    }

    @Test func afterABulkDecisionTheHighlightStaysOnTheUploadItWasOn() {
        var state = TestCatalogue.reviewQueueState(as: TestCatalogue.reviewer)
        press(&state, .character(" "))
        #expect(state.reviewQueue.highlighted.map(ReviewTarget.init) == Self.alice1)
        let effects = press(&state, .character("a"))
        guard case .review(let targets, _, let ticket)? = effects.first else {
            Issue.record("expected a review, got \(effects)")
            return
        }
        #expect(targets == [Self.hello30])
        _ = AppReducer.reduce(&state, .reviewed(ticket, [
            ReviewOutcome(target: Self.hello30, result: .success(Self.approved(TestCatalogue.reviewItems[0]))),
        ]))
        #expect(state.reviewQueue.highlighted.map(ReviewTarget.init) == Self.alice1,
                "the uploads above the highlight left the queue; the highlight must not skip the one it was on")
    }

    @Test func rejectNeedsAReasonFromATemplateOrTyped() {
        var state = TestCatalogue.reviewQueueState(as: TestCatalogue.reviewer)
        press(&state, .character("d"))
        guard let reject = form(state) else {
            Issue.record("no form")
            return
        }
        #expect(reject.purpose == .reject([Self.hello30]))
        #expect(reject.completions.contains("malware"))
        #expect(reject.completions.contains("privileged interface without justification"))
        #expect(press(&state, .enter).isEmpty)
        #expect(form(state)?.error == "a rejection needs a reason the publisher can act on")
        typeText(&state, "priv")
        press(&state, .tab)
        #expect(form(state)?.fields[0].text == "privileged interface without justification")
        let effects = press(&state, .enter)
        #expect(effects.count == 1)
        if case .review([Self.hello30], .reject(reason: "privileged interface without justification"), _)? = effects.first {} else {
            Issue.record("expected a rejection, got \(effects)")
        }

        var typed = TestCatalogue.reviewQueueState(as: TestCatalogue.reviewer)
        press(&typed, .character(" "), .character(" "), .character("d"))
        #expect(form(typed)?.title == "Reject 2 uploads")
        typeText(&typed, "ships a cryptominer")
        let sent = press(&typed, .enter)
        if case .review([Self.hello30, Self.alice1], .reject(reason: "ships a cryptominer"), let ticket)? = sent.first {
            _ = AppReducer.reduce(&typed, .reviewed(ticket, [
                ReviewOutcome(target: Self.hello30, result: .success(TestCatalogue.reviewItems[0].revision)),
                ReviewOutcome(target: Self.alice1, result: .success(TestCatalogue.reviewItems[1].revision)),
            ]))
            #expect(typed.message?.text == "Rejected 2 uploads (ships a cryptominer).")
            #expect(typed.reviewQueue.list.items.count == 1)
        } else {
            Issue.record("expected a bulk rejection, got \(sent)")
        }
    }

    @Test func skipMovesOnAndMarksTheUpload() {
        var state = TestCatalogue.reviewQueueState(as: TestCatalogue.reviewer)
        press(&state, .character("s"))
        #expect(state.reviewQueue.skipped == [Self.hello30])
        #expect(state.reviewQueue.list.highlighted == 1)
        press(&state, .character("s"), .character("s"))
        #expect(state.reviewQueue.list.highlighted == 2)
        #expect(state.message?.text == "End of the queue · 3 skipped.")
    }

    @Test func reviewersMayNotReviewTheirOwnPackages() {
        var state = TestCatalogue.reviewQueueState(as: TestCatalogue.reviewingOwner)
        #expect(press(&state, .character("a")).isEmpty)
        #expect(state.message?.text == "Not allowed: reviewers cannot review packages they publish or collaborate on (hello-world r30).")
        press(&state, .character("d"))
        #expect(state.overlay == nil)
        press(&state, .down)
        #expect(press(&state, .character("a")).count == 1, "someone else's package is fine")
    }

    @Test func enterOpensThePackageAndEscComesBack() {
        var state = TestCatalogue.reviewQueueState(as: TestCatalogue.reviewer)
        let effects = press(&state, .enter)
        #expect(state.routes == [.search, .reviewQueue, .package(TestCatalogue.name("hello-world"))])
        #expect(state.package?.tab == .revisions)
        #expect(effects.contains { if case .loadPackage = $0 { true } else { false } })
        press(&state, .escape)
        #expect(state.route == .reviewQueue)
        #expect(state.package == nil)
    }

    @Test func diffShowsWhatChangedSinceThePreviousRevision() {
        let changes = ReviewDiff.changes(TestCatalogue.reviewItems[0])
        #expect(changes.map(\.label) == ["Version", "Size", "Confinement", "New permissions"])
        #expect(changes[2].before == "strict" && changes[2].after == "classic" && changes[2].isConcern)
        #expect(changes[3].after == "+snapd-control")
        #expect(changes[1].after.contains("(+131%)") && changes[1].isConcern)
        #expect(ReviewDiff.flags(TestCatalogue.reviewItems[0]) == "confinement-change, size, new permissions")
        #expect(ReviewDiff.flags(TestCatalogue.reviewItems[1]) == "first-upload, permissions")
    }
}

import Foundation
import Testing
import StoreModels
import StoreService
@testable import StoreTUI

/// Undo puts back exactly what one change did, names it, is logged as an undo, and goes back one
/// change further each time.
@Suite struct UndoLevelsTests {
    static let amd = Platform(architecture: .amd64)

    /// Applies `plan` through the preview as the user would (the store's answer is the local outcome).
    @discardableResult
    static func apply(_ plan: ReleasePlan, summary: String, _ state: inout AppState) -> PlanOutcome? {
        _ = ReleasePreviewReducer.open(&state, plan: plan, summary: summary, done: "done")
        return confirm(&state)
    }

    /// `y` on the open preview, then the store's answer.
    @discardableResult
    static func confirm(_ state: inout AppState) -> PlanOutcome? {
        let effects = press(&state, .character("y"))
        guard case .applyPlan(_, let sent, _, let ticket)? = effects.first, case .success(let outcome)? = state.preview?.outcome else {
            Issue.record("expected the plan to go out, got \(effects); preview \(String(describing: state.preview?.phase)) \(String(describing: state.preview?.outcome)); message \(String(describing: state.message))")
            return nil
        }
        #expect(!sent.isEmpty)
        _ = AppReducer.reduce(&state, .planApplied(ticket, .success(outcome)))
        // The reloads that follow answer with what the store now holds.
        state.package?.channelMap.pending = nil
        state.package?.revisions.list.cancel()
        return outcome
    }

    static func serving(_ state: AppState, _ channel: String) -> Int? {
        state.package?.channelMap.value?.serving(TestCatalogue.channel(channel), on: amd).revision
    }

    @Test func eachUndoGoesOneChangeFurtherBack() throws {
        var state = TestCatalogue.packageState(tab: .channels, as: TestCatalogue.owner)
        Self.apply(ReleasePlan([.release(revision: 28, channels: [TestCatalogue.channel("beta")])]), summary: "Release r28 to latest/beta", &state)
        Self.apply(ReleasePlan([.release(revision: 26, channels: [TestCatalogue.channel("edge")], platforms: [Self.amd])]),
                   summary: "Release r26 to latest/edge", &state)
        #expect(state.undoSteps[TestCatalogue.name("hello-world")]?.count == 2)

        press(&state, .character("u"))
        #expect(state.preview?.summary.hasPrefix("Undo your release r26 to latest/edge") == true)
        #expect(state.preview?.plan.undoes == "your release r26 to latest/edge")
        #expect(state.preview?.plan.auditAction == "undo")
        Self.confirm(&state)
        #expect(Self.serving(state, "beta") == 28, "the earlier release is untouched")
        #expect(state.undoSteps[TestCatalogue.name("hello-world")]?.count == 1)

        press(&state, .character("u"))
        #expect(state.preview?.summary.hasPrefix("Undo your release r28 to latest/beta") == true)
        Self.confirm(&state)
        #expect(Self.serving(state, "beta") == 26)
        #expect(state.undoSteps[TestCatalogue.name("hello-world")]?.isEmpty == true)
        press(&state, .character("u"))
        #expect(state.message?.text.hasPrefix("Nothing to undo") == true)
    }

    @Test func undoingOneChangeLeavesALaterChangeAlone() throws {
        var state = TestCatalogue.packageState(tab: .channels, as: TestCatalogue.owner)
        let before = try #require(state.package?.channelMap.value)
        // Close edge/fix-1 (an entry in the log), then someone starts a progressive release on beta.
        let closed = try #require(Self.apply(ReleasePlan([.close(channels: [TestCatalogue.channel("edge/fix-1")])]), summary: "Close", &state))
        var later = closed.map
        later.upsert(ChannelRelease(channel: TestCatalogue.channel("beta"), platform: Self.amd, revision: 28, releasedAt: TestCatalogue.now,
                                    progressivePercentage: 10))
        let (target, skipped) = UndoPlanner.reverting(before: before, after: closed.map, on: later)
        #expect(skipped.isEmpty)
        #expect(target.serving(TestCatalogue.channel("edge/fix-1"), on: Self.amd).revision == 28, "the branch is back")
        #expect(target.serving(TestCatalogue.channel("beta"), on: Self.amd).progressive?.revision == 28, "the later progressive release stays")
    }

    @Test func aChannelChangedAgainSinceIsLeftAloneAndNamed() {
        let before = TestCatalogue.channelMap
        var after = before
        after.upsert(ChannelRelease(channel: TestCatalogue.channel("beta"), platform: Self.amd, revision: 28, releasedAt: TestCatalogue.now))
        var now = after
        now.upsert(ChannelRelease(channel: TestCatalogue.channel("beta"), platform: Self.amd, revision: 27, releasedAt: TestCatalogue.now))
        let (target, skipped) = UndoPlanner.reverting(before: before, after: after, on: now)
        #expect(skipped == [ChannelTarget(channel: TestCatalogue.channel("beta"), platform: Self.amd)])
        #expect(target == now)
    }

    @Test func startingAProgressiveReleaseIsSummarisedAsSuch() {
        var after = TestCatalogue.channelMap
        after.upsert(ChannelRelease(channel: TestCatalogue.channel("beta"), platform: Self.amd, revision: 28, releasedAt: TestCatalogue.now,
                                    progressivePercentage: 20))
        let event = AuditEvent(at: TestCatalogue.now, actor: "canonical", actorRole: .publisher, action: "release", objectKind: .channelMap,
                               objectID: "hello-world", package: "hello-world",
                               before: Self.json(TestCatalogue.channelMap.releases), after: Self.json(after.releases))
        #expect(AuditSummary.change(event) == "beta amd64: r26→r26 →r28 20%")
    }

    static func json(_ releases: [ChannelRelease]) -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: (try? encoder.encode(releases)) ?? Data(), as: UTF8.self)
    }
}

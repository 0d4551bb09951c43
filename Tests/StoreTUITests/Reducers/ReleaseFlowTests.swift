import Testing
import Foundation
import StoreModels
import StoreService
@testable import StoreTUI

/// Select → R → form → preview → confirm, and the channel map's p, x, % and u.
@Suite struct ReleaseFlowTests {
    static let hello = TestCatalogue.name("hello-world")

    /// The revisions tab with the highlight on revision `number`.
    static func revisionsState(highlighting number: Int) -> AppState {
        var state = TestCatalogue.packageState(tab: .revisions, as: TestCatalogue.owner)
        let index = state.package?.revisions.visible.firstIndex { $0.number == number } ?? 0
        state.package?.revisions.list.highlighted = index
        return state
    }

    /// The channel map tab with the highlight on `channel` (amd64).
    static func channelsState(on channel: String) -> AppState {
        var state = TestCatalogue.packageState(tab: .channels, as: TestCatalogue.owner)
        state.package?.channelSelection = TestCatalogue.channelRow(channel)
        return state
    }

    // MARK: Selection

    @Test func spaceTogglesRevisionsOnePerArchitecture() {
        var state = Self.revisionsState(highlighting: 28)
        press(&state, .character(" "))
        #expect(state.package?.selectedRevisions == [28])
        // r27 is arm64 only: it replaces r28 (amd64, arm64) on arm64.
        let index = state.package?.revisions.visible.firstIndex { $0.number == 27 } ?? 0
        state.package?.revisions.list.highlighted = index
        press(&state, .character(" "))
        #expect(state.package?.selectedRevisions == [27])
        #expect(state.message?.text.contains("instead of r28") == true)
        // An amd64-only revision sits next to an arm64-only one.
        state.package?.revisions.list.items.append(Revision(
            number: 31, version: "1.31", architectures: [.amd64], size: 1, sha3_384: "", createdAt: TestCatalogue.now, uploader: "canonical"))
        state.package?.revisions.list.highlighted = 0
        press(&state, .character(" "))
        #expect(state.package?.selectedRevisions == [27, 31])
        press(&state, .character(" "))
        #expect(state.package?.selectedRevisions == [27])
    }

    @Test func spaceOnAChannelRowSelectsWhatItServes() {
        var state = Self.channelsState(on: "beta")
        press(&state, .character(" "))
        #expect(state.package?.selectedRevisions == [26])
        state.package?.channelSelection = TestCatalogue.channelRow("candidate")
        press(&state, .character(" "))
        #expect(state.package?.selectedRevisions == [26])
        #expect(state.message?.text.contains("serves nothing of its own") == true)
    }

    // MARK: The release form

    @Test func releaseFormCompletesChannelsFromTheMap() {
        var state = Self.revisionsState(highlighting: 28)
        press(&state, .character("R"))
        guard let release = form(state) else {
            Issue.record("no form")
            return
        }
        #expect(release.purpose == .release(Self.hello, revisions: [28]))
        let options = release.fields[0].options
        for expected in ["latest/stable", "latest/edge", "2.0/edge", "latest/edge/fix-1"] { #expect(options.contains(expected), "\(expected)") }
        typeText(&state, "2.0/e")
        #expect(form(state)?.completions == ["2.0/edge"])
        press(&state, .tab)
        #expect(form(state)?.fields[0].text == "2.0/edge, ")
        typeText(&state, "lat")
        press(&state, .down, .tab)
        #expect(form(state)?.fields[0].text == "2.0/edge, latest/candidate, ")
    }

    @Test func submittingTheFormOpensThePreviewOfThePlan() {
        var state = Self.revisionsState(highlighting: 28)
        press(&state, .character("R"))
        typeText(&state, "latest/beta")
        let effects = press(&state, .enter)
        #expect(effects.isEmpty)
        #expect(state.overlay == nil)
        #expect(state.route == .preview)
        #expect(state.routes == [.search, .package(Self.hello), .preview])
        guard let preview = state.preview else { return }
        #expect(preview.plan == ReleasePlan([.release(revision: 28, channels: [TestCatalogue.channel("latest/beta")])]))
        #expect(preview.focus == .cancel)
        #expect(preview.base.version == 7)
        guard case .success(let outcome) = preview.outcome else {
            Issue.record("expected a valid plan, got \(preview.outcome)")
            return
        }
        // beta gets r28 on both platforms; edge (following beta) follows along.
        let changed = outcome.changes.map { "\($0.channel.fullName) \($0.platform)" }
        #expect(changed == ["latest/beta amd64", "latest/beta arm64", "latest/edge amd64", "latest/edge arm64"])
        let beta = outcome.changes[0]
        #expect(beta.before.revision == 26 && beta.after.revision == 28)
        let text = rendered(state).textDump()
        #expect(text.contains("1.26 (r26)"))
        #expect(text.contains("1.28 (r28)"))
        #expect(!text.contains("latest/candidate"), "unchanged rows are not shown")
    }

    @Test func progressiveShareAndBranchGoIntoThePlan() {
        var state = Self.revisionsState(highlighting: 28)
        press(&state, .character("R"))
        typeText(&state, "stable")
        press(&state, .tab)  // completes latest/stable
        #expect(form(state)?.fields[0].text == "latest/stable, ")
        press(&state, .tab)  // nothing left to complete: the next field
        typeText(&state, "30")
        press(&state, .tab)
        typeText(&state, "hotfix-2")
        press(&state, .enter)
        let expected = ReleasePlan([.release(revision: 28, channels: [Channel(track: "latest", risk: .stable, branch: "hotfix-2")], progressive: 30)])
        #expect(state.preview?.plan == expected)
    }

    @Test func invalidInputKeepsTheFormOpenWithTheReason() {
        var state = Self.revisionsState(highlighting: 28)
        press(&state, .character("R"))
        press(&state, .enter)
        #expect(form(state)?.error == "choose at least one channel (Tab completes)")
        typeText(&state, "latest/sideways")
        press(&state, .enter)
        #expect(form(state)?.error?.contains("'sideways' is not a risk") == true)
        press(&state, .escape)
        #expect(state.overlay == nil)
        #expect(state.route == .package(Self.hello))
    }

    @Test func planErrorsShowInPlaceAndCannotBeApplied() {
        var state = Self.revisionsState(highlighting: 30)
        press(&state, .character("R"))
        typeText(&state, "latest/edge")
        press(&state, .enter)
        guard case .failure(let error)? = state.preview?.outcome else {
            Issue.record("expected a plan error")
            return
        }
        #expect(error == .revisionNotApproved(30, status: "pending", note: nil))
        var wide = state
        wide.width = 120
        wide.height = 40
        let text = rendered(wide).textDump()
        #expect(text.contains("revision 30 is pending in review; only approved revisions can be released"))
        let effects = press(&state, .character("y"))
        #expect(effects.isEmpty)
        #expect(state.message?.text.hasPrefix("This plan cannot be applied") == true)
        press(&state, .tab, .enter)
        #expect(state.pendingApply == nil)
    }

    // MARK: Confirm

    @Test func cancelIsTheDefaultAndEscCancelsToo() {
        var state = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        #expect(press(&state, .enter).isEmpty)
        #expect(state.route == .package(Self.hello))
        #expect(state.preview == nil)
        #expect(state.message?.text == "Cancelled: nothing was changed.")

        var other = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        #expect(press(&other, .escape).isEmpty)
        #expect(other.route == .package(Self.hello))
    }

    @Test func applyButtonOrYSendsThePlanWithTheMapVersion() {
        var state = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        let effects = press(&state, .tab, .enter)
        guard case .applyPlan(let name, let plan, let version, let ticket)? = effects.first, effects.count == 1 else {
            Issue.record("expected one applyPlan, got \(effects)")
            return
        }
        #expect(name == Self.hello && plan == TestCatalogue.releaseR28ToBeta && version == 7)
        #expect(state.pendingApply?.ticket == ticket)
        #expect(state.preview?.phase == .applying(ticket))
        // Nothing else goes out while it is applying, and Esc does not abandon it.
        #expect(press(&state, .character("y")).isEmpty)
        #expect(press(&state, .escape).isEmpty)
        #expect(state.route == .preview)

        var other = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        let sent = press(&other, .character("y"))
        #expect(sent.count == 1)
        if case .applyPlan(_, _, 7, _)? = sent.first {} else { Issue.record("expected applyPlan expecting 7, got \(sent)") }
    }

    @Test func successReloadsTheMapAndRevisionsAndRemembersUndo() {
        var state = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        let effects = press(&state, .character("y"))
        guard case .applyPlan(_, _, _, let ticket)? = effects.first, case .success(var outcome)? = state.preview?.outcome else { return }
        outcome.map.version = 8
        // A late answer to something else is dropped.
        #expect(AppReducer.reduce(&state, .planApplied(Ticket(999), .success(outcome))).isEmpty)
        #expect(state.pendingApply != nil)
        let reload = AppReducer.reduce(&state, .planApplied(ticket, .success(outcome)))
        #expect(state.route == .package(Self.hello))
        #expect(state.preview == nil && state.pendingApply == nil)
        #expect(state.message?.text.hasPrefix("Released r28 to latest/beta") == true)
        #expect(state.message?.text.contains("map version 8") == true)
        #expect(state.package?.channelMap.value?.version == 8)
        #expect(reload.contains { if case .loadChannelMap = $0 { true } else { false } })
        #expect(reload.contains { if case .loadRevisions(_, let query, _) = $0 { query.cursor == nil } else { false } })
        #expect(state.package?.revisions.list.pending != nil && state.package?.revisions.list.isNextPage == false, "the reloaded first page will replace the rows")
        #expect(state.undoSteps[Self.hello]?.last?.before == TestCatalogue.channelMap)
    }

    @Test func otherFailuresStayInThePreview() {
        var state = TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta)
        let effects = press(&state, .character("y"))
        guard case .applyPlan(_, _, _, let ticket)? = effects.first else { return }
        _ = AppReducer.reduce(&state, .planApplied(ticket, .failure(.forbidden("only the package's publisher and its collaborators may do this"))))
        #expect(state.preview?.phase == .failed(.forbidden("only the package's publisher and its collaborators may do this")))
        #expect(state.preview?.focus == .cancel)
        #expect(rendered(state).textDump().contains("The store did not apply the plan"))
    }

    // MARK: Channel map actions

    @Test func promoteMovesToTheNextSaferRisk() {
        var state = Self.channelsState(on: "beta")
        press(&state, .character("p"))
        let from = TestCatalogue.channel("beta"), to = TestCatalogue.channel("candidate")
        #expect(state.preview?.plan == ReleasePlan([.promote(from: from, to: to, platforms: Self.amd64)]), "the highlighted cell's platform")
        guard case .success(let outcome)? = state.preview?.outcome else { return }
        #expect(outcome.changes.contains { $0.channel == to && $0.after.revision == 26 && $0.after.source == .own })

        var branch = Self.channelsState(on: "edge/fix-1")
        press(&branch, .character("p"))
        #expect(branch.preview?.plan == ReleasePlan([.promote(from: TestCatalogue.channel("edge/fix-1"), to: TestCatalogue.channel("edge"), platforms: Self.amd64)]))

        var stable = Self.channelsState(on: "stable")
        press(&stable, .character("p"))
        #expect(stable.preview == nil)
        #expect(stable.message?.text.contains("safest risk") == true)
    }

    @Test func closeClosesTheHighlightedChannel() {
        var state = Self.channelsState(on: "beta")
        press(&state, .character("x"))
        #expect(state.preview?.plan == ReleasePlan([.close(channels: [TestCatalogue.channel("beta")], platforms: Self.amd64)]))
        guard case .success(let outcome)? = state.preview?.outcome else { return }
        #expect(outcome.changes.first { $0.channel == TestCatalogue.channel("beta") }?.after.isFollowing == true)
    }

    static let amd64 = [Platform(architecture: .amd64)]

    @Test func starMakesTheNextChannelActionCoverEveryPlatformOnce() {
        var state = Self.channelsState(on: "stable")
        press(&state, .character("*"))
        #expect(state.package?.actsOnAllPlatforms == true)
        #expect(rendered(state).textDump().contains("* every platform"))
        press(&state, .character("x"))
        #expect(state.preview?.plan == ReleasePlan([.close(channels: [TestCatalogue.channel("stable")])]), "every platform")
        #expect(state.preview?.summary.contains("on every platform") == true)
        guard case .success(let outcome)? = state.preview?.outcome else { return }
        #expect(Set(outcome.changes.filter { $0.channel == TestCatalogue.channel("stable") }.map(\.platform.architecture)) == [.amd64, .arm64])
        #expect(state.package?.actsOnAllPlatforms == false, "spent by the action")

        var twice = Self.channelsState(on: "beta")
        press(&twice, .character("*"), .character("*"), .character("p"))
        #expect(twice.preview?.plan == ReleasePlan([.promote(from: TestCatalogue.channel("beta"), to: TestCatalogue.channel("candidate"), platforms: Self.amd64)]),
                "a second * takes it back")
        #expect(twice.preview?.summary.contains("on amd64") == true)
    }

    @Test func closingOneCellLeavesTheOtherPlatformsAlone() {
        var state = Self.channelsState(on: "stable")
        press(&state, .character("x"))
        guard case .success(let outcome)? = state.preview?.outcome else { Issue.record("no outcome"); return }
        #expect(outcome.changes.allSatisfy { $0.platform.architecture == .amd64 })
        #expect(outcome.map.serving(TestCatalogue.channel("stable"), on: Platform(architecture: .arm64)).revision == 21)
    }

    @Test func percentChangesOrCompletesAProgressiveRelease() {
        var state = Self.channelsState(on: "stable")
        press(&state, .character("%"))
        #expect(form(state)?.fields[0].text == "100")
        press(&state, .enter)
        #expect(state.preview?.plan == ReleasePlan([.setProgress(channel: TestCatalogue.channel("stable"), percentage: 100, platforms: Self.amd64)]))
        guard case .success(let outcome)? = state.preview?.outcome else { return }
        #expect(outcome.map.serving(TestCatalogue.channel("stable"), on: Platform(architecture: .amd64)).revision == 25)

        var half = Self.channelsState(on: "stable")
        press(&half, .character("%"), .ctrl("u"))
        typeText(&half, "50")
        press(&half, .enter)
        #expect(half.preview?.plan == ReleasePlan([.setProgress(channel: TestCatalogue.channel("stable"), percentage: 50, platforms: Self.amd64)]))

        var none = Self.channelsState(on: "beta")
        press(&none, .character("%"))
        #expect(none.overlay == nil)
        #expect(none.message?.text == "latest/beta has no progressive release to change.")
    }

    @Test func undoRestoresTheMapBeforeTheLastRelease() {
        var state = Self.channelsState(on: "beta")
        press(&state, .character("u"))
        #expect(state.preview == nil)
        #expect(state.message?.text.hasPrefix("Nothing to undo") == true)

        // Release r28 to beta and close edge/fix-1, then undo.
        let plan = ReleasePlan([.release(revision: 28, channels: [TestCatalogue.channel("beta")]),
                                .close(channels: [TestCatalogue.channel("edge/fix-1")])])
        _ = ReleasePreviewReducer.open(&state, plan: plan, summary: "s", done: "d")
        let effects = press(&state, .character("y"))
        guard case .applyPlan(_, _, _, let ticket)? = effects.first, case .success(let outcome)? = state.preview?.outcome else {
            Issue.record("expected the plan to go out")
            return
        }
        _ = AppReducer.reduce(&state, .planApplied(ticket, .success(outcome)))
        #expect(state.package?.channelMap.value == outcome.map)
        state.package?.channelMap.pending = nil
        press(&state, .character("u"))
        #expect(state.route == .preview)
        #expect(state.preview?.isUndo == true)
        guard case .success(let undone)? = state.preview?.outcome else {
            Issue.record("expected a valid undo plan, got \(String(describing: state.preview?.outcome))")
            return
        }
        #expect(Self.served(undone.map) == Self.served(TestCatalogue.channelMap))
    }

    /// What every channel serves (revisions and shares, not release times).
    static func served(_ map: ChannelMap) -> [String] {
        ChannelMapGrid(TestCatalogue.channelMap).targets.map { target in
            let serving = map.serving(target.channel, on: target.platform)
            return "\(target.channel) \(target.platform) \(serving.statusWord) \(serving.revision ?? 0) "
                + "\(serving.progressive?.revision ?? 0)@\(serving.progressive?.progressivePercentage ?? 0)"
        }
    }

    @Test func undoPlannerReleasesAndClosesWhatDiffers() {
        let previous = TestCatalogue.channelMap
        var current = previous
        current.upsert(ChannelRelease(channel: TestCatalogue.channel("edge"), platform: Platform(architecture: .amd64), revision: 27, releasedAt: TestCatalogue.now))
        current.remove { $0.channel == TestCatalogue.channel("beta") }
        let plan = UndoPlanner.plan(from: current, to: previous)
        #expect(plan == ReleasePlan([
            .release(revision: 26, channels: [TestCatalogue.channel("beta")], progressive: nil, platforms: [Platform(architecture: .amd64)]),
            .close(channels: [TestCatalogue.channel("edge")], platforms: [Platform(architecture: .amd64)]),
        ]))
    }
}

@Suite struct PreviewWhileLoadingTests {
    @Test func aPreviewOpenedWhileRevisionsLoadIsBuiltWhenTheyAreIn() {
        var state = TestCatalogue.packageState(tab: .channels)
        state.package?.revisions.list.items = Array(TestCatalogue.revisions.suffix(5))
        let ticket = state.issueTicket()
        // The first page is in; the next one is on its way.
        state.package?.revisions.list.request(ticket, nextPage: true)
        state.package?.channelSelection = TestCatalogue.channelRow("beta")
        press(&state, .character("p"))
        #expect(state.preview?.phase == .rebuilding)
        #expect(press(&state, .character("y")).isEmpty)
        _ = AppReducer.reduce(&state, .revisionsLoaded(ticket, .success(Page(items: Array(TestCatalogue.revisions.prefix(25))))))
        #expect(state.preview?.phase == .reviewing)
        #expect(state.preview?.note == nil)
        if case .failure(let error)? = state.preview?.outcome { Issue.record("unexpected \(error)") }
    }
}

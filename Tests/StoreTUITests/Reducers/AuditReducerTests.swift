import Testing
import StoreModels
import StoreService
@testable import StoreTUI

@Suite struct AuditReducerTests {
    @Test func aOpensTheLogNewestFirst() {
        var state = TestCatalogue.state(as: TestCatalogue.reviewer)
        let effects = press(&state, .character("A"))
        #expect(state.routes == [.search, .audit])
        #expect(effects == [.loadAudit(AuditQuery(limit: AuditReducer.pageSize), Ticket(1), debounceMilliseconds: 0)])
        _ = AppReducer.reduce(&state, .auditLoaded(Ticket(1), .success(Page(items: TestCatalogue.auditEvents))))
        #expect(state.audit.list.items.map(\.id) == [6, 5, 4, 3, 2, 1])
    }

    @Test func theFilterLineFiltersByActorPackageAndAction() {
        var state = TestCatalogue.auditState()
        press(&state, .character("f"))
        #expect(state.audit.isEditing)
        let effects = typeText(&state, "actor:rita package:hello-world action:review.")
        guard case .loadAudit(let query, _, let debounce)? = effects.last else {
            Issue.record("expected a load, got \(effects.last.map { "\($0)" } ?? "nothing")")
            return
        }
        #expect(query == AuditQuery(actor: "rita", package: "hello-world", action: "review.", limit: AuditReducer.pageSize))
        #expect(debounce == AuditReducer.debounceMilliseconds)
        press(&state, .enter)
        #expect(!state.audit.isEditing)

        // Bare words are free text over actor, package and object; a group name alone is the group.
        #expect(AuditFilter.parse("publisher:eve alice notes") == .success(AuditFilter(publisher: "eve", text: "alice notes")))
        #expect(AuditFilter.parse("action:review") == .success(AuditFilter(action: "review.")))
        #expect(AuditFilter.parse("action:release") == .success(AuditFilter(action: "release")))
    }

    @Test func tabCompletesFilterKeysAndActionNames() {
        var state = TestCatalogue.auditState()
        press(&state, .character("f"))
        typeText(&state, "ac")
        press(&state, .tab)
        #expect(state.audit.filter == "act", "actor: and action: share act")
        typeText(&state, "i")
        press(&state, .tab)
        #expect(state.audit.filter == "action:", "a key completes to its colon")
        #expect(state.audit.isEditing, "Tab that completes keeps the line")
        typeText(&state, "rev")
        let effects = press(&state, .tab)
        #expect(state.audit.filter == "action:review", "the group before its actions")
        #expect(state.message?.text.contains("action:review.approve") == true, "the choices are shown")
        #expect(effects.contains { if case .loadAudit(let query, _, _) = $0 { query.action == "review." } else { false } },
                "the list follows the completed filter")
        press(&state, .tab)
        #expect(state.audit.filter == "action:review", "several choices and nothing shared: the word stays")
        typeText(&state, ".r")
        press(&state, .tab)
        #expect(state.audit.filter == "action:review.reject ")

        var single = TestCatalogue.auditState()
        press(&single, .character("f"))
        typeText(&single, "alice action:prom")
        press(&single, .tab)
        #expect(single.audit.filter == "alice action:promote ", "one choice: the word and a space")

        var nothing = TestCatalogue.auditState()
        press(&nothing, .character("f"))
        typeText(&nothing, "alice")
        press(&nothing, .tab)
        #expect(!nothing.audit.isEditing, "nothing to complete: Tab leaves the line")
    }

    @Test func aGroupNameIsNotAlsoAnActionOfItsOwn() {
        #expect(AuditActions.groups.contains("review"))
        #expect(!AuditActions.groups.contains("release"), "release is an action, release.progress another")
        #expect(AuditActions.completing("re").prefix(3) == ["review", "resource", "release"])
    }

    @Test func anUnknownFilterSaysSoAndSendsNothing() {
        var state = TestCatalogue.auditState()
        press(&state, .character("f"))
        let effects = typeText(&state, "colour:red")
        #expect(effects.last == .cancel(.audit))
        #expect(state.audit.filterError == "unknown filter 'colour': use actor:, package:, action: or publisher:")
        #expect(state.audit.list.pending == nil)
        #expect(rendered(state).textDump().contains("unknown filter 'colour'"))
    }

    @Test func pagesLoadByCursorAsTheHighlightNearsTheEnd() {
        var state = TestCatalogue.state(as: TestCatalogue.reviewer)
        press(&state, .character("A"))
        let first = Array(TestCatalogue.auditEvents.prefix(3))
        let next = AppReducer.reduce(&state, .auditLoaded(Ticket(1), .success(Page(items: first, nextCursor: "c2"))))
        guard case .loadAudit(let query, let ticket, 0)? = next.first else {
            Issue.record("expected the next page, got \(next)")
            return
        }
        #expect(query.cursor == "c2")
        #expect(press(&state, .down).isEmpty, "one page at a time")
        _ = AppReducer.reduce(&state, .auditLoaded(ticket, .success(Page(items: Array(TestCatalogue.auditEvents.dropFirst(3))))))
        #expect(state.audit.list.items.count == 6)
        #expect(state.audit.list.highlighted == 1)
    }

    @Test func paletteOpensTheLogWithAFilter() {
        var state = TestCatalogue.state(as: TestCatalogue.reviewer)
        press(&state, .character(":"))
        typeText(&state, "audit package:hello-world")
        let effects = press(&state, .enter)
        #expect(state.route == .audit)
        #expect(state.audit.filter == "package:hello-world")
        #expect(effects.contains { if case .loadAudit(AuditQuery(package: "hello-world", limit: AuditReducer.pageSize), _, _) = $0 { true } else { false } })
    }

    @Test func summariesSayWhatChanged() {
        let events = TestCatalogue.auditEvents
        #expect(AuditSummary.change(events[0]) == "status: active → suspended")
        #expect(AuditSummary.change(events[2]) == "beta amd64: r26→r28")
        #expect(AuditSummary.change(events[4]) == "validation: unproven → verified")
        #expect(AuditSummary.change(events[5]) == "")
    }
}

@Suite struct AuditUndoTests {
    @Test func undoFromAReleaseEntryPreviewsTheMapItRecordedBefore() {
        var state = TestCatalogue.auditState()
        state.audit.list.highlighted = 2  // the release of hello-world: beta r26 → r28
        let effects = press(&state, .character("u"))
        #expect(state.route == .package(TestCatalogue.name("hello-world")))
        #expect(state.pendingUndo?.package == TestCatalogue.name("hello-world"))
        var current = ChannelMap(releases: [ChannelRelease(channel: TestCatalogue.channel("beta"), platform: Platform(architecture: .amd64),
                                                           revision: 28, releasedAt: TestCatalogue.now)], version: 9)
        current.tracks = ["latest"]
        for effect in effects {
            switch effect {
            case .loadPackage(_, let ticket): _ = AppReducer.reduce(&state, .packageLoaded(ticket, .success(TestCatalogue.detail)))
            case .loadChannelMap(_, let ticket): _ = AppReducer.reduce(&state, .channelMapLoaded(ticket, .success(current)))
            case .loadRevisions(_, _, let ticket):
                _ = AppReducer.reduce(&state, .revisionsLoaded(ticket, .success(Page(items: TestCatalogue.revisions))))
            default: break
            }
        }
        #expect(state.pendingUndo == nil)
        #expect(state.route == .preview)
        #expect(state.preview?.plan.operations == [
            .release(revision: 26, channels: [TestCatalogue.channel("beta")], progressive: nil, platforms: [Platform(architecture: .amd64)]),
        ])
    }

    @Test func undoOnAnEntryThatIsNotAChannelMapChangeSaysSo() {
        var state = TestCatalogue.auditState()
        state.audit.list.highlighted = 0  // a suspension
        #expect(press(&state, .character("u")).isEmpty)
        #expect(state.message?.text.contains("Select a release") == true)
    }
}

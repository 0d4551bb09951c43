import Testing
import StoreModels
import StoreService
@testable import StoreTUI

@Suite struct PublishersReducerTests {
    static func publisher(_ username: String) -> Publisher {
        TestCatalogue.publishers.first { $0.username == username } ?? TestCatalogue.publishers[0]
    }

    @Test func pOpensThePaneAndTypingSearchesWithADebounce() {
        var state = TestCatalogue.searchState()
        let open = press(&state, .character("P"))
        #expect(state.routes == [.search, .publishers])
        guard case .searchPublishers("", nil, PublishersReducer.pageSize, let first, 0)? = open.first else {
            Issue.record("expected a first search, got \(open)")
            return
        }
        _ = AppReducer.reduce(&state, .publishersLoaded(first, .success(Page(items: TestCatalogue.publishers))))
        #expect(state.publishers.list.items.count == 4)
        press(&state, .character("f"))
        #expect(state.publishers.isEditing)
        let typed = typeText(&state, "al")
        guard case .searchPublishers("al", nil, _, let ticket, PublishersReducer.debounceMilliseconds)? = typed.last else {
            Issue.record("expected a debounced search, got \(typed)")
            return
        }
        // The answer for "a" arrives late and is dropped.
        if case .searchPublishers(_, _, _, let stale, _)? = typed.first {
            _ = AppReducer.reduce(&state, .publishersLoaded(stale, .success(Page(items: []))))
        }
        #expect(state.publishers.list.items.count == 4)
        _ = AppReducer.reduce(&state, .publishersLoaded(ticket, .success(Page(items: [Self.publisher("alice")]))))
        #expect(state.publishers.list.items.map(\.username) == ["alice"])
        press(&state, .enter)
        #expect(!state.publishers.isEditing)
    }

    @Test func enterShowsThePublishersAccountPackagesAndAudit() {
        var state = TestCatalogue.publishersState()
        let effects = press(&state, .enter)
        #expect(state.route == .publisher("alice"))
        #expect(effects.count == 3)
        #expect(effects.contains { if case .loadPublisher("alice", _) = $0 { true } else { false } })
        #expect(effects.contains { if case .loadPublisherPackages("alice", _) = $0 { true } else { false } })
        #expect(effects.contains { if case .loadPublisherAudit(AuditQuery(publisher: "alice", limit: 50), _) = $0 { true } else { false } })
        let crumbs = state.crumbs
        #expect(crumbs == ["Search", "Publishers", "alice"])
        let back = press(&state, .escape)
        #expect(state.route == .publishers)
        #expect(state.publisherDetail == nil)
        #expect(back == [.cancel(.publisher), .cancel(.publisherPackages), .cancel(.publisherAudit)])
    }

    @Test func suspendNeedsAReasonAndTheTypedUsername() {
        var state = TestCatalogue.publishersState()
        press(&state, .character("S"))
        guard let suspend = form(state) else {
            Issue.record("no form")
            return
        }
        #expect(suspend.purpose == .suspend(username: "alice"))
        #expect(press(&state, .enter).isEmpty)
        #expect(form(state)?.error?.hasPrefix("a reason is required") == true)
        typeText(&state, "spam")
        press(&state, .tab)
        #expect(form(state)?.focus == 1, "no template starts with spam but spam itself")
        typeText(&state, "alcie")
        #expect(press(&state, .enter).isEmpty)
        #expect(form(state)?.error == "type the username exactly (alice) to confirm")
        press(&state, .ctrl("u"))
        typeText(&state, "alice")
        let effects = press(&state, .enter)
        guard case .moderate(.suspend(username: "alice", reason: "spam"), let ticket)? = effects.first, effects.count == 1 else {
            Issue.record("expected a suspension, got \(effects)")
            return
        }
        #expect(state.overlay == nil)
        var suspended = Self.publisher("alice")
        suspended.status = .suspended(reason: "spam")
        _ = AppReducer.reduce(&state, .moderated(ticket, .success(suspended)))
        #expect(state.publishers.list.items[0].status == .suspended(reason: "spam"))
        #expect(state.message?.text == "Suspended alice: spam.")
        press(&state, .character("S"))
        #expect(state.overlay == nil)
        #expect(state.message?.text == "alice is already suspended.")
    }

    @Test func unsuspendOnlyForSuspendedPublishersAlsoConfirmed() {
        var state = TestCatalogue.publishersState()
        press(&state, .character("U"))
        #expect(state.message?.text == "alice is not suspended.")
        state.publishers.list.highlighted = 2
        press(&state, .character("U"))
        #expect(form(state)?.purpose == .unsuspend(username: "eve"))
        typeText(&state, "appeal accepted")
        press(&state, .tab)
        typeText(&state, "eve")
        let effects = press(&state, .enter)
        #expect(effects.count == 1)
        if case .moderate(.unsuspend(username: "eve", reason: "appeal accepted"), _)? = effects.first {} else {
            Issue.record("expected an unsuspension, got \(effects)")
        }
    }

    @Test func verifyProposesTheOtherBadge() {
        var state = TestCatalogue.publishersState()
        press(&state, .character("v"))
        #expect(form(state)?.fields[0].text == "verified")
        press(&state, .tab)
        typeText(&state, "checked the domain")
        let effects = press(&state, .enter)
        if case .moderate(.setValidation(username: "alice", .verified, reason: "checked the domain"), _)? = effects.first {} else {
            Issue.record("expected a validation change, got \(effects)")
        }

        var canonical = TestCatalogue.publisherState()
        press(&canonical, .character("v"))
        #expect(form(canonical)?.fields[0].text == "unproven")
        press(&canonical, .ctrl("u"))
        typeText(&canonical, "gold")
        press(&canonical, .enter)
        #expect(form(canonical)?.error == "the badge is verified, starred or unproven")
    }

    @Test func moderationIsForAdminsAndNotForYourself() {
        var state = TestCatalogue.publishersState()
        state.settings.identity = TestCatalogue.reviewer
        state.publishers.list.items.append(Publisher(id: "r1", username: "rita", displayName: "Rita"))
        press(&state, .character("S"))
        #expect(state.message?.text == "Not allowed: this needs the admin role.")
        state.settings.identity = Identity(account: .init(id: "r1", username: "rita", displayName: "Rita", role: .admin))
        state.publishers.list.highlighted = 4
        press(&state, .character("S"))
        #expect(state.overlay == nil)
        #expect(state.message?.text == "Not allowed: you cannot suspend your own account.")
    }

    @Test func aFailedChangeSaysWhy() {
        var state = TestCatalogue.publishersState()
        press(&state, .character("v"), .enter)
        guard let ticket = state.moderation?.ticket else {
            Issue.record("nothing sent")
            return
        }
        press(&state, .character("v"))
        #expect(state.message?.text == "Wait: the last change is still being sent.")
        _ = AppReducer.reduce(&state, .moderated(ticket, .failure(.forbidden("this needs the admin role"))))
        #expect(state.moderation == nil)
        #expect(state.message?.text == "Not allowed: this needs the admin role.")
    }

    @Test func openingAPackageFromThePublisherPageComesBackToIt() {
        var state = TestCatalogue.publisherState()
        press(&state, .down, .enter)
        #expect(state.routes == [.search, .publishers, .publisher("canonical"), .package(TestCatalogue.name("postgresql-k8s"))])
        press(&state, .escape)
        #expect(state.route == .publisher("canonical"))
        #expect(state.publisherDetail != nil)
    }
}

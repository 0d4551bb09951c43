import Testing
import StoreModels
import StoreService
@testable import StoreTUI

/// Actions the identity may not do are refused with the store's own reason; read-only offers none.
@Suite struct PermissionTests {
    @Test func ownerAndCollaboratorMayStartAReleaseOutsidersMayNot() {
        for identity in [TestCatalogue.owner, TestCatalogue.collaborator, TestCatalogue.identity] {
            var state = TestCatalogue.packageState(tab: .revisions, as: identity)
            press(&state, .character("R"))
            #expect(form(state) != nil, "\(identity)")
        }
        for identity in [TestCatalogue.outsider, TestCatalogue.viewer, Identity.anonymous] {
            var state = TestCatalogue.packageState(tab: .revisions, as: identity)
            let effects = press(&state, .character("R"))
            #expect(effects.isEmpty)
            #expect(state.overlay == nil)
            #expect(state.message?.severity == .error)
            #expect(state.message?.text.hasPrefix("Not allowed: ") == true, "\(String(describing: state.message))")
        }
        var state = TestCatalogue.packageState(tab: .channels, as: TestCatalogue.outsider)
        press(&state, .character("x"))
        #expect(state.message?.text == "Not allowed: only the package's publisher and its collaborators may do this.")
        #expect(state.route == .package(TestCatalogue.name("hello-world")))
    }

    @Test func collaboratorsAreMatchedByUsername() {
        let access = Availability.access(TestCatalogue.detail, for: TestCatalogue.collaborator)
        #expect(access.collaboratorIDs.contains("p2"))
        #expect(Permissions.may(TestCatalogue.collaborator, .release, on: access) == .allowed)
        #expect(Permissions.may(TestCatalogue.outsider, .release, on: Availability.access(TestCatalogue.detail, for: TestCatalogue.outsider)) != .allowed)
    }

    @Test func suspendedOwnersAndQuarantinedPackagesAreFrozen() {
        var state = TestCatalogue.packageState(tab: .channels, as: TestCatalogue.owner)
        state.package?.detail.value?.package.status = .quarantined
        press(&state, .character("p"))
        #expect(state.message?.text == "Not allowed: this package is quarantined; releases are frozen.")
    }

    @Test func readOnlyOffersNoChangingAction() {
        var state = TestCatalogue.packageState(tab: .channels, as: TestCatalogue.identity, readOnly: true)
        for key in ["R", "p", "x", "%", "u", " "] {
            let effects = press(&state, .character(Character(key)))
            #expect(effects.isEmpty)
            #expect(state.overlay == nil)
            #expect(state.message?.text == "Not allowed: \(Availability.readOnlyReason).")
        }
        state.overlay = .help
        #expect(HelpContent.entries(state).allSatisfy { !$0.binding.command.isChange })
        #expect(HelpContent.entries(state).contains { $0.binding.command == .back })

        var queue = TestCatalogue.reviewQueueState()
        queue.settings.readOnly = true
        #expect(press(&queue, .character("a")).isEmpty)
        #expect(queue.message?.text == "Not allowed: \(Availability.readOnlyReason).")
    }

    @Test func helpShowsDisabledKeysWithTheReason() {
        let state = TestCatalogue.packageState(tab: .channels, as: TestCatalogue.outsider)
        let entries = HelpContent.entries(state)
        let promote = entries.first { $0.binding.command == .promote }
        #expect(promote?.disabledReason == "only the package's publisher and its collaborators may do this")
        let queue = entries.first { $0.binding.command == .reviewQueue }
        #expect(queue?.disabledReason == "the review queue is for reviewers and admins")
        #expect(entries.first { $0.binding.command == .moveDown }?.disabledReason == nil)
        var shown = state
        shown.overlay = .help
        let text = rendered(shown).textDump()
        #expect(text.contains("✗ not allowed: only the package's publisher"))
    }

    @Test func panesNeedTheirRoles() {
        var publisher = TestCatalogue.state(as: TestCatalogue.owner)
        press(&publisher, .character("Q"))
        #expect(publisher.route == .search)
        #expect(publisher.message?.text == "Not allowed: the review queue is for reviewers and admins.")
        press(&publisher, .character("A"))
        #expect(publisher.message?.text == "Not allowed: the audit log is for reviewers and admins.")

        var reviewer = TestCatalogue.state(as: TestCatalogue.reviewer)
        press(&reviewer, .character("P"))
        #expect(reviewer.message?.text == "Not allowed: this needs the admin role.")
        let audit = press(&reviewer, .character("A"))
        #expect(reviewer.route == .audit)
        #expect(audit.contains { if case .loadAudit = $0 { true } else { false } })

        var palette = TestCatalogue.state(as: TestCatalogue.viewer)
        press(&palette, .character(":"))
        typeText(&palette, "queue")
        press(&palette, .enter)
        #expect(palette.route == .search)
        #expect(palette.message?.severity == .error)
    }

    @Test func onlyReviewersAndAdminsLoadTheQueueAtStart() {
        var publisher = TestCatalogue.state(as: TestCatalogue.owner)
        #expect(!AppReducer.start(&publisher).contains { if case .loadReviewQueue = $0 { true } else { false } })
        var reviewer = TestCatalogue.state(as: TestCatalogue.reviewer)
        #expect(AppReducer.start(&reviewer).contains { if case .loadReviewQueue = $0 { true } else { false } })
    }
}

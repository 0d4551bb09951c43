import Testing
@testable import StoreModels

@Suite struct PermissionTests {
    static func identity(_ id: String, _ role: Role, suspended: Bool = false) -> Identity {
        Identity(account: .init(id: id, username: id, displayName: id, role: role, isSuspended: suspended))
    }

    let owner = identity("alice", .publisher)
    let collaborator = identity("bob", .publisher)
    let other = identity("eve", .publisher)
    let reviewer = identity("rita", .reviewer)
    let admin = identity("root", .admin)
    let package = PackageAccess(ownerID: "alice", collaboratorIDs: ["bob"])

    @Test func ownerAndCollaboratorMayReleaseOthersMayNot() {
        #expect(Permissions.may(owner, .release, on: package).isAllowed)
        #expect(Permissions.may(collaborator, .release, on: package).isAllowed)
        #expect(Permissions.may(other, .release, on: package).reason == "only the package's publisher and its collaborators may do this")
        #expect(!Permissions.may(.anonymous, .release, on: package).isAllowed)
        #expect(Permissions.may(admin, .release, on: package).isAllowed)
    }

    @Test func suspendedAccountsMayDoNothingButView() {
        let suspended = Self.identity("alice", .publisher, suspended: true)
        for action in Action.allCases where action != .viewPackage {
            #expect(!Permissions.may(suspended, action, on: package).isAllowed, "\(action)")
        }
        #expect(Permissions.may(suspended, .viewPackage, on: package).isAllowed)
    }

    @Test func packagesOfSuspendedPublishersAreFrozenAndHidden() {
        let frozen = PackageAccess(ownerID: "alice", collaboratorIDs: ["bob"], ownerSuspended: true)
        #expect(!Permissions.may(collaborator, .release, on: frozen).isAllowed)
        #expect(!Permissions.may(.anonymous, .viewPackage, on: frozen).isAllowed)
        #expect(Permissions.may(admin, .viewPackage, on: frozen).isAllowed)
    }

    @Test func privatePackagesAreVisibleToInvolvedAccountsAndStaffOnly() {
        let hidden = PackageAccess(ownerID: "alice", collaboratorIDs: ["bob"], isPrivate: true)
        #expect(Permissions.may(owner, .viewPackage, on: hidden).isAllowed)
        #expect(Permissions.may(collaborator, .viewPackage, on: hidden).isAllowed)
        #expect(!Permissions.may(other, .viewPackage, on: hidden).isAllowed)
        #expect(!Permissions.may(.anonymous, .viewPackage, on: hidden).isAllowed)
        #expect(Permissions.may(reviewer, .viewPackage, on: hidden).isAllowed)
    }

    @Test func reviewersCannotReviewTheirOwnPackages() {
        let reviewerOwned = PackageAccess(ownerID: "rita")
        #expect(!Permissions.may(reviewer, .reviewRevision, on: reviewerOwned).isAllowed)
        #expect(Permissions.may(reviewer, .reviewRevision, on: package).isAllowed)
        #expect(Permissions.may(admin, .reviewRevision, on: reviewerOwned).isAllowed)
        #expect(!Permissions.may(owner, .reviewRevision, on: package).isAllowed)
    }

    @Test func moderationAndTokensAreForAdminsOnly() {
        for identity in [owner, reviewer, Identity.anonymous] {
            #expect(!Permissions.may(identity, .moderatePublisher).isAllowed)
            #expect(!Permissions.may(identity, .manageTokens).isAllowed)
        }
        #expect(Permissions.may(admin, .moderatePublisher).isAllowed)
    }

    @Test func quarantinedPackagesCannotBeReleased() {
        let quarantined = PackageAccess(ownerID: "alice", isQuarantined: true)
        #expect(!Permissions.may(owner, .release, on: quarantined).isAllowed)
        #expect(!Permissions.may(admin, .release, on: quarantined).isAllowed)
    }

    @Test func onlyOwnersManageCollaborators() {
        #expect(Permissions.may(owner, .manageCollaborators, on: package).isAllowed)
        #expect(!Permissions.may(collaborator, .manageCollaborators, on: package).isAllowed)
    }

    @Test func viewersMayOnlyReadThePublicCatalogue() {
        let viewer = Self.identity("vic", .viewer)
        let allowed = Action.allCases.filter { Permissions.may(viewer, $0, on: package).isAllowed }
        #expect(allowed == [.viewPackage])
    }

    @Test func everyRoleAndActionHasAnAnswerWithAReasonWhenDenied() {
        for role in Role.allCases {
            for action in Action.allCases {
                let decision = Permissions.may(Self.identity("x", role), action, on: package)
                if !decision.isAllowed { #expect(decision.reason?.isEmpty == false) }
            }
        }
    }
}

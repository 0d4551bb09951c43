import StoreModels
import StoreService

/// Which commands the identity may run here, and why not: the console asks the store's own
/// ``Permissions/may(_:_:on:)`` with what it knows (role, the package's owner and collaborators),
/// so it offers what the store would accept. The store still checks every call.
enum Availability {
    /// Why nothing changes in a read-only console.
    static let readOnlyReason = "the console is read-only (started with --read-only)"

    /// Why `command` cannot run in `state`, or `nil` when it can.
    static func disabledReason(_ command: Command, in state: AppState) -> String? {
        let identity = state.settings.identity
        switch command {
        case .reviewQueue: return Permissions.may(identity, .viewReviewQueue).reason
        case .audit: return Permissions.may(identity, .viewAudit).reason
        case .publishers: return Permissions.may(identity, .moderatePublisher).reason
        case .sshKeys: return identity.isAnonymous ? "log in to manage SSH keys" : nil
        default: break
        }
        guard command.isChange else { return nil }
        if state.settings.readOnly { return readOnlyReason }
        switch command {
        case .toggleSelection:
            if state.route == .reviewQueue {
                return reviewReason(identity, state.reviewQueue, targets: ReviewQueueReducer.highlightedTargets(state.reviewQueue))
            }
            return packageReason(state, .release)
        case .release, .promote, .progressive, .allPlatforms:
            return packageReason(state, .release)
        case .closeChannel:
            return packageReason(state, .closeChannel)
        case .undoRelease:
            return packageReason(state, .release) ?? packageReason(state, .closeChannel)
        case .apply:
            guard let plan = state.preview?.plan else { return nil }
            for action in plan.requiredActions {
                if let reason = packageReason(state, action) { return reason }
            }
            return nil
        case .approve, .reject:
            return reviewReason(identity, state.reviewQueue, targets: ReviewQueueReducer.targets(state.reviewQueue))
        case .verify, .suspendPublisher, .unsuspendPublisher:
            if let reason = Permissions.may(identity, .moderatePublisher).reason { return reason }
            if command == .suspendPublisher, let target = PublishersReducer.target(state),
               let account = identity.account, target.id == account.id || target.username == account.username {
                return "you cannot suspend your own account"
            }
            return nil
        case .addSSHKey, .removeSSHKey:
            if identity.isAnonymous { return "log in to manage SSH keys" }
            if command == .addSSHKey, identity.account?.isSuspended == true { return "your account is suspended" }
            return nil
        default:
            return nil
        }
    }

    /// What a permission check needs to know about a package, from its detail.
    ///
    /// `PackageDetail.collaborators` holds usernames while ``PackageAccess`` holds account ids, so
    /// the caller's own id stands in when their username is listed.
    static func access(_ detail: PackageDetail, for identity: Identity) -> PackageAccess {
        var collaborators = Set(detail.collaborators)
        if let account = identity.account, detail.collaborators.contains(account.username) {
            collaborators.insert(account.id)
        }
        var ownerID = detail.package.publisherID
        if let account = identity.account, detail.publisher.username == account.username { ownerID = account.id }
        return PackageAccess(
            ownerID: ownerID, collaboratorIDs: collaborators, isPrivate: detail.package.isPrivate,
            ownerSuspended: detail.publisher.status.isSuspended, isQuarantined: detail.package.status == .quarantined)
    }

    /// Why the open package does not allow `action`, or `nil`.
    static func packageReason(_ state: AppState, _ action: Action) -> String? {
        let identity = state.settings.identity
        guard let detail = state.package?.detail.value else {
            if identity.role == .admin { return nil }
            return state.package == nil ? "open a package first" : "the package is still loading"
        }
        return Permissions.may(identity, action, on: access(detail, for: identity)).reason
    }

    /// Why the identity may not review one of `targets`, or `nil`. Separation of duties: a
    /// reviewer who publishes the package may not review it.
    static func reviewReason(_ identity: Identity, _ queue: ReviewQueueState, targets: [ReviewTarget]) -> String? {
        if let reason = Permissions.may(identity, .reviewRevision).reason { return reason }
        for target in targets {
            guard let item = queue.list.items.first(where: { ReviewTarget($0) == target }) else { continue }
            if let reason = Permissions.may(identity, .reviewRevision, on: PackageAccess(ownerID: item.publisher.id)).reason {
                return "\(reason) (\(target))"
            }
        }
        return nil
    }

    /// Whether the identity works the review queue (so its count shows in the status bar).
    static func seesReviewQueue(_ state: AppState) -> Bool {
        Permissions.may(state.settings.identity, .viewReviewQueue).isAllowed
    }
}

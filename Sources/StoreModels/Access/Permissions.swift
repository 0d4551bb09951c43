/// Something a caller may try to do.
public enum Action: String, Hashable, Sendable, Codable, CaseIterable {
    case viewPackage
    case viewRevisions
    case registerName
    case uploadRevision
    case release
    case closeChannel
    case manageCollaborators
    case reviewRevision
    case viewReviewQueue
    case moderatePublisher
    case viewAudit
    case manageTokens
    /// Reading a package's adoption figures (``PackageMetrics``).
    case viewMetrics
}

/// The package an action targets, with what permission checks need to know about it.
public struct PackageAccess: Hashable, Sendable {
    public var ownerID: String
    public var collaboratorIDs: Set<String>
    public var isPrivate: Bool
    /// Whether the owner's account is suspended (its packages are hidden and frozen).
    public var ownerSuspended: Bool
    /// Whether a moderator quarantined the package.
    public var isQuarantined: Bool

    public init(ownerID: String, collaboratorIDs: Set<String> = [], isPrivate: Bool = false, ownerSuspended: Bool = false, isQuarantined: Bool = false) {
        self.ownerID = ownerID
        self.collaboratorIDs = collaboratorIDs
        self.isPrivate = isPrivate
        self.ownerSuspended = ownerSuspended
        self.isQuarantined = isQuarantined
    }
}

/// The answer to "may this identity do this?", with a reason a person can read when it is no.
public enum Decision: Hashable, Sendable {
    case allowed
    case denied(String)

    /// Whether the action is allowed.
    public var isAllowed: Bool { self == .allowed }
    /// Why it is denied, or `nil`.
    public var reason: String? { if case .denied(let reason) = self { reason } else { nil } }
}

/// The store's single permission function: the server, the engines and the console all ask it,
/// so they cannot disagree.
public enum Permissions {
    /// Decides whether `identity` may do `action`, on `package` when the action targets one.
    public static func may(_ identity: Identity, _ action: Action, on package: PackageAccess? = nil) -> Decision {
        let account = identity.account
        if account?.isSuspended == true, action != .viewPackage {
            return .denied("your account is suspended")
        }
        let role = identity.role
        let isOwner = account.map { package?.ownerID == $0.id } ?? false
        let isCollaborator = account.map { package?.collaboratorIDs.contains($0.id) ?? false } ?? false
        let isInvolved = isOwner || isCollaborator

        switch action {
        case .viewPackage:
            guard let package else { return .allowed }
            let hidden = package.isPrivate || package.ownerSuspended || package.isQuarantined
            if !hidden || role == .admin || role == .reviewer || isInvolved { return .allowed }
            return .denied("this package is not public")
        case .viewRevisions:
            if role == .admin || role == .reviewer || isInvolved { return .allowed }
            return .denied("only the package's publisher, collaborators, reviewers and admins see its revisions")
        case .registerName:
            if account == nil { return .denied("log in to register a name") }
            if role >= .publisher { return .allowed }
            return .denied("registering names needs the publisher role")
        case .uploadRevision, .release, .closeChannel:
            guard account != nil else { return .denied("log in to publish") }
            if let package, package.isQuarantined { return .denied("this package is quarantined; releases are frozen") }
            if let package, package.ownerSuspended, role != .admin { return .denied("the package's publisher is suspended") }
            if role == .admin || (role >= .publisher && isInvolved) { return .allowed }
            return .denied("only the package's publisher and its collaborators may do this")
        case .manageCollaborators:
            if role == .admin || (role >= .publisher && isOwner) { return .allowed }
            return .denied("only the package's owner manages collaborators")
        case .reviewRevision:
            guard role == .reviewer || role == .admin else { return .denied("reviewing needs the reviewer role") }
            if role == .reviewer && isInvolved { return .denied("reviewers cannot review packages they publish or collaborate on") }
            return .allowed
        case .viewReviewQueue:
            return role >= .reviewer ? .allowed : .denied("the review queue is for reviewers and admins")
        case .moderatePublisher, .manageTokens:
            return role == .admin ? .allowed : .denied("this needs the admin role")
        case .viewAudit:
            return role >= .reviewer ? .allowed : .denied("the audit log is for reviewers and admins")
        case .viewMetrics:
            if role == .admin || isInvolved { return .allowed }
            return .denied("only the package's publisher, collaborators and admins see its metrics")
        }
    }
}

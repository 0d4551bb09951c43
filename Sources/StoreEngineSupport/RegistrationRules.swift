import Foundation
import StoreModels
import StoreService

/// Registering names and adding collaborators, apart from the SQL.
package enum RegistrationRules {
    /// Checks a package type's spelling (a lower-case word such as `snap` or `charm`) and `name`
    /// against the type's rules.
    /// - Throws: `.invalidInput` saying which.
    package static func validate(_ name: PackageName, type: PackageType) throws(StoreError) {
        let scalars = type.rawValue.unicodeScalars
        let valid = (1...32).contains(scalars.count)
            && scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && scalars.first.map { ("a"..."z").contains($0) } == true
        if !valid { throw .invalidInput("'\(type)' is not a package type (use snap or charm)") }
        do { try PackageName.validate(name.rawValue, type: type) } catch { throw .invalidInput(error.description) }
    }

    /// The refusal for callers that have no account row (such as the CLI's `system` identity).
    package static let accountRequired = StoreError.forbidden("only accounts of this store can own packages")

    /// The refusal for a name that is registered already.
    package static func nameTaken(_ name: PackageName) -> StoreError {
        .conflict("The name '\(name)' is already registered; choose another.")
    }

    /// The package a registration creates, owned by `account`.
    package static func package(
        _ name: PackageName, type: PackageType, isPrivate: Bool, owner account: Identity.Account, at now: Date
    ) -> Package {
        Package(
            id: Secrets.randomIdentifier(length: 32), name: name, type: type, title: name.rawValue, summary: "",
            description: "", publisherID: account.id, isPrivate: isPrivate, createdAt: now)
    }

    /// The audit event of registering `package`.
    package static func event(registering package: Package, by context: some AuditingContext) throws -> AuditEvent {
        let name = package.name.rawValue
        return context.event(
            "package.register", kind: .package, object: name, package: name, publisher: context.caller.username,
            after: try JSONColumn.encode(RegistrationRecord(type: package.type.rawValue, isPrivate: package.isPrivate)))
    }

    /// Refuses to drop `package` unless `caller` owns it (and is not suspended) or is an admin, and
    /// it never had a revision (`lastRevision` is the highest number ever given).
    package static func checkUnregistering(_ package: PackageContext, lastRevision: Int, by caller: Identity) throws(StoreError) {
        let name = package.package.name
        let isAdmin = Permissions.may(caller, .moderatePublisher).isAllowed
        let owns = caller.account.map { $0.id == package.package.publisherID && !$0.isSuspended && $0.role >= .publisher } ?? false
        guard owns || isAdmin else {
            if caller.isAnonymous { throw .unauthenticated("log in to unregister a name") }
            throw .forbidden("only the publisher of '\(name)' or an admin may unregister it")
        }
        if package.package.status == .quarantined, !isAdmin {
            throw .forbidden("'\(name)' is quarantined; only an admin may unregister it")
        }
        if lastRevision > 0 {
            throw .conflict("'\(name)' has had uploaded revisions and cannot be unregistered; an admin may quarantine it instead.")
        }
        // The release history is kept for good, and it names the package.
        if package.channelMapVersion > 0 {
            throw .conflict("'\(name)' has a channel-map history and cannot be unregistered; an admin may quarantine it instead.")
        }
    }

    /// The audit event of dropping `package`.
    package static func event(unregistering package: PackageContext, by context: some AuditingContext) throws -> AuditEvent {
        let name = package.package.name.rawValue
        return context.event(
            "package.unregister", kind: .package, object: name, package: name, publisher: package.owner.username,
            before: try JSONColumn.encode(RegistrationRecord(type: package.package.type.rawValue, isPrivate: package.package.isPrivate)))
    }

    /// A collaborator to add to a package, and the audit event that records it.
    package struct Collaboration: Sendable {
        package var account: Identity.Account
        package var event: AuditEvent
    }

    /// Adding `username` (whose account is `account`, if there is one) as a collaborator on
    /// `package`; `nil` when it is one already (adding twice changes nothing).
    /// - Throws: `.forbidden` unless the caller may manage the package's collaborators; `.notFound`
    ///   for an unknown username; `.conflict` when the account owns the package.
    package static func collaboration(
        adding username: String, account: Identity.Account?, to package: PackageContext, by context: some AuditingContext
    ) throws -> Collaboration? {
        try package.require(.manageCollaborators, by: context.caller)
        guard let account else { throw StoreError.notFound(kind: "publisher", name: username) }
        let name = package.package.name
        if account.id == package.package.publisherID {
            throw StoreError.conflict("\(username) owns \(name) already.")
        }
        guard !package.collaboratorIDs.contains(account.id) else { return nil }
        return Collaboration(account: account, event: try event(adding: username, to: name, package, by: context))
    }

    /// The audit event of adding `username` as a collaborator on `package`.
    private static func event(
        adding username: String, to name: PackageName, _ package: PackageContext, by context: some AuditingContext
    ) throws -> AuditEvent {
        context.event(
            "package.collaborator.add", kind: .package, object: name.rawValue, package: name.rawValue,
            publisher: package.owner.username,
            after: try JSONColumn.encode(["collaborator": username]))
    }
}

/// What the audit log records about a registration.
private struct RegistrationRecord: Codable {
    var type: String
    var isPrivate: Bool
}

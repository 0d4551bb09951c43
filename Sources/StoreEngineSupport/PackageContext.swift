import StoreModels
import StoreService

/// A package as permission checks and changes need it: its row, its owner and collaborators.
///
/// Each engine loads it (`PackageContext.load`, `.visible`) inside the transaction that acts on
/// it, so suspension and collaboration are current, never taken from a stale identity.
package struct PackageContext: Sendable {
    /// The package row's internal key.
    package var pk: Int64
    package var package: Package
    package var owner: Publisher
    package var collaboratorIDs: Set<String>
    package var channelMapVersion: Int
    /// The highest revision number ever given, so numbers are never reused.
    package var lastRevision: Int

    package init(
        pk: Int64, package: Package, owner: Publisher, collaboratorIDs: Set<String>, channelMapVersion: Int,
        lastRevision: Int
    ) {
        self.pk = pk
        self.package = package
        self.owner = owner
        self.collaboratorIDs = collaboratorIDs
        self.channelMapVersion = channelMapVersion
        self.lastRevision = lastRevision
    }

    /// What ``Permissions/may(_:_:on:)`` needs to know about the package.
    package var access: PackageAccess {
        PackageAccess(
            ownerID: package.publisherID, collaboratorIDs: collaboratorIDs, isPrivate: package.isPrivate,
            ownerSuspended: owner.status.isSuspended, isQuarantined: package.status == .quarantined)
    }

    /// `context` when it exists and `caller` may see it.
    /// - Throws: `.notFound` both when it does not exist and when it is hidden from `caller`,
    ///   so private packages do not leak their existence.
    package static func visible(_ context: PackageContext?, named name: PackageName, to caller: Identity) throws(StoreError) -> PackageContext {
        guard let context, Permissions.may(caller, .viewPackage, on: context.access).isAllowed else {
            throw StoreError.notFound(kind: "package", name: name.rawValue)
        }
        return context
    }

    /// Throws `.forbidden` (`.unauthenticated` for anonymous callers) unless `caller` may do `action` on this package.
    package func require(_ action: Action, by caller: Identity) throws(StoreError) {
        try Authorization.require(action, by: caller, on: access)
    }
}

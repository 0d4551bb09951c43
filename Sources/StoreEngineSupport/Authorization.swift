import StoreModels
import StoreService

/// Permission checks as errors: ``Permissions/may(_:_:on:)`` turned into `.forbidden` (or
/// `.unauthenticated` for anonymous callers) with the reason it gives.
package enum Authorization {
    /// Throws unless `caller` may do `action` (an action on no particular package).
    package static func require(_ action: Action, by caller: Identity) throws(StoreError) {
        if case .denied(let reason) = Permissions.may(caller, action) { throw StoreError.refused(reason, for: caller) }
    }

    /// Throws unless `caller` may do `action` on the package described by `access`.
    package static func require(_ action: Action, by caller: Identity, on access: PackageAccess) throws(StoreError) {
        if case .denied(let reason) = Permissions.may(caller, action, on: access) {
            throw StoreError.refused(reason, for: caller)
        }
    }
}

import Foundation
import StoreModels

/// What a write transaction knows to stamp its audit event: the caller as the database says now,
/// and the store's clock. Each engine's `WriteContext` conforms.
package protocol AuditingContext {
    /// The caller, refreshed from the accounts table inside the transaction.
    var caller: Identity { get }
    /// The time of the change.
    var now: Date { get }
}

extension AuditingContext {
    /// An audit event by the caller at `now`.
    package func event(
        _ action: String, kind: AuditEvent.ObjectKind, object: String, package: String? = nil,
        publisher: String? = nil, before: String? = nil, after: String? = nil, reason: String? = nil
    ) -> AuditEvent {
        AuditEvent(
            at: now, actor: caller.username, actorRole: caller.account?.role, action: action, objectKind: kind,
            objectID: object, package: package, publisher: publisher, before: before, after: after, reason: reason)
    }
}

import Foundation
import StoreModels

/// What a write transaction knows: the caller as the database says now, the time, the fault armed.
///
/// Each engine makes one per transaction and adds `audit(_:_:)`, which appends the event in its
/// own SQL (the last statement of every change).
package struct WriteContext: AuditingContext, FaultCheckpointing, Sendable {
    /// The caller, refreshed from the accounts table inside the transaction.
    package var caller: Identity
    /// The store's clock, as the engine stores times (PostgreSQL rounds it to the microsecond, so
    /// what is returned equals what is stored).
    package var now: Date
    /// The failure armed for the call (tests only).
    package var faults: FaultInjection.Point?

    package init(caller: Identity, now: Date, faults: FaultInjection.Point?) {
        self.caller = caller
        self.now = now
        self.faults = faults
    }
}

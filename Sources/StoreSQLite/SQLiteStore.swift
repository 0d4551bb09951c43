import Foundation
import GRDB
import StoreModels
import StoreService

/// The SQLite store as one caller sees it; vended by ``SQLiteBackend/service(for:)``.
///
/// Every call re-reads the caller's account (suspension, role) inside its own transaction and
/// asks ``Permissions/may(_:_:on:)``; every change appends one audit event in that transaction.
/// The protocol's methods live in `SQLiteStore+<Concern>.swift`.
struct SQLiteStore: StoreService {
    let backend: SQLiteBackend
    /// Who this service acts as, as handed in (see ``Caller`` for the current state).
    let identity: Identity

    /// Limits page sizes of lists that have no limit of their own.
    static let maximumPageSize = 500

    /// What a write transaction knows: the caller as the database says now, the time, the fault armed.
    struct WriteContext: Sendable {
        var caller: Identity
        var now: Date
        var faults: FaultInjection.Point?

        /// Throws the injected failure when `point` is armed.
        func checkpoint(_ point: FaultInjection.Point) throws {
            try FaultInjection.check(point, armed: faults)
        }

        /// An audit event by the caller at `now`.
        func event(
            _ action: String, kind: AuditEvent.ObjectKind, object: String, package: String? = nil,
            publisher: String? = nil, before: String? = nil, after: String? = nil, reason: String? = nil
        ) -> AuditEvent {
            AuditEvent(
                at: now, actor: caller.username, actorRole: caller.account?.role, action: action, objectKind: kind,
                objectID: object, package: package, publisher: publisher, before: before, after: after, reason: reason)
        }

        /// Appends an audit event; the last statement of every change.
        func audit(_ event: AuditEvent, _ db: Database) throws {
            try AuditRecord.append(event, faults: faults, db)
        }
    }

    /// Runs `body` in a read transaction with the caller as the database knows them now.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database, Identity) throws -> T) async throws(StoreError) -> T {
        let identity = identity
        return try await backend.read { db in try body(db, try Caller.current(identity, db)) }
    }

    /// Runs `body` in one write transaction; throwing anywhere rolls everything back.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database, WriteContext) throws -> T) async throws(StoreError) -> T {
        let identity = identity
        let faults = FaultInjection.armed
        let clock = backend.clock
        return try await backend.write { db in
            let context = WriteContext(caller: try Caller.current(identity, db), now: clock(), faults: faults)
            return try body(db, context)
        }
    }

    /// Throws `.forbidden` unless `caller` may do `action` (an action on no particular package).
    static func require(_ action: Action, by caller: Identity) throws {
        if case .denied(let reason) = Permissions.may(caller, action) { throw StoreError.refused(reason, for: caller) }
    }

    /// A page size within 1…`maximum`.
    static func clampedLimit(_ limit: Int, maximum: Int = maximumPageSize) -> Int {
        max(1, min(limit, maximum))
    }
}

/// Refreshes an identity from the accounts table.
enum Caller {
    /// The identity with its account's current suspension, and its role lowered to the
    /// account's current role if that was demoted since (a token never grants more than its account).
    ///
    /// Identities without an account row (anonymous, ``SQLiteBackend/systemIdentity``) are kept as given.
    static func current(_ identity: Identity, _ db: Database) throws -> Identity {
        guard var account = identity.account, let row = try AccountRecord.fetch(id: account.id, db) else { return identity }
        let stored = try AccountRecord.account(row)
        account.username = stored.username
        account.displayName = stored.displayName
        account.isSuspended = stored.isSuspended
        account.role = min(account.role, stored.role)
        return Identity(account: account)
    }
}

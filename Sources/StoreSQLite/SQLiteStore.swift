import Foundation
import GRDB
@_spi(Testing) import StoreEngineSupport
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

}

/// Refreshes an identity from the accounts table.
enum Caller {
    /// The identity with its account's current suspension, and its role lowered to the
    /// account's current role if that was demoted since (a token never grants more than its account).
    ///
    /// Identities without an account row (anonymous, ``SQLiteBackend/systemIdentity``) are kept as given.
    static func current(_ identity: Identity, _ db: Database) throws -> Identity {
        guard let account = identity.account, let row = try AccountRecord.fetch(id: account.id, db) else { return identity }
        return identity.refreshed(from: try Identity.Account(columns: row))
    }
}

extension WriteContext {
    /// Appends an audit event made with `event(…)`; the last statement of every change.
    func audit(_ event: AuditEvent, _ db: Database) throws {
        try AuditRecord.append(event, faults: faults, db)
    }
}

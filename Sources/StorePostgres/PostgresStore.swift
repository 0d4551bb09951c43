import Foundation
import PostgresNIO
@_spi(Testing) import StoreEngineSupport
import StoreModels
import StoreService

/// The PostgreSQL store as one caller sees it; vended by ``PostgresBackend/service(for:)``.
///
/// Every call re-reads the caller's account (suspension, role) inside its own transaction and
/// asks ``Permissions/may(_:_:on:)``; every change appends one audit event in that transaction.
/// The protocol's methods live in `PostgresStore+<Concern>.swift`.
struct PostgresStore: StoreService {
    let backend: PostgresBackend
    /// Who this service acts as, as handed in (see ``Caller`` for the current state).
    let identity: Identity

    /// Runs `body` in a read transaction with the caller as the database knows them now.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database, Identity) async throws -> T) async throws(StoreError) -> T {
        let identity = identity
        return try await backend.read { db in try await body(db, try await Caller.current(identity, lock: false, db)) }
    }

    /// Runs `body` in one write transaction; throwing anywhere rolls everything back.
    ///
    /// The caller's account row is share-locked, so a suspension waits for changes already under way.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database, WriteContext) async throws -> T) async throws(StoreError) -> T {
        let identity = identity
        let faults = FaultInjection.armed
        let clock = backend.clock
        return try await backend.write { db in
            let caller = try await Caller.current(identity, lock: true, db)
            let context = WriteContext(caller: caller, now: Timestamp.rounded(clock()), faults: faults)
            return try await body(db, context)
        }
    }

}

/// Refreshes an identity from the accounts table.
enum Caller {
    /// The identity with its account's current suspension, and its role lowered to the
    /// account's current role if that was demoted since (a token never grants more than its account).
    ///
    /// Identities without an account row (anonymous, ``PostgresBackend/systemIdentity``) are kept as given.
    /// - Parameter lock: share-lock the account row until the transaction ends.
    static func current(_ identity: Identity, lock: Bool, _ db: Database) async throws -> Identity {
        guard let account = identity.account,
              let row = try await AccountRecord.fetch(id: account.id, lock: lock ? .share : nil, db)
        else { return identity }
        return identity.refreshed(from: try Identity.Account(columns: row))
    }
}

extension WriteContext {
    /// Appends an audit event made with `event(…)`; the last statement of every change.
    func audit(_ event: AuditEvent, _ db: Database) async throws {
        try await AuditRecord.append(event, faults: faults, db)
    }
}

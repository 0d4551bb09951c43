import Foundation
import PostgresNIO
@_spi(Testing) import StoreEngineSupport
import StoreModels

/// Appending to and reading the audit log.
enum AuditRecord {
    /// The advisory lock taken before each append. Held to the commit, it makes event ids commit
    /// in order, so a reader paging by id never skips an event that committed after a higher id.
    static let appendLock = "SELECT pg_advisory_xact_lock(\(PostgresMigrations.lockKey("audit")))"

    /// Appends `event` (its `id` is ignored) and returns the stored id.
    ///
    /// Called last in every write transaction, so the event commits with the change or not at all.
    @discardableResult
    static func append(_ event: AuditEvent, faults: FaultInjection.Point?, _ db: Database) async throws -> Int64 {
        try FaultInjection.check(.beforeAuditEvent, armed: faults)
        try await db.execute(PostgresQuery(unsafeSQL: appendLock))
        let id = try await db.scalar("""
            INSERT INTO audit_events (at, actor, actor_role, action, object_kind, object_id, package, publisher,
                before_json, after_json, reason)
            VALUES (\(event.at.timestamp), \(event.actor), \(event.actorRole?.rawValue), \(event.action),
                \(event.objectKind.rawValue), \(event.objectID), \(event.package), \(event.publisher),
                \(event.before)::json, \(event.after)::json, \(event.reason))
            RETURNING id
            """, as: Int64.self) ?? 0
        try FaultInjection.check(.afterAuditEvent, armed: faults)
        return id
    }

    /// The columns ``AuditEvent/init(columns:)`` (StoreEngineSupport) reads.
    static let selection = """
        id, at, actor, actor_role, action, object_kind, object_id, package, publisher,
        before_json::text AS before_json, after_json::text AS after_json, reason
        """
}

import Foundation
import GRDB
@_spi(Testing) import StoreEngineSupport
import StoreModels

/// Appending to and reading the audit log.
enum AuditRecord {
    /// Appends `event` (its `id` is ignored) and returns the stored id.
    ///
    /// Called last in every write transaction, so the event commits with the change or not at all.
    @discardableResult
    static func append(_ event: AuditEvent, faults: FaultInjection.Point?, _ db: Database) throws -> Int64 {
        try FaultInjection.check(.beforeAuditEvent, armed: faults)
        let statement = try db.cachedStatement(sql: """
            INSERT INTO audit_events (at, actor, actor_role, action, object_kind, object_id, package, publisher,
                before_json, after_json, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            event.at.databaseValue, event.actor, event.actorRole?.rawValue, event.action, event.objectKind.rawValue,
            event.objectID, event.package, event.publisher, event.before, event.after, event.reason,
        ])
        let id = db.lastInsertedRowID
        try FaultInjection.check(.afterAuditEvent, armed: faults)
        return id
    }
}

import Foundation
import GRDB
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

    /// The event in an `audit_events` row.
    static func event(_ row: Row) throws -> AuditEvent {
        let role: String? = try row.value("actor_role")
        let kind: String = try row.value("object_kind")
        return AuditEvent(
            id: try row.value("id"),
            at: try row.date("at"),
            actor: try row.value("actor"),
            actorRole: role.flatMap(Role.init(rawValue:)),
            action: try row.value("action"),
            objectKind: AuditEvent.ObjectKind(rawValue: kind) ?? .package,
            objectID: try row.value("object_id"),
            package: try row.value("package"),
            publisher: try row.value("publisher"),
            before: try row.value("before_json"),
            after: try row.value("after_json"),
            reason: try row.value("reason"))
    }
}

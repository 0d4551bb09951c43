import StoreModels
import StoreService

extension AuditEvent {
    /// The event in an `audit_events` row (the JSON columns read as text).
    package init(columns row: some ColumnReading) throws {
        self.init(
            id: try row.int64("id"),
            at: try row.date("at"),
            actor: try row.string("actor"),
            actorRole: try row.optionalString("actor_role").flatMap(Role.init(rawValue:)),
            action: try row.string("action"),
            objectKind: AuditEvent.ObjectKind(rawValue: try row.string("object_kind")) ?? .package,
            objectID: try row.string("object_id"),
            package: try row.optionalString("package"),
            publisher: try row.optionalString("publisher"),
            before: try row.optionalString("before_json"),
            after: try row.optionalString("after_json"),
            reason: try row.optionalString("reason"))
    }
}

extension TokenInfo {
    /// The listed form of a `tokens` row joined with its account's `username` (never the hash).
    package init(columns row: some ColumnReading) throws {
        self.init(
            id: try row.string("id"), username: try row.string("username"),
            role: Role(rawValue: try row.string("role")) ?? .viewer,
            description: try row.string("description"), createdAt: try row.date("created_at"),
            expiresAt: try row.optionalDate("expires_at"), revokedAt: try row.optionalDate("revoked_at"))
    }
}

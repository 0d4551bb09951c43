import StoreModels
import StoreService

/// Changing the bases of existing resource revisions, apart from the SQL.
extension ResourceRules {
    /// One resource revision after its bases change, and the audit event that records it.
    package struct BasesChange: Sendable {
        /// The revision as it is after the change.
        package var revision: ResourceRevision
        package var event: AuditEvent
    }

    /// The changes `updates` make to revisions of resource `name`, in their order; what the engine
    /// writes (the new bases, the update time and who) and audits.
    /// - Parameter existing: the resource's revisions there are.
    /// - Throws: `.invalidInput` for no updates, too many or bad bases; `.notFound` for a revision
    ///   that does not exist; `.forbidden` unless the caller may upload to the charm.
    package static func changes(
        _ updates: [ResourceRevisionUpdate], of existing: [ResourceRevision], name: String, on package: PackageContext,
        by context: some AuditingContext
    ) throws -> [BasesChange] {
        try checkUpdates(updates, existing: Set(existing.map(\.revision)), name: name, on: package, by: context.caller)
        var changes: [BasesChange] = []
        for update in updates {
            guard var revision = existing.first(where: { $0.revision == update.revision }) else { continue }
            let bases = try checked(update.bases)
            let event = try event(updating: revision, to: bases, on: package, by: context)
            revision.bases = bases
            revision.updatedAt = context.now
            revision.updatedBy = context.caller.username
            changes.append(BasesChange(revision: revision, event: event))
        }
        return changes
    }

    /// Checks updates of revisions of resource `name` against the revisions there are.
    private static func checkUpdates(
        _ updates: [ResourceRevisionUpdate], existing: Set<Int>, name: String, on package: PackageContext, by caller: Identity
    ) throws(StoreError) {
        try checkHoldsResources(package)
        try package.require(.uploadRevision, by: caller)
        guard !updates.isEmpty else { throw .invalidInput("name at least one revision to update") }
        guard updates.count <= maximumUpdates else { throw .invalidInput("at most \(maximumUpdates) updates in one request") }
        for update in updates {
            guard existing.contains(update.revision) else {
                throw .notFound(kind: "revision of resource '\(name)'", name: String(update.revision))
            }
            _ = try checked(update.bases)
        }
    }

    /// The audit event of changing a resource revision's bases.
    private static func event(
        updating before: ResourceRevision, to bases: [ResourceBase], on package: PackageContext, by context: some AuditingContext
    ) throws -> AuditEvent {
        let charm = package.package.name.rawValue
        func record(_ bases: [ResourceBase]) -> ResourceRecord {
            ResourceRecord(name: before.name, revision: before.revision, size: before.size, sha3_384: before.sha3_384, bases: bases)
        }
        return context.event(
            "resource.update", kind: .package, object: charm, package: charm, publisher: package.owner.username,
            before: try JSONColumn.encode(record(before.bases)), after: try JSONColumn.encode(record(bases)))
    }

    /// Throws `.notFound` unless some revision of the charm declares resource `name`.
    /// - Parameter declared: the charm's resources (see ``declared(newestFirst:)``).
    package static func requireDeclared(_ name: String, in declared: [DeclaredResource], on charm: PackageName) throws(StoreError) {
        guard declared.contains(where: { $0.declaration.name == name }) else { throw notDeclared(name, on: charm) }
    }
}

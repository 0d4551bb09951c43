import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

/// Charm resources; the rules are ``ResourceRules``.
extension SQLiteStore {
    func resources(of charm: PackageName) async throws(StoreError) -> [DeclaredResource] {
        try await read { db, caller in
            let package = try PackageContext.visible(charm, to: caller, db)
            try package.require(.viewRevisions, by: caller)
            return try Self.declaredResources(packagePK: package.pk, db)
        }
    }

    func uploadResource(_ upload: ResourceUpload, named resource: String, to charm: PackageName) async throws(StoreError) -> ResourceRevision {
        try await write { db, context in
            let package = try PackageContext.visible(charm, to: context.caller, db)
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM resource_revisions WHERE package_pk = ? AND name = ? AND upload_id = ?",
                                          arguments: [package.pk, resource, upload.uploadID]) {
                try package.require(.uploadRevision, by: context.caller)
                return try ResourceRevision(columns: row)
            }
            let declared = try Self.declaredResources(packagePK: package.pk, db).first { $0.declaration.name == resource }
            let latest = try Int.fetchOne(db, sql: "SELECT max(revision) FROM resource_revisions WHERE package_pk = ? AND name = ?",
                                          arguments: [package.pk, resource]) ?? 0
            let revision = try ResourceRules.decide(
                upload, name: resource, declared: declared, latest: latest, on: package, by: context.caller, at: context.now)
            try db.execute(sql: """
                INSERT INTO resource_revisions (package_pk, name, revision, type, size, sha256, sha384, sha512, sha3_384, bases,
                    upload_id, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [package.pk, revision.name, revision.revision, revision.type, revision.size, revision.sha256,
                                 revision.sha384, revision.sha512, revision.sha3_384, try JSONColumn.encode(revision.bases),
                                 upload.uploadID, context.now.databaseValue, context.caller.username])
            try context.audit(ResourceRules.event(uploading: revision, on: package, by: context), db)
            return revision
        }
    }

    func resourceRevisions(of charm: PackageName, named resource: String) async throws(StoreError) -> [ResourceRevision] {
        try await read { db, caller in
            let package = try PackageContext.visible(charm, to: caller, db)
            try package.require(.viewRevisions, by: caller)
            let revisions = try Self.resourceRevisions(packagePK: package.pk, named: resource, db)
            if revisions.isEmpty {
                try ResourceRules.requireDeclared(resource, in: try Self.declaredResources(packagePK: package.pk, db), on: charm)
            }
            return revisions
        }
    }

    func updateResourceRevisions(
        _ updates: [ResourceRevisionUpdate], of charm: PackageName, named resource: String
    ) async throws(StoreError) -> [ResourceRevision] {
        try await write { db, context in
            let package = try PackageContext.visible(charm, to: context.caller, db)
            let existing = try Self.resourceRevisions(packagePK: package.pk, named: resource, db)
            let changes = try ResourceRules.changes(updates, of: existing, name: resource, on: package, by: context)
            for change in changes {
                try db.execute(
                    sql: "UPDATE resource_revisions SET bases = ?, updated_at = ?, updated_by = ? WHERE package_pk = ? AND name = ? AND revision = ?",
                    arguments: [try JSONColumn.encode(change.revision.bases), context.now.databaseValue, context.caller.username,
                                package.pk, resource, change.revision.revision])
                try context.audit(change.event, db)
            }
            return changes.map(\.revision)
        }
    }

    /// The charm's resources, from its revisions' declarations.
    static func declaredResources(packagePK: Int64, _ db: Database) throws -> [DeclaredResource] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT number, resources FROM revisions WHERE package_pk = ? AND resources != '[]' ORDER BY number DESC
            """, arguments: [packagePK])
        return ResourceRules.declared(newestFirst: try rows.map { row in
            (number: try row.int("number"), declarations: try ResourceRules.declarations(fromColumn: try row.string("resources")))
        })
    }

    private static func resourceRevisions(packagePK: Int64, named resource: String, _ db: Database) throws -> [ResourceRevision] {
        try Row.fetchAll(db, sql: "SELECT * FROM resource_revisions WHERE package_pk = ? AND name = ? ORDER BY revision DESC",
                         arguments: [packagePK, resource]).map(ResourceRevision.init(columns:))
    }

    /// `plan` with its attached resources checked and typed (see ``ResourceRules/typed(_:declarations:revisions:)``).
    static func typingResources(of plan: ReleasePlan, packagePK: Int64, _ db: Database) throws -> ReleasePlan {
        let needed = ResourceRules.attachmentsNeeded(by: plan)
        guard !needed.charmRevisions.isEmpty else { return plan }
        var declarations: [Int: [ResourceDeclaration]] = [:]
        for number in needed.charmRevisions {
            let column = try String.fetchOne(db, sql: "SELECT resources FROM revisions WHERE package_pk = ? AND number = ?",
                                             arguments: [packagePK, number]) ?? "[]"
            declarations[number] = try ResourceRules.declarations(fromColumn: column)
        }
        var revisions: [String: [Int: String]] = [:]
        for name in needed.resources {
            for row in try Row.fetchAll(db, sql: "SELECT revision, type FROM resource_revisions WHERE package_pk = ? AND name = ?",
                                        arguments: [packagePK, name]) {
                revisions[name, default: [:]][try row.int("revision")] = try row.string("type")
            }
        }
        return try ResourceRules.typed(plan, declarations: declarations, revisions: revisions)
    }
}

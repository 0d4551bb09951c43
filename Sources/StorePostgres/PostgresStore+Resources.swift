import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

/// Charm resources; the rules are ``ResourceRules``.
extension PostgresStore {
    func resources(of charm: PackageName) async throws(StoreError) -> [DeclaredResource] {
        try await read { db, caller in
            let package = try await PackageContext.visible(charm, to: caller, db)
            try package.require(.viewRevisions, by: caller)
            return try await Self.declaredResources(packagePK: package.pk, db)
        }
    }

    func uploadResource(_ upload: ResourceUpload, named resource: String, to charm: PackageName) async throws(StoreError) -> ResourceRevision {
        try await write { db, context in
            // The package row's lock orders the numbering of its resources' revisions.
            let package = try await PackageContext.visible(charm, to: context.caller, lock: true, db)
            if let row = try await db.row("""
                SELECT * FROM resource_revisions WHERE package_pk = \(package.pk) AND name = \(resource) AND upload_id = \(upload.uploadID)
                """) {
                try package.require(.uploadRevision, by: context.caller)
                return try ResourceRevision(columns: row)
            }
            let declared = try await Self.declaredResources(packagePK: package.pk, db).first { $0.declaration.name == resource }
            let latest = try await db.scalar("""
                SELECT coalesce(max(revision), 0)::bigint FROM resource_revisions WHERE package_pk = \(package.pk) AND name = \(resource)
                """, as: Int64.self) ?? 0
            let revision = try ResourceRules.decide(
                upload, name: resource, declared: declared, latest: Int(latest), on: package, by: context.caller, at: context.now)
            let bases = try JSONColumn.encode(revision.bases)
            try await db.execute("""
                INSERT INTO resource_revisions (package_pk, name, revision, type, size, sha256, sha384, sha512, sha3_384, bases,
                    upload_id, created_at, created_by)
                VALUES (\(package.pk), \(revision.name), \(revision.revision), \(revision.type), \(revision.size), \(revision.sha256),
                    \(revision.sha384), \(revision.sha512), \(revision.sha3_384), \(bases), \(upload.uploadID),
                    \(context.now.timestamp), \(context.caller.username))
                """)
            try await context.audit(ResourceRules.event(uploading: revision, on: package, by: context), db)
            return revision
        }
    }

    func resourceRevisions(of charm: PackageName, named resource: String) async throws(StoreError) -> [ResourceRevision] {
        try await read { db, caller in
            let package = try await PackageContext.visible(charm, to: caller, db)
            try package.require(.viewRevisions, by: caller)
            let revisions = try await Self.resourceRevisions(packagePK: package.pk, named: resource, db)
            if revisions.isEmpty {
                try ResourceRules.requireDeclared(resource, in: try await Self.declaredResources(packagePK: package.pk, db), on: charm)
            }
            return revisions
        }
    }

    func updateResourceRevisions(
        _ updates: [ResourceRevisionUpdate], of charm: PackageName, named resource: String
    ) async throws(StoreError) -> [ResourceRevision] {
        try await write { db, context in
            let package = try await PackageContext.visible(charm, to: context.caller, lock: true, db)
            let existing = try await Self.resourceRevisions(packagePK: package.pk, named: resource, db)
            let changes = try ResourceRules.changes(updates, of: existing, name: resource, on: package, by: context)
            for change in changes {
                try await db.execute("""
                    UPDATE resource_revisions SET bases = \(try JSONColumn.encode(change.revision.bases)),
                        updated_at = \(context.now.timestamp), updated_by = \(context.caller.username)
                    WHERE package_pk = \(package.pk) AND name = \(resource) AND revision = \(change.revision.revision)
                    """)
                try await context.audit(change.event, db)
            }
            return changes.map(\.revision)
        }
    }

    /// The charm's resources, from its revisions' declarations.
    static func declaredResources(packagePK: Int64, _ db: Database) async throws -> [DeclaredResource] {
        let rows = try await db.rows("""
            SELECT number, resources FROM revisions WHERE package_pk = \(packagePK) AND resources <> '[]' ORDER BY number DESC
            """)
        return ResourceRules.declared(newestFirst: try rows.map { row in
            (number: try row.int("number"), declarations: try ResourceRules.declarations(fromColumn: try row.string("resources")))
        })
    }

    private static func resourceRevisions(packagePK: Int64, named resource: String, _ db: Database) async throws -> [ResourceRevision] {
        try await db.rows("""
            SELECT * FROM resource_revisions WHERE package_pk = \(packagePK) AND name = \(resource) ORDER BY revision DESC
            """).map(ResourceRevision.init(columns:))
    }

    /// `plan` with its attached resources checked and typed (see ``ResourceRules/typed(_:declarations:revisions:)``).
    static func typingResources(of plan: ReleasePlan, packagePK: Int64, _ db: Database) async throws -> ReleasePlan {
        let needed = ResourceRules.attachmentsNeeded(by: plan)
        guard !needed.charmRevisions.isEmpty else { return plan }
        var declarations: [Int: [ResourceDeclaration]] = [:]
        for number in needed.charmRevisions {
            let column = try await db.scalar(
                "SELECT resources FROM revisions WHERE package_pk = \(packagePK) AND number = \(number)", as: String.self) ?? "[]"
            declarations[number] = try ResourceRules.declarations(fromColumn: column)
        }
        var revisions: [String: [Int: String]] = [:]
        for name in needed.resources {
            for row in try await db.rows("SELECT revision, type FROM resource_revisions WHERE package_pk = \(packagePK) AND name = \(name)") {
                revisions[name, default: [:]][try row.int("revision")] = try row.string("type")
            }
        }
        return try ResourceRules.typed(plan, declarations: declarations, revisions: revisions)
    }
}

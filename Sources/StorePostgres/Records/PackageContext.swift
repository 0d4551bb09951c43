import PostgresNIO
import StoreModels
import StoreService

/// A package as permission checks and changes need it: its row, its owner and collaborators.
///
/// Always loaded inside the transaction that acts on it, so suspension and collaboration are
/// current, never taken from a stale identity. Changes load it with `lock`, which holds the
/// package row (`FOR UPDATE`) until the transaction ends: concurrent changes to one package run
/// one after the other, as they do under SQLite's single writer.
struct PackageContext: Sendable {
    var pk: Int64
    var package: Package
    var owner: Publisher
    var collaboratorIDs: Set<String>
    var channelMapVersion: Int
    var lastRevision: Int

    /// What ``Permissions/may(_:_:on:)`` needs to know about the package.
    var access: PackageAccess {
        PackageAccess(
            ownerID: package.publisherID, collaboratorIDs: collaboratorIDs, isPrivate: package.isPrivate,
            ownerSuspended: owner.status.isSuspended, isQuarantined: package.status == .quarantined)
    }

    /// Loads the package named `name`, or `nil` when there is none.
    static func load(_ name: PackageName, lock: Bool, _ db: Database) async throws -> PackageContext? {
        var statement = Statement("""
            SELECT \(PackageRecord.selection), \(AccountRecord.selection("a", prefix: "a_"))
            FROM packages p JOIN accounts a ON a.id = p.publisher_id
            WHERE p.name = 
            """)
        statement.append(statement.bind(name.rawValue))
        if lock { statement.append(" FOR UPDATE OF p") }
        guard let row = try await db.rows(statement).first else { return nil }
        let pk = try row.value("pk", as: Int64.self)
        let collaborators = try await db.column(
            "SELECT account_id FROM collaborators WHERE package_pk = \(pk)", as: String.self)
        return PackageContext(
            pk: pk, package: try PackageRecord.package(row), owner: try AccountRecord.publisher(row, prefix: "a_"),
            collaboratorIDs: Set(collaborators), channelMapVersion: try row.int("channel_map_version"),
            lastRevision: try row.int("last_revision"))
    }

    /// Loads the package named `name` if `caller` may see it.
    ///
    /// - Parameter lock: hold the package row until the transaction ends (for changes).
    /// - Throws: `.notFound` both when it does not exist and when it is hidden from `caller`,
    ///   so private packages do not leak their existence.
    static func visible(_ name: PackageName, to caller: Identity, lock: Bool = false, _ db: Database) async throws -> PackageContext {
        guard let context = try await load(name, lock: lock, db),
              Permissions.may(caller, .viewPackage, on: context.access).isAllowed
        else { throw StoreError.notFound(kind: "package", name: name.rawValue) }
        return context
    }

    /// Throws `.forbidden` (`.unauthenticated` for anonymous callers) unless `caller` may do `action` on this package.
    func require(_ action: Action, by caller: Identity) throws {
        if case .denied(let reason) = Permissions.may(caller, action, on: access) {
            throw StoreError.refused(reason, for: caller)
        }
    }

    /// The usernames of the collaborators, sorted.
    func collaboratorUsernames(_ db: Database) async throws -> [String] {
        try await db.column("""
            SELECT a.username FROM collaborators c JOIN accounts a ON a.id = c.account_id
            WHERE c.package_pk = \(pk) ORDER BY a.username
            """, as: String.self)
    }
}

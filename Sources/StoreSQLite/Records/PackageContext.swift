import GRDB
import StoreModels
import StoreService

/// A package as permission checks and changes need it: its row, its owner and collaborators.
///
/// Always loaded inside the transaction that acts on it, so suspension and collaboration are
/// current, never taken from a stale identity.
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

    private static let loadSQL = """
        SELECT p.*, \(AccountRecord.selection("a", prefix: "a_"))
        FROM packages p JOIN accounts a ON a.id = p.publisher_id
        WHERE p.name = ?
        """

    /// Loads the package named `name`, or `nil` when there is none.
    static func load(_ name: PackageName, _ db: Database) throws -> PackageContext? {
        // Cached statements: these run on every package read, and compiling them costs more than running them.
        guard let row = try Row.fetchOne(db.cachedStatement(sql: loadSQL), arguments: [name.rawValue]) else { return nil }
        let pk: Int64 = try row.value("pk")
        let collaborators = try String.fetchAll(
            db.cachedStatement(sql: "SELECT account_id FROM collaborators WHERE package_pk = ?"), arguments: [pk])
        return PackageContext(
            pk: pk, package: try PackageRecord.package(row), owner: try AccountRecord.publisher(row, prefix: "a_"),
            collaboratorIDs: Set(collaborators), channelMapVersion: try row.value("channel_map_version"),
            lastRevision: try row.value("last_revision"))
    }

    /// Loads the package named `name` if `caller` may see it.
    ///
    /// - Throws: `.notFound` both when it does not exist and when it is hidden from `caller`,
    ///   so private packages do not leak their existence.
    static func visible(_ name: PackageName, to caller: Identity, _ db: Database) throws -> PackageContext {
        guard let context = try load(name, db), Permissions.may(caller, .viewPackage, on: context.access).isAllowed else {
            throw StoreError.notFound(kind: "package", name: name.rawValue)
        }
        return context
    }

    /// Throws `.forbidden` (`.unauthenticated` for anonymous callers) unless `caller` may do `action` on this package.
    func require(_ action: Action, by caller: Identity) throws {
        if case .denied(let reason) = Permissions.may(caller, action, on: access) {
            throw StoreError.refused(reason, for: caller)
        }
    }

    /// The usernames of the collaborators, sorted.
    func collaboratorUsernames(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT a.username FROM collaborators c JOIN accounts a ON a.id = c.account_id
            WHERE c.package_pk = ? ORDER BY a.username
            """, arguments: [pk])
    }
}

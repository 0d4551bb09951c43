import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

/// Loading a ``PackageContext`` (StoreEngineSupport) from the `packages`, `accounts` and `collaborators` tables.
///
/// Changes load it with `lock`, which holds the package row (`FOR UPDATE`) until the transaction
/// ends: concurrent changes to one package run one after the other, as they do under SQLite's single writer.
extension PackageContext {
    /// Loads the package named `name`, or `nil` when there is none.
    static func load(_ name: PackageName, lock: Bool, _ db: Database) async throws -> PackageContext? {
        var statement = Statement("""
            SELECT \(PackageRecord.selection), \(AccountColumns.selection("a", prefix: "a_")),
                ARRAY(SELECT c.account_id FROM collaborators c WHERE c.package_pk = p.pk) AS collaborator_ids
            FROM packages p JOIN accounts a ON a.id = p.publisher_id
            WHERE p.name = 
            """)
        statement.append(statement.bind(name.rawValue))
        if lock { statement.append(" FOR UPDATE OF p") }
        guard let row = try await db.rows(statement).first else { return nil }
        let pk = try row.value("pk", as: Int64.self)
        // In the same statement (one round trip, one snapshot): the collaborators' account ids.
        let collaborators = try row.value("collaborator_ids", as: [String].self)
        return PackageContext(
            pk: pk, package: try Package(columns: row), owner: try Publisher(columns: row, prefix: "a_"),
            collaboratorIDs: Set(collaborators), channelMapVersion: try row.int("channel_map_version"),
            lastRevision: try row.int("last_revision"))
    }

    /// Loads the packages with these names (those that exist), each with its collaborators' usernames
    /// (sorted), in one statement.
    static func loadWithCollaborators(
        _ names: [PackageName], _ db: Database
    ) async throws -> [PackageName: (context: PackageContext, collaborators: [String])] {
        guard !names.isEmpty else { return [:] }
        let rows = try await db.rows("""
            SELECT \(unescaped: PackageRecord.selection), \(unescaped: AccountColumns.selection("a", prefix: "a_")),
                ARRAY(SELECT c.account_id FROM collaborators c WHERE c.package_pk = p.pk) AS collaborator_ids,
                ARRAY(SELECT ca.username FROM collaborators c JOIN accounts ca ON ca.id = c.account_id
                      WHERE c.package_pk = p.pk ORDER BY ca.username) AS collaborator_usernames
            FROM packages p JOIN accounts a ON a.id = p.publisher_id
            WHERE p.name = ANY(\(names.map(\.rawValue)))
            """)
        var loaded: [PackageName: (context: PackageContext, collaborators: [String])] = [:]
        for row in rows {
            let package = try Package(columns: row)
            loaded[package.name] = (
                PackageContext(
                    pk: try row.value("pk", as: Int64.self), package: package, owner: try Publisher(columns: row, prefix: "a_"),
                    collaboratorIDs: Set(try row.value("collaborator_ids", as: [String].self)),
                    channelMapVersion: try row.int("channel_map_version"), lastRevision: try row.int("last_revision")),
                try row.value("collaborator_usernames", as: [String].self))
        }
        return loaded
    }

    /// Loads the package named `name` if `caller` may see it.
    ///
    /// - Parameter lock: hold the package row until the transaction ends (for changes).
    /// - Throws: `.notFound` both when it does not exist and when it is hidden from `caller`,
    ///   so private packages do not leak their existence.
    static func visible(_ name: PackageName, to caller: Identity, lock: Bool = false, _ db: Database) async throws -> PackageContext {
        try visible(try await load(name, lock: lock, db), named: name, to: caller)
    }

    /// The usernames of the collaborators, sorted.
    func collaboratorUsernames(_ db: Database) async throws -> [String] {
        try await db.column("""
            SELECT a.username FROM collaborators c JOIN accounts a ON a.id = c.account_id
            WHERE c.package_pk = \(pk) ORDER BY a.username
            """, as: String.self)
    }
}

import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

/// Loading a ``PackageContext`` (StoreEngineSupport) from the `packages`, `accounts` and `collaborators` tables.
extension PackageContext {
    private static let loadSQL = """
        SELECT p.*, \(AccountColumns.selection("a", prefix: "a_"))
        FROM packages p JOIN accounts a ON a.id = p.publisher_id
        WHERE p.name = ?
        """

    /// Loads the package named `name`, or `nil` when there is none.
    static func load(_ name: PackageName, _ db: Database) throws -> PackageContext? {
        // Cached statements: these run on every package read, and compiling them costs more than running them.
        // Decoded while the cursor is on the row: its columns are found by name in a dictionary (a fetched copy
        // compares every name, lowercased, for each column read).
        let rows = try Row.fetchCursor(db.cachedStatement(sql: loadSQL), arguments: [name.rawValue])
        guard let row = try rows.next() else { return nil }
        let pk: Int64 = try row.value("pk")
        let package = try Package(columns: row)
        let owner = try Publisher(columns: row, prefix: "a_")
        let channelMapVersion: Int = try row.value("channel_map_version")
        let lastRevision: Int = try row.value("last_revision")
        let collaborators = try String.fetchAll(
            db.cachedStatement(sql: "SELECT account_id FROM collaborators WHERE package_pk = ?"), arguments: [pk])
        return PackageContext(
            pk: pk, package: package, owner: owner, collaboratorIDs: Set(collaborators), channelMapVersion: channelMapVersion,
            lastRevision: lastRevision)
    }

    /// Loads the package named `name` if `caller` may see it.
    ///
    /// - Throws: `.notFound` both when it does not exist and when it is hidden from `caller`,
    ///   so private packages do not leak their existence.
    static func visible(_ name: PackageName, to caller: Identity, _ db: Database) throws -> PackageContext {
        try visible(try load(name, db), named: name, to: caller)
    }

    /// The usernames of the collaborators, sorted.
    func collaboratorUsernames(_ db: Database) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: """
            SELECT a.username FROM collaborators c JOIN accounts a ON a.id = c.account_id
            WHERE c.package_pk = ? ORDER BY a.username
            """), arguments: [pk])
    }
}

import Foundation
import GRDB
@testable import StoreSQLite
import StoreModels
import StoreService
import Testing

/// Migrations are never edited once a commit has them: a file a build made opens with every later build.
@Suite("SQLite migrations")
struct SQLiteMigrationTests {
    /// A database migrated as far as `v3-signing-keys` (commit 679ac75 made such files) opens and
    /// gains only what came later (it failed with "table signing_keys already exists" when v3 was renamed).
    @Test func aFileMigratedUpToSigningKeysOpensAndGainsTheLaterColumns() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("migrated-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v3-signing-keys")
        try queue.close()

        let backend = try SQLiteBackend(path: path)
        let applied = try await backend.pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(applied == ["v1-schema", "v2-server-state", "v3-signing-keys", "v4-release-on-approval", "v5-account-email", "v6-charm-libraries", "v7-charm-resources", "v8-revision-files", "v9-package-metrics"])
        let columns = try await backend.pool.read { db in try db.columns(in: "revisions").map(\.name) }
        #expect(columns.contains("release_on_approval"))
    }
}

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
        #expect(applied == Migrations.migrator.migrations.sorted(), "every later migration ran")
        #expect(applied.count > 3)
        let columns = try await backend.pool.read { db in try db.columns(in: "revisions").map(\.name) }
        #expect(columns.contains("release_on_approval"))
    }

    /// A database made before the search orders gets its packages' sort keys: the version's
    /// ``VersionOrder`` key and the registration time as the last change.
    @Test func aFileFromBeforeSearchOrdersGainsItsPackagesSortKeys() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("migrated-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v11-package-metrics")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO accounts (id, username, display_name, role, created_at) VALUES ('acc-a', 'a', 'A', 'publisher', 0)")
            for (index, version) in ["1.9", "1.10", nil].enumerated() {
                try db.execute(sql: """
                    INSERT INTO packages (id, name, type, title, summary, description, publisher_id, status, listed, created_at,
                        latest_stable_version)
                    VALUES (?, ?, 'snap', '', '', '', 'acc-a', 'published', 1, ?, ?)
                    """, arguments: ["pkg-\(index)", "p\(index)", 1_700_000_000 + index, version])
            }
        }
        try queue.close()

        let backend = try SQLiteBackend(path: path)
        let rows = try await backend.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, version_key, updated_us FROM packages ORDER BY name")
        }
        #expect(rows.map { $0["version_key"] as String } == [VersionOrder.sortKey("1.9"), VersionOrder.sortKey("1.10"), ""])
        #expect(rows.map { $0["updated_us"] as Int64 } == [1_700_000_000_000_000, 1_700_000_001_000_000, 1_700_000_002_000_000])
        let byVersion = try await backend.service(for: .anonymous).search(SearchQuery(sort: SearchSort(.version))).items.map(\.name.rawValue)
        #expect(byVersion == ["p1", "p0", "p2"])
    }
}

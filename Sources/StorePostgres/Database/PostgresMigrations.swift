import PostgresNIO
import StoreService

/// The schema as versioned migrations in plain SQL, recorded in `schema_migrations`.
///
/// A migration is never edited once shipped: add `v2-…` instead. Migrating runs in one
/// transaction holding an advisory lock (per database and schema), so several `serve` instances
/// starting at once apply each migration exactly once and the others wait, then find it applied.
enum PostgresMigrations {
    /// Every migration, in order: a name and its statements.
    static let all: [(version: String, statements: [String])] = [
        ("v1-schema", PostgresSchema.v1),
        ("v2-server-state", PostgresSchema.v2ServerState),
        ("v3-signing-keys", PostgresSchema.v3SigningKeys),
        ("v4-release-on-approval", PostgresSchema.v4ReleaseOnApproval),
        ("v5-account-email", PostgresSchema.v5AccountEmail),
        ("v6-charm-libraries", PostgresSchema.v6CharmLibraries),
        ("v7-charm-resources", PostgresSchema.v7CharmResources),
        ("v8-revision-files", PostgresSchema.v8RevisionFiles),
        ("v9-closed-slots", PostgresSchema.v9ClosedSlots),
        ("v10-ssh-keys", PostgresSchema.v10SSHKeys),
        ("v11-package-metrics", PostgresSchema.v11PackageMetrics),
        ("v12-search-sort", PostgresSchema.v12SearchSort),
    ]

    /// Steps of a migration that SQL alone cannot take (values computed by a store rule), run right
    /// after that migration's statements, in its transaction.
    static let swiftSteps: [String: @Sendable (Database) async throws -> Void] = [
        "v12-search-sort": PostgresSortKeyBackfill.run,
    ]

    /// The key of an advisory lock of this store's schema (the connection's current schema), for
    /// `pg_advisory_xact_lock`: a 64-bit hash of `store-tui <purpose> <schema>`, so stores in
    /// different schemas of one database do not wait for each other.
    static func lockKey(_ purpose: String) -> String {
        "hashtextextended('store-tui \(purpose) ' || coalesce(current_schema(), ''), 0)"
    }

    /// Applies the migrations `db` has not seen yet; returns the versions applied now.
    @discardableResult
    static func migrate(_ db: Database) async throws -> [String] {
        try await db.execute("BEGIN")
        do {
            try await db.execute("SELECT pg_advisory_xact_lock(\(unescaped: lockKey("migrate")))")
            try await db.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version TEXT NOT NULL PRIMARY KEY,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """)
            let applied = Set(try await db.column("SELECT version FROM schema_migrations", as: String.self))
            var now: [String] = []
            for migration in all where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await db.execute(PostgresQuery(unsafeSQL: statement))
                }
                try await swiftSteps[migration.version]?(db)
                try await db.execute("INSERT INTO schema_migrations (version) VALUES (\(migration.version))")
                now.append(migration.version)
            }
            let known = Set(all.map(\.version))
            if let unknown = applied.subtracting(known).sorted().first {
                throw StoreError.unavailable(
                    "the database was migrated by a newer store-tui (it has migration '\(unknown)'); upgrade store-tui")
            }
            try await db.execute("COMMIT")
            return now
        } catch {
            try? await db.execute("ROLLBACK")
            throw error
        }
    }
}

/// The migrations' names, in order (tests check a fresh database has them all).
@_spi(Testing) public enum PostgresSchemaVersions {
    public static var all: [String] { PostgresMigrations.all.map(\.version) }
}

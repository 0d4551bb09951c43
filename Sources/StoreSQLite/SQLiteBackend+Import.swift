import Foundation
import GRDB
import StoreModels
import StoreService

extension SQLiteBackend {
    /// Packages written per transaction by ``importCatalogue(accounts:entries:)``.
    static let importBatchSize = 2000

    /// Packages written per `INSERT` statement. FTS5 moves the terms it holds in memory to a new
    /// on-disk segment at the end of every statement that writes it (here through the
    /// `packages_search_insert` trigger), so one statement per package would write, and then
    /// merge, one tiny segment per package: that was most of the first-run seed's time.
    static let importPackagesPerStatement = 200

    /// Loads accounts and packages in transactions of ``importBatchSize`` packages, with prepared
    /// statements reused across rows. Accounts that exist already (same id) are kept as they are.
    ///
    /// While one batch is written, the next is generated and encoded (two cores, two stages). Into an
    /// empty store (the first run) the writer skips `fsync` until the end, when one checkpoint makes
    /// the whole import durable. Each batch is atomic; a failing batch (a name that exists already, a
    /// release of a missing revision) rolls back alone and stops the import. Writes no audit events:
    /// a seed is not a change.
    /// - Returns: the number of packages imported.
    public func importCatalogue(accounts: [CatalogueAccount], entries: some Sequence<CatalogueEntry> & Sendable) async throws(StoreError) -> Int {
        let suspended = try await importAccounts(accounts, at: clock())
        let isFirstImport = try await isEmpty()
        if isFirstImport { try await setSynchronous("OFF") }
        var batch: [ImportedPackage] = []
        batch.reserveCapacity(Self.importBatchSize)
        var writing: Task<Int, any Error>?
        var imported = 0
        do {
            for entry in entries {
                batch.append(try ImportedPackage(entry, suspendedAccounts: suspended))
                if batch.count == Self.importBatchSize {
                    imported += try await Self.value(of: writing)
                    writing = Task { [batch] in try await self.importBatch(batch) }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            imported += try await Self.value(of: writing)
            if !batch.isEmpty { imported += try await importBatch(batch) }
        } catch {
            _ = try? await Self.value(of: writing)
            if isFirstImport { try? await setSynchronous("NORMAL") }
            throw SQLiteErrorMapping.storeError(from: error)
        }
        if isFirstImport { try await setSynchronous("NORMAL") }
        try await write { db in
            // Fresh statistics, so the planner picks the indexes the query plans were written for.
            try db.execute(sql: "PRAGMA analysis_limit = 1000; ANALYZE")
        }
        if isFirstImport {
            // Synchronous again: this checkpoint syncs the log, copies it into the file and syncs that.
            do { try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") } } catch {
                throw SQLiteErrorMapping.storeError(from: error)
            }
        }
        return imported
    }

    /// Inserts `accounts` (keeping those whose id exists) and returns the ids of suspended accounts.
    private func importAccounts(_ accounts: [CatalogueAccount], at now: Date) async throws(StoreError) -> Set<String> {
        try await write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO accounts (id, username, display_name, role, validation, status, suspended_reason, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                """)
            for account in accounts {
                let publisher = account.publisher
                let reason: String? = if case .suspended(let reason) = publisher.status { reason } else { nil }
                try statement.execute(arguments: [
                    publisher.id, publisher.username, publisher.displayName, account.role.rawValue,
                    publisher.validation.rawValue, reason == nil ? "active" : "suspended", reason, now.databaseValue,
                ])
            }
            return Set(try String.fetchAll(db, sql: "SELECT id FROM accounts WHERE status = 'suspended'"))
        }
    }

    /// Sets the writer's `PRAGMA synchronous` (outside any transaction, as SQLite requires).
    private func setSynchronous(_ level: String) async throws(StoreError) {
        do { try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(level)") } } catch {
            throw SQLiteErrorMapping.storeError(from: error)
        }
    }

    /// The result of a batch being written, or 0 when there is none.
    private static func value(of batch: Task<Int, any Error>?) async throws -> Int {
        try await batch?.value ?? 0
    }

    /// Writes one batch in one transaction, with a page cache large enough that SQLite need not
    /// spill dirty pages before the commit.
    private func importBatch(_ packages: [ImportedPackage]) async throws(StoreError) -> Int {
        try await write { db in
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            // Keys are allocated here, under the write lock, so packages can go in many rows per statement.
            let firstPK = (try Int64.fetchOne(db, sql: "SELECT max(pk) FROM packages") ?? 0) + 1
            var start = 0
            while start < packages.count {
                let end = min(start + Self.importPackagesPerStatement, packages.count)
                try ImportedPackage.insert(packages[start..<end], firstPK: firstPK + Int64(start), db)
                start = end
            }
            try ImportedPackage.insertCategoriesAndCollaborators(packages, firstPK: firstPK, db)
            try ImportedPackage.insertRevisions(packages, firstPK: firstPK, db)
            try ImportedPackage.insertReleases(packages, firstPK: firstPK, db)
            return packages.count
        }
    }
}

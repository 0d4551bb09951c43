import Foundation
import GRDB
import StoreModels
import StoreService

extension SQLiteBackend {
    /// Packages written per transaction by ``importCatalogue(accounts:entries:)``.
    static let importBatchSize = 2000

    /// Loads accounts and packages in transactions of ``importBatchSize`` packages, with prepared
    /// statements reused across rows. Accounts that exist already (same id) are kept as they are.
    ///
    /// Each batch is atomic; a failing batch (a name that exists already, a release of a missing
    /// revision) rolls back alone and stops the import. Writes no audit events: a seed is not a change.
    /// - Returns: the number of packages imported.
    public func importCatalogue(accounts: [CatalogueAccount], entries: some Sequence<CatalogueEntry> & Sendable) async throws(StoreError) -> Int {
        let now = clock()
        let suspended = try await write { db in
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
        var batch: [CatalogueEntry] = []
        batch.reserveCapacity(Self.importBatchSize)
        var imported = 0
        for entry in entries {
            batch.append(entry)
            if batch.count == Self.importBatchSize {
                imported += try await importBatch(batch, suspendedAccounts: suspended)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { imported += try await importBatch(batch, suspendedAccounts: suspended) }
        try await write { db in
            // Fresh statistics, so the planner picks the indexes the query plans were written for.
            try db.execute(sql: "PRAGMA analysis_limit = 1000; ANALYZE")
        }
        return imported
    }

    private func importBatch(_ entries: [CatalogueEntry], suspendedAccounts: Set<String>) async throws(StoreError) -> Int {
        try await write { db in
            let collaborator = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO collaborators (package_pk, account_id, added_at) VALUES (?, ?, ?)
                """)
            for entry in entries {
                var package = entry.package
                for track in entry.channelMap.tracks where !package.tracks.contains(track) { package.tracks.append(track) }
                var revisions: [Int: Revision] = [:]
                for revision in entry.revisions { revisions[revision.number] = revision }
                let map = entry.channelMap
                if package.status == .registered, !map.releases.isEmpty { package.status = .published }
                let pk = try PackageRecord.insert(
                    package, ownerSuspended: suspendedAccounts.contains(package.publisherID),
                    channelMapVersion: map.version, lastRevision: revisions.keys.max() ?? 0,
                    latestStableVersion: ReleaseRecord.latestStableVersion(of: map, defaultTrack: package.defaultTrack, revisions: revisions), db)
                for id in entry.collaboratorIDs where id != package.publisherID {
                    try collaborator.execute(arguments: [pk, id, package.createdAt.databaseValue])
                }
                for revision in entry.revisions.sorted(by: { $0.number < $1.number }) {
                    try RevisionRecord.insert(revision, packagePK: pk, db)
                }
                try ReleaseRecord.insert(map.releases, packagePK: pk, db)
            }
            return entries.count
        }
    }
}

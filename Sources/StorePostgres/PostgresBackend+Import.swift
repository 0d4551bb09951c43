import Foundation
import PostgresNIO
import StoreModels
import StoreService
import StoreEngineSupport

extension PostgresBackend {
    /// Packages written per transaction by ``importCatalogue(accounts:entries:)``.
    static let importBatchSize = 2000
    /// Accounts written per `INSERT` statement.
    static let accountBatchSize = 1000

    /// Loads accounts and packages in transactions of ``importBatchSize`` packages, each table's
    /// rows streamed with one `COPY … FROM STDIN`. Accounts that exist already (same id) are kept
    /// as they are.
    ///
    /// Each batch is atomic; a failing batch (a name that exists already, a release of a missing
    /// revision) rolls back alone and stops the import. Writes no audit events: a seed is not a change.
    /// - Returns: the number of packages imported.
    public func importCatalogue(accounts: [CatalogueAccount], entries: some Sequence<CatalogueEntry> & Sendable) async throws(StoreError) -> Int {
        let now = Timestamp(clock())
        let suspended = try await write { db in
            var start = 0
            while start < accounts.count {
                let chunk = accounts[start..<min(start + Self.accountBatchSize, accounts.count)]
                try await Self.insertAccounts(chunk, now: now, db)
                start += Self.accountBatchSize
            }
            return Set(try await db.column("SELECT id FROM accounts WHERE status = 'suspended'", as: String.self))
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
        do {
            try await withDatabase { db in
                // COPY leaves the new search entries in the GIN index's pending list, which the
                // planner prices so high that it would scan the whole table instead: merge it now.
                try await db.execute("SELECT gin_clean_pending_list('packages_search'::regclass)")
                // Fresh statistics, so the planner knows how large the tables are now.
                try await db.execute("ANALYZE accounts, packages, categories, package_categories, collaborators, revisions, releases")
            }
        } catch {
            throw PostgresErrorMapping.storeError(from: error, location: url.endpoint)
        }
        return imported
    }

    private static func insertAccounts(_ accounts: ArraySlice<CatalogueAccount>, now: Timestamp, _ db: Database) async throws {
        guard !accounts.isEmpty else { return }
        var statement = Statement("""
            INSERT INTO accounts (id, username, display_name, role, validation, status, suspended_reason, created_at) VALUES
            """)
        for (index, account) in accounts.enumerated() {
            let publisher = account.publisher
            let reason: String? = if case .suspended(let reason) = publisher.status { reason } else { nil }
            let values = [
                statement.bind(publisher.id), statement.bind(publisher.username), statement.bind(publisher.displayName),
                statement.bind(account.role.rawValue), statement.bind(publisher.validation.rawValue),
                statement.bind(reason == nil ? "active" : "suspended"), statement.bind(reason), statement.bind(now),
            ]
            statement.append((index == 0 ? " (" : ", (") + values.joined(separator: ", ") + ")")
        }
        statement.append(" ON CONFLICT (id) DO NOTHING")
        try await db.execute(statement)
    }

    private func importBatch(_ entries: [CatalogueEntry], suspendedAccounts: Set<String>) async throws(StoreError) -> Int {
        try await write { db in
            let pks = try await db.column("""
                SELECT nextval(pg_get_serial_sequence('packages', 'pk')) FROM generate_series(1, \(entries.count))
                """, as: Int64.self)
            guard pks.count == entries.count else { throw StoreError.unavailable("could not allocate package keys") }
            var tables = ImportTables()
            for (entry, pk) in zip(entries, pks) {
                try tables.add(entry, pk: pk, ownerSuspended: suspendedAccounts.contains(entry.package.publisherID))
            }
            if !tables.categoryNames.isEmpty {
                try await db.execute("""
                    INSERT INTO categories (name) SELECT unnest(\(tables.categoryNames.sorted())::text[]) ON CONFLICT DO NOTHING
                    """)
            }
            try await db.copy(tables.packages, into: "packages", columns: ImportTables.packageColumns)
            try await db.copy(tables.categories, into: "package_categories", columns: ["category", "package_name", "package_pk"])
            try await db.copy(tables.collaborators, into: "collaborators", columns: ["package_pk", "account_id", "added_at"])
            try await db.copy(tables.revisions, into: "revisions", columns: ImportTables.revisionColumns)
            try await db.copy(tables.releases, into: "releases", columns: ImportTables.releaseColumns)
            return entries.count
        }
    }
}

/// One import batch's rows, table by table, in COPY text format.
struct ImportTables {
    static let packageColumns = [
        "pk", "id", "name", "type", "title", "summary", "description", "publisher_id", "categories", "license", "links",
        "status", "private", "listed", "default_track", "tracks", "created_at", "channel_map_version", "last_revision",
        "latest_stable_version", "updated_us", "version_key",
    ]
    static let revisionColumns = [
        "package_pk", "number", "version", "architectures", "base", "size", "sha3_384", "created_at", "uploader",
        "confinement", "grade", "permissions", "review_status", "review_note", "checks", "epoch", "file", "sha256",
        "metadata_yaml", "config_yaml",
    ]
    static let releaseColumns = [
        "package_pk", "track", "risk", "branch", "architecture", "base", "revision", "released_at", "expires_at", "progressive",
    ]

    var packages = CopyBuffer(capacity: 1 << 20)
    var categories = CopyBuffer()
    var collaborators = CopyBuffer()
    var revisions = CopyBuffer(capacity: 4 << 20)
    var releases = CopyBuffer(capacity: 1 << 20)
    var categoryNames = Set<String>()

    /// Adds the rows of one package under the key `pk`.
    mutating func add(_ entry: CatalogueEntry, pk: Int64, ownerSuspended: Bool) throws {
        let stored = StoredEntry(entry, ownerSuspended: ownerSuspended)
        let (package, map, listed) = (stored.package, stored.map, stored.isListed)

        packages.integer(pk)
        packages.text(package.id)
        packages.text(package.name.rawValue)
        packages.text(package.type.rawValue)
        packages.text(package.title)
        packages.text(package.summary)
        packages.text(package.description)
        packages.text(package.publisherID)
        packages.text(JSONColumn.encode(strings: package.categories))
        packages.text(package.license)
        packages.text(package.links.isEmpty ? "[]" : try JSONColumn.encode(package.links))
        packages.text(package.status.rawValue)
        packages.boolean(package.isPrivate)
        packages.boolean(listed)
        packages.text(package.defaultTrack)
        packages.text(JSONColumn.encode(strings: package.tracks))
        packages.timestamp(Timestamp(package.createdAt))
        packages.integer(map.version)
        packages.integer(stored.lastRevision)
        packages.text(stored.latestStableVersion)
        packages.integer(stored.updatedMicros)
        packages.text(stored.versionKey)
        packages.endRow()

        var seenCategories = Set<String>()
        for category in package.categories where seenCategories.insert(category).inserted {
            categoryNames.insert(category)
            categories.text(category)
            categories.text(package.name.rawValue)
            categories.integer(pk)
            categories.endRow()
        }
        for id in stored.collaboratorIDs {
            collaborators.integer(pk)
            collaborators.text(id)
            collaborators.timestamp(Timestamp(package.createdAt))
            collaborators.endRow()
        }
        for revision in stored.revisionsInOrder {
            try add(revision, pk: pk, file: stored.files[revision.number])
        }
        for release in map.releases {
            releases.integer(pk)
            releases.text(release.channel.track)
            releases.text(release.channel.risk.description)
            releases.text(release.channel.branch ?? "")
            releases.text(release.platform.architecture.rawValue)
            releases.text(release.platform.base ?? "")
            releases.integer(release.revision)
            releases.timestamp(Timestamp(release.releasedAt))
            releases.timestamp(release.expiresAt.map(Timestamp.init))
            releases.integer(release.progressivePercentage)
            releases.endRow()
        }
    }

    private mutating func add(_ revision: Revision, pk: Int64, file: RevisionFile?) throws {
        revisions.integer(pk)
        revisions.integer(revision.number)
        revisions.text(revision.version)
        revisions.text(JSONColumn.encode(strings: revision.architectures.map(\.rawValue)))
        revisions.text(revision.base)
        revisions.integer(revision.size)
        revisions.text(revision.sha3_384)
        revisions.timestamp(Timestamp(revision.createdAt))
        revisions.text(revision.uploader)
        revisions.text(revision.confinement?.rawValue)
        revisions.text(revision.grade?.rawValue)
        revisions.text(JSONColumn.encode(strings: revision.permissions))
        revisions.text(revision.review.word)
        revisions.text(revision.review.note)
        revisions.text(revision.checks.isEmpty ? "[]" : try JSONColumn.encode(revision.checks))
        revisions.text(try revision.epochColumn)
        revisions.text(file?.column)
        revisions.text(revision.charmFile?.sha256)
        revisions.text(revision.charmFile?.metadataYAML)
        revisions.text(revision.charmFile?.configYAML)
        revisions.endRow()
    }
}

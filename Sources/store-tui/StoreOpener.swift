import ArgumentParser
import Foundation
import StoreDemo
import StoreModels
import StoreService
import StorePostgres
import StoreSQLite

/// Opens the engine a `--database` value names: the composition root's one place that picks an engine.
struct StoreOpener {
    let backend: any StoreBackend
    let importer: any CatalogueImporting

    /// Opens `database` (default: the embedded file), seeding the demo catalogue when asked and empty.
    static func open(_ database: String?, seedIfEmpty: Bool) async throws -> StoreOpener {
        let location = database ?? SQLiteBackend.defaultPath()
        let opener: StoreOpener
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            let backend: PostgresBackend
            do { backend = try await PostgresBackend(url: location) } catch {
                if case .invalidInput = error { throw ValidationError("Cannot open the PostgreSQL database: \(error.description)") }
                throw CommandFailure("Cannot open the PostgreSQL database: \(error.description)")
            }
            opener = StoreOpener(backend: backend, importer: backend)
        } else {
            let backend: SQLiteBackend
            do { backend = try SQLiteBackend(path: location) } catch {
                throw CommandFailure("Cannot open the database at \(location): \(error.description)\(Self.writabilityHint(location))")
            }
            opener = StoreOpener(backend: backend, importer: backend)
        }
        let backend = opener.importer
        if seedIfEmpty, try await backend.isEmpty() {
            let catalogue = DemoCatalogue(packageCount: DemoCatalogue.demoPackageCount, now: Date())
            // Accounts made before the first seed (`token create --user alice`) are kept; the demo
            // packages of those users become theirs.
            var existing: [String: String] = [:]
            for account in catalogue.accounts {
                if let id = try? await opener.backend.identity(username: account.publisher.username).account?.id {
                    existing[account.publisher.id] = id
                }
            }
            let merge = CatalogueMerge(existingIDs: existing)
            _ = try await backend.importCatalogue(accounts: merge.accounts(catalogue.accounts), entries: catalogue.entries().lazy.map(merge.entry))
            try await seedHistory(of: catalogue, into: opener.backend)
        }
        return opener
    }

    /// Writes the demo's adoption history (``DemoHistory``: 90 days of its popular snaps) in one
    /// transaction, when the backend keeps metrics.
    static func seedHistory(of catalogue: DemoCatalogue, into backend: any StoreBackend) async throws {
        guard let metrics = backend as? any MetricsStore else { return }
        try await metrics.recordMetrics(
            DemoHistory.figures(of: catalogue), retention: MetricsRetention(), today: MetricsDays.day(of: catalogue.now))
    }

    /// Why SQLite may not open `path`, when the file system says so: SQLite needs to write next to
    /// the file (its WAL and shared-memory files) even to read.
    static func writabilityHint(_ path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: path), !fileManager.isWritableFile(atPath: path) {
            return " (the file is read-only: SQLite needs to write it and its -wal and -shm files next to it)"
        }
        if !directory.isEmpty, fileManager.fileExists(atPath: directory), !fileManager.isWritableFile(atPath: directory) {
            return " (its directory is read-only: SQLite needs to create the -wal and -shm files next to the database)"
        }
        return ""
    }

    /// The identity the console uses without `--as`: the local admin.
    func defaultIdentity() async -> Identity {
        (try? await backend.identity(username: "admin")) ?? SQLiteBackend.systemIdentity
    }
}

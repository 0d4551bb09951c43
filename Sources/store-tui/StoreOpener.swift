import ArgumentParser
import Foundation
import StoreDemo
import StoreModels
import StoreService
import StoreSQLite

/// Opens the engine a `--database` value names: the composition root's one place that picks an engine.
struct StoreOpener {
    let backend: any StoreBackend
    let importer: any CatalogueImporting

    /// Opens `database` (default: the embedded file), seeding the demo catalogue when asked and empty.
    static func open(_ database: String?, seedIfEmpty: Bool) async throws -> StoreOpener {
        let location = database ?? SQLiteBackend.defaultPath()
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            throw ValidationError("PostgreSQL support is not built into this version yet; use a SQLite path.")
        }
        let backend: SQLiteBackend
        do { backend = try SQLiteBackend(path: location) } catch {
            throw ValidationError("Cannot open the database at \(location): \(error.description)")
        }
        let opener = StoreOpener(backend: backend, importer: backend)
        if seedIfEmpty, try await backend.isEmpty() {
            let catalogue = DemoCatalogue(packageCount: DemoCatalogue.demoPackageCount, now: Date())
            _ = try await backend.importCatalogue(accounts: catalogue.accounts, entries: catalogue.entries())
        }
        return opener
    }

    /// The identity the console uses without `--as`: the local admin.
    func defaultIdentity() async -> Identity {
        (try? await backend.identity(username: "admin")) ?? SQLiteBackend.systemIdentity
    }
}

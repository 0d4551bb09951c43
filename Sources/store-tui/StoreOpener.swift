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
                throw ValidationError("Cannot open the PostgreSQL database: \(error.description)")
            }
            opener = StoreOpener(backend: backend, importer: backend)
        } else {
            let backend: SQLiteBackend
            do { backend = try SQLiteBackend(path: location) } catch {
                throw ValidationError("Cannot open the database at \(location): \(error.description)")
            }
            opener = StoreOpener(backend: backend, importer: backend)
        }
        let backend = opener.importer
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

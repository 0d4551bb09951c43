import Foundation
import StoreModels
import StoreService
import StoreSQLite
import Testing

/// The engines the conformance suite runs against; every test takes one as its argument.
///
/// Add `.postgres` and `.http(over:)` here: each case only has to open a fresh, empty store.
enum StoreEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite

    var testDescription: String { rawValue }

    /// The engine's bootstrap identity (an admin that needs no account), as the CLI uses it.
    var systemIdentity: Identity {
        switch self {
        case .sqlite: SQLiteBackend.systemIdentity
        }
    }

    /// Opens a fresh, empty store whose clock is `clock`.
    func open(clock: TestClock) throws -> OpenedStore {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("store-conformance-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("store.sqlite").path
            let backend = try SQLiteBackend(path: path, clock: { clock.now })
            return OpenedStore(backend: backend, databasePath: path) {
                try? FileManager.default.removeItem(at: directory)
            }
        }
    }
}

/// A freshly opened store and how to dispose of it.
struct OpenedStore: Sendable {
    var backend: any StoreBackend & CatalogueImporting
    /// The database file, for engine-specific tests that look inside it.
    var databasePath: String?
    var close: @Sendable () -> Void
}

/// A clock tests move by hand. Starts at 2025-01-01 00:00 UTC.
final class TestClock: @unchecked Sendable {
    // @unchecked: the only state is `current`, read and written under `lock`.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_735_689_600)) { current = start }

    /// The current time.
    var now: Date { lock.withLock { current } }

    /// Moves the clock forward.
    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

import Foundation
import StoreModels
import StoreService
import Testing

/// A store loaded with ``Fixture``, with helpers to act as the fixture's people.
struct TestStore: Sendable {
    var engine: StoreEngine
    var backend: any StoreBackend & CatalogueImporting
    /// SQLite: the database file.
    var databasePath: String?
    /// PostgreSQL: the URL of the test's own schema.
    var postgresURL: String?
    var clock: TestClock

    /// A service acting as the account named `username`, as the backend knows it now.
    func service(as username: String) async throws -> any StoreService {
        backend.service(for: try await backend.identity(username: username))
    }

    /// A service acting for nobody in particular.
    var anonymous: any StoreService { backend.service(for: .anonymous) }

    /// The package's current channel map as its owner sees it.
    func channelMap(of name: String) async throws -> ChannelMap {
        try await service(as: Fixture.admin).channelMap(of: PackageName(trusted: name))
    }

    /// The tokens `service` lists, without the ones the `.http` engine minted to log its clients in.
    func tokens(_ service: any StoreService, username: String?) async throws -> [TokenInfo] {
        try await service.tokens(username: username).filter { !$0.id.hasPrefix(HTTPEngineBackend.harnessTokenPrefix) }
    }

    /// Every audit event, newest first (read as the admin).
    func auditEvents(_ query: AuditQuery = AuditQuery(limit: 500)) async throws -> [AuditEvent] {
        try await service(as: Fixture.admin).auditLog(query).items
    }
}

/// Opens a fresh store on `engine`, imports the fixture catalogue, runs `body`, then disposes of it.
func withStore(
    _ engine: StoreEngine, importing entries: [CatalogueEntry] = Fixture.entries,
    _ body: (TestStore) async throws -> Void
) async throws {
    let clock = TestClock()
    try await withOpenedStore(engine, clock: clock) { opened in
        let imported = try await opened.backend.importCatalogue(accounts: Fixture.accounts, entries: entries)
        #expect(imported == entries.count)
        try await body(TestStore(
            engine: engine, backend: opened.backend, databasePath: opened.databasePath, postgresURL: opened.postgresURL,
            clock: clock))
    }
}

/// Runs `body`, expecting it to throw a `StoreError`, and returns that error.
func storeError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> StoreError? {
    do {
        try await body()
        Issue.record("expected a StoreError, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        Issue.record("expected a StoreError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

extension PackageName {
    /// A fixture name, known to be valid.
    static func fixture(_ name: String) -> PackageName { PackageName(trusted: name) }
}

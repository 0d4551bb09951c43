import Crypto
import Foundation
import StoreClient
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

    /// A file resource upload of `bytes` as `username` would push it: over HTTP the bytes are sent to
    /// `/unscanned-upload/` (the server then reads the size and digests itself); on the engines the
    /// upload id is made up and the size and digests are computed here.
    func resourceUpload(_ bytes: Data, as username: String, bases: [ResourceBase] = [ResourceBase()]) async throws -> ResourceUpload {
        let digests = ExpectedDigests(bytes)
        var id = "upl-\(UUID().uuidString.lowercased())"
        if let client = try await service(as: username) as? HTTPStoreClient {
            id = try await client.pushFile(bytes, filename: "data.tar")
        }
        return ResourceUpload(
            uploadID: id, type: "file", bases: bases, size: Int64(bytes.count), sha256: digests.sha256, sha384: digests.sha384,
            sha512: digests.sha512, sha3_384: digests.sha3_384)
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
        let store = TestStore(
            engine: engine, backend: opened.backend, databasePath: opened.databasePath, postgresURL: opened.postgresURL,
            clock: clock)
        try await body(store)
        // Every action a test made the store log is one the console knows (it completes filters from the list).
        if let events = try? await store.auditEvents() {
            let unknown = Set(events.map(\.action)).subtracting(AuditActions.all)
            #expect(unknown.isEmpty, "audit actions missing from AuditActions.all: \(unknown.sorted())")
        }
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

/// The digests of some bytes, computed by swift-crypto.
struct ExpectedDigests {
    var sha256: String
    var sha384: String
    var sha512: String
    var sha3_384: String

    init(_ bytes: Data) {
        func hex(_ digest: some Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
        sha256 = hex(SHA256.hash(data: bytes))
        sha384 = hex(SHA384.hash(data: bytes))
        sha512 = hex(SHA512.hash(data: bytes))
        sha3_384 = hex(SHA3_384.hash(data: bytes))
    }
}

import Foundation
import StoreClient
import StoreModels
import StoreService
import Testing

/// What only the `.http` engine can show: its services are the real client, logging them in leaves no
/// trace in the store, and every read through client → server → SQLite equals the same read made on
/// SQLite directly.
@Suite("HTTP engine")
struct HTTPEngineTests {
    /// The `.http` store's own SQLite backend.
    static func storage(_ store: TestStore) throws -> HTTPEngineBackend {
        try #require(store.backend as? HTTPEngineBackend)
    }

    @Test func servicesAreTheRealHTTPClientActingAsTheirIdentity() async throws {
        try await withStore(.http) { store in
            let alice = try #require(try await store.service(as: Fixture.alice) as? HTTPStoreClient)
            #expect(try await alice.whoAmI() == alice.identity)
            #expect(alice.identity.username == Fixture.alice)
            let anonymous = try #require(store.anonymous as? HTTPStoreClient)
            #expect(try await anonymous.whoAmI().isAnonymous)
        }
    }

    @Test func loggingClientsInWritesNoAuditEventAndHidesFromTokenLists() async throws {
        try await withStore(.http) { store in
            let admin = try await store.service(as: Fixture.admin)
            _ = try await store.service(as: Fixture.alice)
            #expect(try await store.auditEvents().isEmpty)
            let listed = try await admin.tokens(username: nil)
            #expect(listed.count == 2 && listed.allSatisfy { $0.id.hasPrefix(HTTPEngineBackend.harnessTokenPrefix) })
            #expect(try await store.tokens(admin, username: nil).isEmpty)
        }
    }

    @Test(arguments: [nil, Fixture.alice, Fixture.bob, Fixture.eve, Fixture.mallory, Fixture.reviewer, Fixture.admin])
    func readsOverHTTPEqualReadsOnTheStorageBehindIt(username: String?) async throws {
        try await withStore(.http) { store in
            let storage = try Self.storage(store).storage
            // Some history for the audit log, at a time with more digits than a wire date carries.
            store.clock.advance(by: 0.123_456_789)
            let alice = try await store.service(as: Fixture.alice)
            _ = try await alice.apply(ReleasePlan([.release(revision: 2, channels: [Channel(risk: .beta)])]), to: .fixture("hello"), expecting: nil)
            _ = try await store.service(as: Fixture.admin).setValidation(.verified, of: Fixture.eve, reason: "known")
            var remote = store.anonymous
            var local = storage.service(for: .anonymous)
            if let username {
                remote = try await store.service(as: username)
                local = storage.service(for: try await storage.identity(username: username))
            }
            try await Self.expectSameReads(remote, local)
        }
    }

    /// Every read of ``StoreService`` on `remote` and `local`: the same value, or the same error.
    static func expectSameReads(_ remote: any StoreService, _ local: any StoreService) async throws {
        for query in [SearchQuery(text: "hello"), SearchQuery(text: "tool", limit: 3), SearchQuery(type: .charm), SearchQuery(verifiedOnly: true)] {
            try await expectSame("search \(query.text)", remote, local) { service in
                var pages: [Page<PackageSummary>] = []
                var cursor: String?
                repeat {
                    var paged = query
                    paged.cursor = cursor
                    let page = try await service.search(paged)
                    pages.append(page)
                    cursor = page.nextCursor
                } while cursor != nil && pages.count < 10
                return pages.map(\.items)
            }
        }
        for name in ["hello", "secret-tool", "spam-hello", "quarantined-hello", "postgresql-k8s", "no-such-thing"] {
            let package = PackageName.fixture(name)
            try await expectSame("package \(name)", remote, local) { try await $0.package(named: package) }
            try await expectSame("channel map \(name)", remote, local) { try await $0.channelMap(of: package) }
            try await expectSame("revisions \(name)", remote, local) { try await $0.revisions(of: package, query: RevisionQuery(limit: 2)).items }
        }
        try await expectSame("categories", remote, local) { try await $0.categories() }
        try await expectSame("my packages", remote, local) { try await $0.myPackages(includeCollaborations: true) }
        try await expectSame("review queue", remote, local) { try await $0.reviewQueue(cursor: nil, limit: 10).items }
        try await expectSame("publisher", remote, local) { try await $0.publisher(username: Fixture.alice) }
        try await expectSame("publishers", remote, local) { try await $0.publishers(matching: "", cursor: nil, limit: 3).items }
        try await expectSame("audit", remote, local) { try await $0.auditLog(AuditQuery(limit: 5)).items }
    }

    /// `read` on both services gives equal values, or errors with the same code.
    static func expectSame<T: Equatable>(
        _ what: String, _ remote: any StoreService, _ local: any StoreService, sourceLocation: SourceLocation = #_sourceLocation,
        _ read: (any StoreService) async throws -> T
    ) async throws {
        let overHTTP = await outcome { try await read(remote) }
        let direct = await outcome { try await read(local) }
        switch (overHTTP, direct) {
        case (.success(let a), .success(let b)):
            #expect(a == b, "\(what) as \(local.identity)", sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect(a.code == b.code, "\(what) as \(local.identity): \(a) over HTTP, \(b) direct", sourceLocation: sourceLocation)
        default:
            Issue.record("\(what) as \(local.identity): \(overHTTP) over HTTP, \(direct) direct", sourceLocation: sourceLocation)
        }
    }

    private static func outcome<T>(_ body: () async throws -> T) async -> Result<T, StoreError> {
        do { return .success(try await body()) } catch let error as StoreError { return .failure(error) } catch {
            return .failure(.server(status: 500, message: "\(error)", requestID: nil))
        }
    }
}

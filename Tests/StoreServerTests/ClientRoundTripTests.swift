import Foundation
import StoreClient
import StoreModels
import StoreService
import Testing

/// Every StoreService call through HTTPStoreClient → server → SQLite, compared with the engine's own answer:
/// the start of the conformance suite over HTTP.
@Suite("Client round trips")
struct ClientRoundTripTests {
    /// Runs `body` with a client acting as `user` and the engine's own service for the same user.
    private func withClient(
        as user: String?, _ body: @Sendable (HTTPStoreClient, any StoreService, TestServer) async throws -> Void
    ) async throws {
        try await TestServer.with { server async throws in
            let client = try await server.client(as: user)
            do {
                try await body(client, try await server.direct(as: user), server)
                await client.shutdown()
            } catch {
                await client.shutdown()
                throw error
            }
        }
    }

    @Test func whoAmIReportsTheTokensAccount() async throws {
        try await withClient(as: "alice") { client, _, _ async throws in
            #expect(client.identity.username == "alice")
            #expect(client.identity.role == .publisher)
            #expect(try await client.whoAmI() == client.identity)
        }
    }

    @Test func catalogueReadsMatchTheEngine() async throws {
        try await withClient(as: "bob") { client, direct, _ async throws in
            let query = SearchQuery(text: "hello", limit: 2)
            let page = try await client.search(query)
            #expect(page == (try await direct.search(query)))
            if let cursor = page.nextCursor {
                var next = query
                next.cursor = cursor
                #expect(try await client.search(next) == (try await direct.search(next)))
            }
            let typed = SearchQuery(type: .charm, verifiedOnly: false)
            #expect(try await client.search(typed) == (try await direct.search(typed)))
            let name = PackageName(trusted: "hello")
            #expect(try await client.package(named: name) == (try await direct.package(named: name)))
            let revisions = RevisionQuery(limit: 2)
            #expect(try await client.revisions(of: name, query: revisions) == (try await direct.revisions(of: name, query: revisions)))
            #expect(try await client.channelMap(of: name) == (try await direct.channelMap(of: name)))
            #expect(try await client.categories() == (try await direct.categories()))
            #expect(try await client.myPackages(includeCollaborations: true) == (try await direct.myPackages(includeCollaborations: true)))
            #expect(try await client.publisher(username: "alice") == (try await direct.publisher(username: "alice")))
            #expect(try await client.publishers(matching: "e", cursor: nil, limit: 2)
                == (try await direct.publishers(matching: "e", cursor: nil, limit: 2)))
        }
    }

    @Test func publishingRoundTrips() async throws {
        try await withClient(as: "alice") { client, direct, _ async throws in
            let name = try PackageName("brand-new")
            let package = try await client.registerName(name, type: .snap, isPrivate: false)
            #expect(package.name == name)
            #expect(try await direct.package(named: name).package == package)
            let revision = try await client.upload(Fixture.cleanUpload(), to: name)
            #expect(revision.number == 1)
            #expect(try await direct.revisions(of: name, query: RevisionQuery()).items == [revision])
            try await client.addCollaborator("bob", to: name)
            #expect(try await direct.package(named: name).collaborators == ["bob"])

            let hello = PackageName(trusted: "hello")
            let map = try await client.channelMap(of: hello)
            let plan = ReleasePlan([.promote(from: Fixture.channel("latest/edge"), to: Fixture.channel("latest/beta"))])
            let outcome = try await client.apply(plan, to: hello, expecting: map.version)
            #expect(outcome.map.version == map.version + 1)
            #expect(try await direct.channelMap(of: hello) == outcome.map)
        }
    }

    @Test func staleApplyThrowsTheSameErrorAsTheEngine() async throws {
        try await withClient(as: "alice") { client, direct, _ async throws in
            let hello = PackageName(trusted: "hello")
            let close = ReleasePlan([.close(channels: [Fixture.channel("latest/edge")])])
            _ = try await direct.apply(close, to: hello, expecting: 3)
            let promote = ReleasePlan([.promote(from: Fixture.channel("latest/stable"), to: Fixture.channel("latest/candidate"))])
            let overHTTP = await #expect(throws: StoreError.self) { try await client.apply(promote, to: hello, expecting: 3) }
            let inProcess = await #expect(throws: StoreError.self) { try await direct.apply(promote, to: hello, expecting: 3) }
            #expect(overHTTP == inProcess)
            guard case .staleChannelMap(3, 4, let changes) = overHTTP else { Issue.record("\(String(describing: overHTTP))"); return }
            #expect(!changes.isEmpty)
        }
    }

    @Test func engineErrorsSurviveTheWire() async throws {
        try await withClient(as: "eve") { client, direct, _ async throws in
            let cases: [@Sendable (any StoreService) async throws -> Void] = [
                { _ = try await $0.package(named: PackageName(trusted: "no-such-package")) },
                { _ = try await $0.revisions(of: PackageName(trusted: "hello"), query: RevisionQuery()) },
                { _ = try await $0.registerName(PackageName(trusted: "hello"), type: .snap, isPrivate: false) },
                { _ = try await $0.apply(ReleasePlan([]), to: PackageName(trusted: "hello-world"), expecting: nil) },
                { _ = try await $0.apply(ReleasePlan([.close(channels: [Fixture.channel("9.9/stable")])]), to: PackageName(trusted: "hello-world"), expecting: nil) },
                { _ = try await $0.suspend("bob", reason: "no") },
                { _ = try await $0.publisher(username: "nobody") },
                { _ = try await $0.reviewQueue(cursor: nil, limit: 10) },
            ]
            for (index, call) in cases.enumerated() {
                let overHTTP = await #expect(throws: StoreError.self, "case \(index)") { try await call(client) }
                let inProcess = await #expect(throws: StoreError.self, "case \(index)") { try await call(direct) }
                #expect(overHTTP == inProcess, "case \(index)")
            }
        }
    }

    @Test func reviewRoundTrips() async throws {
        try await withClient(as: "reviewer") { client, direct, _ async throws in
            let queue = try await client.reviewQueue(cursor: nil, limit: 10)
            #expect(queue == (try await direct.reviewQueue(cursor: nil, limit: 10)))
            let item = try #require(queue.items.first)
            let reviewed = try await client.review(item.package, revision: item.revision.number, decision: .reject(reason: "needs work"))
            #expect(reviewed.review == .rejected(reason: "needs work"))
            let audit = AuditQuery(action: "review.")
            #expect(try await client.auditLog(audit) == (try await direct.auditLog(audit)))
        }
    }

    @Test func moderationAndTokensRoundTrip() async throws {
        try await withClient(as: "admin") { client, direct, _ async throws in
            let suspended = try await client.suspend("eve", reason: "spam")
            #expect(suspended == (try await direct.publisher(username: "eve")))
            let lifted = try await client.unsuspend("eve", reason: "appeal accepted")
            #expect(lifted.status == .active)
            let validated = try await client.setValidation(.verified, of: "bob", reason: "checked")
            #expect(validated.validation == .verified)

            let expiry = Date(timeIntervalSince1970: 1_800_000_000)
            let issued = try await client.issueToken(username: "carol", role: .publisher, expiresAt: expiry, description: "ci")
            #expect(issued.info.expiresAt == expiry)
            #expect(try await client.tokens(username: "carol") == (try await direct.tokens(username: "carol")))
            try await client.revokeToken(id: issued.info.id)
            #expect(try await direct.tokens(username: "carol").first?.revokedAt != nil)
            let audit = AuditQuery(limit: 5)
            #expect(try await client.auditLog(audit) == (try await direct.auditLog(audit)))
        }
    }
}

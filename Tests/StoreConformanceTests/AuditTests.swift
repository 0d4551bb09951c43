import Foundation
import StoreModels
import StoreService
import Testing

@Suite("Audit log")
struct AuditTests {
    /// Makes a few changes by different people on different packages.
    static func makeHistory(_ store: TestStore) async throws {
        let alice = try await store.service(as: Fixture.alice)
        let eve = try await store.service(as: Fixture.eve)
        let reviewer = try await store.service(as: Fixture.reviewer)
        _ = try await alice.apply(ReleasePlan([.release(revision: 2, channels: [Channel(risk: .stable)])]), to: .fixture("hello"), expecting: nil)
        _ = try await eve.upload(Fixture.cleanUpload(), to: .fixture("hello-world"))
        _ = try await reviewer.review(.fixture("hello"), revision: 3, decision: .approve(notes: nil))
        _ = try await alice.apply(ReleasePlan([.close(channels: [Channel(risk: .edge)])]), to: .fixture("hello"), expecting: nil)
    }

    @Test(arguments: StoreEngine.allCases)
    func auditLogFiltersByActorPackageAndAction(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            try await Self.makeHistory(store)
            let all = try await store.auditEvents()
            #expect(all.map(\.action) == ["close", "review.approve", "upload", "release"])
            #expect(all.map(\.id) == all.map(\.id).sorted(by: >))
            #expect(try await store.auditEvents(AuditQuery(actor: Fixture.alice)).map(\.action) == ["close", "release"])
            #expect(try await store.auditEvents(AuditQuery(package: "hello-world")).map(\.action) == ["upload"])
            #expect(try await store.auditEvents(AuditQuery(action: "review.")).map(\.actor) == [Fixture.reviewer])
            #expect(try await store.auditEvents(AuditQuery(action: "release")).count == 1)
            #expect(try await store.auditEvents(AuditQuery(actor: Fixture.alice, package: "hello", action: "close")).count == 1)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func auditPagesWalkBackwardsWithoutRepeats(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            try await Self.makeHistory(store)
            let admin = try await store.service(as: Fixture.admin)
            let first = try await admin.auditLog(AuditQuery(limit: 3))
            // Newer events must not push old ones into the next page.
            _ = try await store.service(as: Fixture.alice).apply(
                ReleasePlan([.release(revision: 1, channels: [Channel(risk: .beta)])]), to: .fixture("hello"), expecting: nil)
            let second = try await admin.auditLog(AuditQuery(cursor: first.nextCursor, limit: 3))
            #expect(first.items.count == 3 && second.items.count == 1)
            #expect(Set(first.items.map(\.id)).isDisjoint(with: second.items.map(\.id)))
            #expect(second.nextCursor == nil)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func auditLogIsForReviewersAndAdmins(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let anonymous = await storeError { _ = try await store.anonymous.auditLog(AuditQuery()) }
            #expect(anonymous?.code == "macaroon-permission-required")
            let alice = await storeError { _ = try await store.service(as: Fixture.alice).auditLog(AuditQuery()) }
            #expect(alice?.code == "permission-denied")
            _ = try await store.service(as: Fixture.reviewer).auditLog(AuditQuery())
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func readsAndRefusalsWriteNoEvents(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let eve = try await store.service(as: Fixture.eve)
            _ = try await eve.search(SearchQuery(text: "hello"))
            _ = try await eve.channelMap(of: .fixture("hello"))
            _ = await storeError { _ = try await eve.apply(ReleasePlan([.close(channels: [Channel(risk: .edge)])]), to: .fixture("hello"), expecting: nil) }
            #expect(try await store.auditEvents().isEmpty)
        }
    }
}

@Suite("Audit log filters")
struct AuditFilterTests {
    @Test(arguments: StoreEngine.allCases)
    func actorAndPackageMatchTheirStartAndFreeTextAnyPart(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            try await AuditTests.makeHistory(store)
            #expect(try await store.auditEvents(AuditQuery(actor: String(Fixture.alice.prefix(3)))).map(\.action) == ["close", "release"])
            #expect(Set(try await store.auditEvents(AuditQuery(package: "hello")).map(\.action)) == ["close", "review.approve", "upload", "release"],
                    "hello is the start of hello and hello-world")
            #expect(try await store.auditEvents(AuditQuery(package: "hello-w")).map(\.action) == ["upload"])
            #expect(try await store.auditEvents(AuditQuery(text: "WORLD")).map(\.action) == ["upload"], "free text ignores case")
            let byReviewer = try await store.auditEvents(AuditQuery(text: String(Fixture.reviewer.dropFirst(2))))
            #expect(byReviewer.map(\.actor) == [Fixture.reviewer], "free text matches inside the actor's name")
            #expect(try await store.auditEvents(AuditQuery(text: "no-such-thing")).isEmpty)
        }
    }
}

@Suite("Undo in the audit log")
struct UndoAuditTests {
    @Test(arguments: StoreEngine.allCases)
    func anUndoIsLoggedAsAnUndoWithWhatItUndoes(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            _ = try await alice.apply(ReleasePlan([.release(revision: 2, channels: [Channel(risk: .stable)])]), to: .fixture("hello"), expecting: nil)
            let undo = ReleasePlan([.close(channels: [Channel(risk: .stable)])], undoes: "audit event 1 (release by alice)")
            _ = try await alice.apply(undo, to: .fixture("hello"), expecting: nil)
            let newest = try #require(try await store.auditEvents(AuditQuery(package: "hello", limit: 1)).first)
            #expect(newest.action == "undo")
            #expect(newest.reason == "undoes audit event 1 (release by alice)")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anUndoDescriptionWithControlCharactersIsRefused(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let plan = ReleasePlan([.release(revision: 2, channels: [Channel(risk: .stable)])], undoes: "evil\u{1B}[2J")
            await #expect(throws: StoreError.self) { _ = try await alice.apply(plan, to: .fixture("hello"), expecting: nil) }
            #expect(try await store.auditEvents(AuditQuery(package: "hello")).isEmpty, "nothing was applied")
        }
    }
}

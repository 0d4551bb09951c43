import Foundation
import StoreModels
import StoreService
import Testing

/// Dropping a registered name (`charmcraft unregister`, craft-store `unregister_name`).
@Suite("Unregistering names")
struct UnregisterTests {
    @Test(arguments: StoreEngine.allCases)
    func theOwnerDropsANameWithoutRevisionsAndItCanBeTakenAgain(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let name = PackageName(trusted: "short-lived")
            let registered = try await alice.registerName(name, type: .snap, isPrivate: false)
            let dropped = try await alice.unregisterName(name)
            #expect(dropped.id == registered.id, "\(engine)")
            let gone = await storeError { _ = try await alice.package(named: name) }
            #expect(gone?.code == "resource-not-found" || gone?.code == "not-found", "\(engine): \(String(describing: gone))")
            #expect(try await alice.myPackages(includeCollaborations: true).allSatisfy { $0.name != name })
            let bob = try await store.service(as: Fixture.bob)
            _ = try await bob.registerName(name, type: .charm, isPrivate: false)
            let event = try #require(try await store.auditEvents(AuditQuery(action: "package.unregister")).first)
            #expect(event.objectID == "short-lived" && event.actor == Fixture.alice)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func othersAndNamesWithRevisionsAreRefusedAndNothingChanges(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let name = PackageName(trusted: "alice-fresh")
            _ = try await alice.registerName(name, type: .snap, isPrivate: false)
            let eve = try await store.service(as: Fixture.eve)
            let stranger = await storeError { _ = try await eve.unregisterName(name) }
            #expect(stranger?.code == "permission-denied", "\(engine)")
            // hello has revisions: not even an admin may drop it.
            let admin = try await store.service(as: Fixture.admin)
            let refused = await storeError { _ = try await admin.unregisterName(PackageName.fixture("hello")) }
            #expect(refused?.code == "conflict", "\(engine)")
            #expect(try await alice.package(named: PackageName.fixture("hello")).package.name.rawValue == "hello")
            // Closing a channel leaves a (permanent) channel-map history: the name stays.
            let closed = PackageName(trusted: "alice-closed")
            _ = try await alice.registerName(closed, type: .snap, isPrivate: false)
            _ = try await alice.apply(ReleasePlan([.close(channels: [Channel(risk: .edge)])]), to: closed, expecting: nil)
            let history = await storeError { _ = try await alice.unregisterName(closed) }
            #expect(history?.code == "conflict", "\(engine): \(String(describing: history))")
            // An admin may drop anyone's name that never had a revision.
            _ = try await admin.unregisterName(name)
            #expect(try await store.auditEvents(AuditQuery(action: "package.unregister")).count == 1)
        }
    }
}

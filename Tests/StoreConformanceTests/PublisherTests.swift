import Foundation
import StoreModels
import StoreService
import Testing

@Suite("Publishers and moderation")
struct PublisherTests {
    @Test(arguments: StoreEngine.allCases)
    func publishersAreFoundByUsernameOrDisplayName(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            #expect(try await store.anonymous.publisher(username: Fixture.alice).validation == .verified)
            let missing = await storeError { _ = try await store.anonymous.publisher(username: "nobody") }
            #expect(missing == .notFound(kind: "publisher", name: "nobody"))
            let matches = try await store.anonymous.publishers(matching: "AL", cursor: nil, limit: 10).items.map(\.username)
            #expect(matches == [Fixture.alice, Fixture.mallory])
            let first = try await store.anonymous.publishers(matching: "", cursor: nil, limit: 4)
            let rest = try await store.anonymous.publishers(matching: "", cursor: first.nextCursor, limit: 4)
            #expect((first.items + rest.items).map(\.username) == Fixture.accounts.map(\.publisher.username).sorted())
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func suspensionHidesPackagesAndNeedsAReason(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let admin = try await store.service(as: Fixture.admin)
            let noReason = await storeError { _ = try await admin.suspend(Fixture.eve, reason: " ") }
            #expect(noReason?.code == "bad-argument")
            let suspended = try await admin.suspend(Fixture.eve, reason: "malware")
            #expect(suspended.status == .suspended(reason: "malware"))
            let names = try await store.anonymous.search(SearchQuery(limit: 200)).items.map(\.name.rawValue)
            #expect(!names.contains("hello-world") && !names.contains("postgresql-k8s"))
            let hidden = await storeError { _ = try await store.anonymous.package(named: .fixture("hello-world")) }
            #expect(hidden?.code == "resource-not-found")
            let twice = await storeError { _ = try await admin.suspend(Fixture.eve, reason: "again") }
            #expect(twice?.code == "conflict")

            let noReasonToLift = await storeError { _ = try await admin.unsuspend(Fixture.eve, reason: "") }
            #expect(noReasonToLift?.code == "bad-argument")
            _ = try await admin.unsuspend(Fixture.eve, reason: "cleaned up")
            let back = try await store.anonymous.search(SearchQuery(limit: 200)).items.map(\.name.rawValue)
            #expect(back.contains("hello-world") && !back.contains("quarantined-hello"))
            let actions = try await store.auditEvents(AuditQuery(publisher: Fixture.eve)).map(\.action)
            #expect(actions == ["publisher.unsuspend", "publisher.suspend"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func onlyAdminsModerate(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            for username in [Fixture.reviewer, Fixture.alice] {
                let service = try await store.service(as: username)
                let error = await storeError { _ = try await service.suspend(Fixture.eve, reason: "no") }
                #expect(error?.code == "permission-denied")
                let badge = await storeError { _ = try await service.setValidation(.verified, of: Fixture.eve, reason: nil) }
                #expect(badge?.code == "permission-denied")
            }
            let admin = try await store.service(as: Fixture.admin)
            let selfSuspend = await storeError { _ = try await admin.suspend(Fixture.admin, reason: "oops") }
            #expect(selfSuspend?.code == "permission-denied")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func validationBadgeChangesAreAuditedAndFilterSearch(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let admin = try await store.service(as: Fixture.admin)
            let verified = try await admin.setValidation(.starred, of: Fixture.eve, reason: "long-time contributor")
            #expect(verified.validation == .starred)
            _ = try await admin.setValidation(.starred, of: Fixture.eve, reason: nil)
            let trusted = try await store.anonymous.search(SearchQuery(verifiedOnly: true, limit: 200)).items
            #expect(trusted.contains { $0.name.rawValue == "hello-world" })
            _ = try await admin.setValidation(.unproven, of: Fixture.eve, reason: "lapsed")
            let events = try await store.auditEvents(AuditQuery(action: "publisher."))
            #expect(events.map(\.action) == ["publisher.unverify", "publisher.verify"])
            #expect(events.map(\.reason) == ["lapsed", "long-time contributor"])
        }
    }
}

@Suite("A publisher's packages for moderators")
struct PublisherPackagesTests {
    @Test(arguments: StoreEngine.allCases)
    func aSuspendedPublishersPackagesStayVisibleToAdmins(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let admin = try await store.service(as: Fixture.admin)
            #expect(try await admin.packages(ofPublisher: Fixture.mallory).map(\.name.rawValue) == ["spam-hello"],
                    "hidden from the catalogue, still on the publisher's page")
            #expect(try await admin.packages(ofPublisher: Fixture.alice).map(\.name.rawValue).contains("secret-tool"))
            let searched = try await admin.search(SearchQuery(publisher: Fixture.mallory)).items
            #expect(searched.isEmpty, "the catalogue still hides them")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func onlyModeratorsMayListThem(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            await #expect(throws: StoreError.self) { _ = try await alice.packages(ofPublisher: Fixture.mallory) }
            await #expect(throws: StoreError.self) { _ = try await store.anonymous.packages(ofPublisher: Fixture.alice) }
        }
    }
}

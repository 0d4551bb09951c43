import Foundation
import StoreModels
import StoreService
import Testing

/// Charm libraries: registering a name, publishing versions, reading tips and content.
@Suite("Charm libraries")
struct LibraryTests {
    static let charm = PackageName.fixture("postgresql-k8s")

    /// A library source at `api.patch` whose code says `body`.
    static func source(id: String = "", api: Int, patch: Int, body: String = "return 1") -> String {
        "\"\"\"Client.\"\"\"\n\(id.isEmpty ? "" : "LIBID = \"\(id)\"\n")LIBAPI = \(api)\nLIBPATCH = \(patch)  # bumped by hand\n\ndef connect():\n    \(body)\n"
    }

    static func publication(_ id: String, api: Int, patch: Int, body: String = "return 1") -> LibraryPublication {
        let content = source(id: id, api: api, patch: patch, body: body)
        return LibraryPublication(libraryID: id, api: api, patch: patch, content: content, hash: LibraryHash.of(content))
    }

    @Test(arguments: StoreEngine.allCases)
    func aPublisherRegistersAndPublishesAndAnyoneReadsTipsAndContent(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let eve = try await store.service(as: Fixture.eve)
            let id = try await eve.registerLibrary(named: "postgres_client", in: Self.charm)
            #expect(id.count == 32, "\(engine)")
            let first = try await eve.publishLibrary(Self.publication(id, api: 0, patch: 1), in: Self.charm)
            #expect(first.fullName == "charms.postgresql_k8s.v0.postgres_client" && first.patch == 1)
            _ = try await eve.publishLibrary(Self.publication(id, api: 0, patch: 2, body: "return 2"), in: Self.charm)
            _ = try await eve.publishLibrary(Self.publication(id, api: 1, patch: 0, body: "return 3"), in: Self.charm)

            let anonymous = store.anonymous
            let all = try await anonymous.libraries([LibraryQuery(.charm(Self.charm, library: nil))])
            #expect(all.map { "\($0.api).\($0.patch)" } == ["0.2", "1.0"], "\(engine)")
            #expect(all.allSatisfy { $0.content == nil && $0.id == id && $0.name == "postgres_client" })
            let byID = try await anonymous.libraries([LibraryQuery(.id(id), api: 0)])
            #expect(byID.map(\.patch) == [2], "\(engine)")
            let exact = try await anonymous.libraries([LibraryQuery(.charm(Self.charm, library: "postgres_client"), api: 0, patch: 1)])
            #expect(exact.map(\.patch) == [1])
            #expect(try await anonymous.libraries([LibraryQuery(.id("no-such-id")), LibraryQuery(.charm(Self.charm, library: "other"))]).isEmpty)

            let tip = try await anonymous.library(id: id, in: Self.charm, api: 0, patch: nil)
            #expect(tip.patch == 2 && tip.content == Self.source(id: id, api: 0, patch: 2, body: "return 2"), "\(engine)")
            #expect(tip.hash == LibraryHash.of(tip.content ?? ""))
            let highest = try await anonymous.library(id: id, in: Self.charm, api: nil, patch: nil)
            #expect(highest.api == 1 && highest.patch == 0)
            let older = try await anonymous.library(id: id, in: Self.charm, api: 0, patch: 1)
            #expect(older.content == Self.source(id: id, api: 0, patch: 1))
            let missing = await storeError { _ = try await anonymous.library(id: id, in: Self.charm, api: 7, patch: nil) }
            #expect(missing?.code == "not-found", "\(engine)")

            let events = try await store.auditEvents(AuditQuery(package: Self.charm.rawValue))
            #expect(events.filter { $0.action == "library.register" }.count == 1, "\(engine)")
            #expect(events.filter { $0.action == "library.publish" }.count == 3, "\(engine)")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func patchesFollowOneAnotherAndTheHashMustBeTheContents(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let eve = try await store.service(as: Fixture.eve)
            let id = try await eve.registerLibrary(named: "tls", in: Self.charm)
            _ = try await eve.publishLibrary(Self.publication(id, api: 0, patch: 1), in: Self.charm)
            let skipped = await storeError { _ = try await eve.publishLibrary(Self.publication(id, api: 0, patch: 3), in: Self.charm) }
            #expect(skipped?.code == "conflict", "\(engine)")
            #expect(skipped?.description.contains("must be 0.2") == true, "\(skipped?.description ?? "")")
            let again = await storeError { _ = try await eve.publishLibrary(Self.publication(id, api: 0, patch: 1), in: Self.charm) }
            #expect(again?.code == "conflict", "\(engine)")
            var forged = Self.publication(id, api: 0, patch: 2)
            forged.hash = String(repeating: "0", count: 64)
            let badHash = await storeError { _ = try await eve.publishLibrary(forged, in: Self.charm) }
            #expect(badHash?.code == "bad-argument", "\(engine)")
            let zero = await storeError { _ = try await eve.publishLibrary(Self.publication(id, api: 0, patch: 0), in: Self.charm) }
            #expect(zero?.code == "bad-argument")
            let unknown = await storeError { _ = try await eve.publishLibrary(Self.publication("f00", api: 0, patch: 2), in: Self.charm) }
            #expect(unknown?.code == "not-found", "\(engine)")
            var mismatched = Self.publication(id, api: 0, patch: 2)
            mismatched.content = Self.source(id: id, api: 3, patch: 2)
            mismatched.hash = LibraryHash.of(mismatched.content)
            let wrongAPI = await storeError { _ = try await eve.publishLibrary(mismatched, in: Self.charm) }
            #expect(wrongAPI?.code == "bad-argument" && wrongAPI?.description.contains("LIBAPI = 3") == true, "\(engine)")
            mismatched.content = Self.source(id: "another-id", api: 0, patch: 2)
            mismatched.hash = LibraryHash.of(mismatched.content)
            let wrongID = await storeError { _ = try await eve.publishLibrary(mismatched, in: Self.charm) }
            #expect(wrongID?.code == "bad-argument", "\(engine)")
            let tips = try await store.anonymous.libraries([LibraryQuery(.id(id))])
            #expect(tips.map(\.patch) == [1], "\(engine): nothing refused was kept")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func onlyThoseWhoMayUploadRegisterOrPublish(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let eve = try await store.service(as: Fixture.eve)
            let id = try await eve.registerLibrary(named: "ingress", in: Self.charm)
            let alice = try await store.service(as: Fixture.alice)
            let stranger = await storeError { _ = try await alice.registerLibrary(named: "mine", in: Self.charm) }
            #expect(stranger?.code == "permission-denied", "\(engine)")
            let strangerPublish = await storeError { _ = try await alice.publishLibrary(Self.publication(id, api: 0, patch: 1), in: Self.charm) }
            #expect(strangerPublish?.code == "permission-denied", "\(engine)")
            let anonymous = await storeError { _ = try await store.anonymous.registerLibrary(named: "anon", in: Self.charm) }
            #expect(anonymous != nil)
            let taken = await storeError { _ = try await eve.registerLibrary(named: "ingress", in: Self.charm) }
            #expect(taken?.code == "conflict", "\(engine)")
            let badName = await storeError { _ = try await eve.registerLibrary(named: "Not-A-Name\u{1B}[2J", in: Self.charm) }
            #expect(badName?.code == "bad-argument", "\(engine)")
            #expect(badName?.description.contains("\u{1B}") == false)
            let snap = await storeError { _ = try await alice.registerLibrary(named: "lib", in: PackageName.fixture("hello")) }
            #expect(snap?.code == "bad-argument", "\(engine)")
            let admin = try await store.service(as: Fixture.admin)
            _ = try await admin.publishLibrary(Self.publication(id, api: 0, patch: 1), in: Self.charm)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aPrivateCharmsLibrariesAreHiddenAndPublishedOnesKeepTheNameRegistered(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let eve = try await store.service(as: Fixture.eve)
            let name = PackageName.fixture("private-charm")
            _ = try await eve.registerName(name, type: .charm, isPrivate: true)
            let id = try await eve.registerLibrary(named: "secret", in: name)
            _ = try await eve.publishLibrary(Self.publication(id, api: 0, patch: 1), in: name)
            #expect(try await store.anonymous.libraries([LibraryQuery(.id(id)), LibraryQuery(.charm(name, library: nil))]).isEmpty, "\(engine)")
            let hidden = await storeError { _ = try await store.anonymous.library(id: id, in: name, api: nil, patch: nil) }
            #expect(hidden?.code == "resource-not-found", "\(engine)")
            #expect(try await eve.libraries([LibraryQuery(.id(id))]).count == 1)
            let kept = await storeError { _ = try await eve.unregisterName(name) }
            #expect(kept?.code == "conflict", "\(engine)")

            let unpublished = PackageName.fixture("draft-charm")
            _ = try await eve.registerName(unpublished, type: .charm, isPrivate: false)
            _ = try await eve.registerLibrary(named: "draft", in: unpublished)
            _ = try await eve.unregisterName(unpublished)
            _ = try await eve.registerName(unpublished, type: .charm, isPrivate: false)
            _ = try await eve.registerLibrary(named: "draft", in: unpublished)
        }
    }
}

import Foundation
import StoreModels
import StoreService
import Testing

/// Charm resources: declared by charm revisions, revised by uploads, released with charm revisions.
@Suite("Charm resources")
struct ResourceTests {
    static let charm = PackageName.fixture("postgresql-k8s")
    static let data = ResourceDeclaration(name: "data", type: "file", filename: "data.tar", description: "Seed data", optional: true)
    static let image = ResourceDeclaration(name: "image", type: "oci-image", description: "The workload")

    /// Uploads a charm revision declaring `resources` as eve, approved at once; its number.
    static func declare(_ resources: [ResourceDeclaration], in store: TestStore, version: String = "2.0") async throws -> Int {
        let eve = try await store.service(as: Fixture.eve)
        let upload = RevisionUpload(
            version: version, architectures: [.amd64], base: "ubuntu@22.04", size: 4096, sha3_384: String(repeating: "ab", count: 48),
            resources: resources)
        let revision = try await eve.upload(upload, to: charm)
        #expect(revision.review.isApproved, "the fixture's checks approve a plain charm upload")
        return revision.number
    }

    @Test(arguments: StoreEngine.allCases)
    func aDeclaredFileResourceGetsNumberedRevisionsWithTheirDigests(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let number = try await Self.declare([Self.data, Self.image], in: store)
            let eve = try await store.service(as: Fixture.eve)
            let listed = try await eve.resources(of: Self.charm)
            #expect(listed.map(\.declaration.name) == ["data", "image"], "\(engine)")
            #expect(listed.first?.declaration == Self.data && listed.first?.charmRevision == number, "\(engine)")

            let bytes = Data((0..<3000).map { UInt8($0 % 251) })
            let upload = try await store.resourceUpload(bytes, as: Fixture.eve)
            let first = try await eve.uploadResource(upload, named: "data", to: Self.charm)
            let expected = ExpectedDigests(bytes)
            #expect(first.revision == 1 && first.size == 3000 && first.type == "file", "\(engine)")
            #expect(first.sha256 == expected.sha256 && first.sha384 == expected.sha384, "\(engine)")
            #expect(first.sha512 == expected.sha512 && first.sha3_384 == expected.sha3_384, "\(engine)")
            let again = try await eve.uploadResource(upload, named: "data", to: Self.charm)
            #expect(again.revision == 1, "\(engine): the same upload makes no second revision")
            let second = try await eve.uploadResource(
                try await store.resourceUpload(Data("second".utf8), as: Fixture.eve, bases: [ResourceBase(architectures: ["amd64", "arm64"])]),
                named: "data", to: Self.charm)
            #expect(second.revision == 2 && second.bases.first?.architectures == ["amd64", "arm64"], "\(engine)")

            let revisions = try await eve.resourceRevisions(of: Self.charm, named: "data")
            #expect(revisions.map(\.revision) == [2, 1], "\(engine)")
            #expect(try await eve.resourceRevisions(of: Self.charm, named: "image").isEmpty)
            let events = try await store.auditEvents(AuditQuery(action: "resource.upload"))
            #expect(events.count == 2, "\(engine)")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func undeclaredOCIAndStrangersUploadsAreRefusedAndNothingIsKept(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            _ = try await Self.declare([Self.data, Self.image], in: store)
            let eve = try await store.service(as: Fixture.eve)
            let bytes = Data("x".utf8)
            let undeclared = await storeError {
                _ = try await eve.uploadResource(try await store.resourceUpload(bytes, as: Fixture.eve), named: "other", to: Self.charm)
            }
            #expect(undeclared?.code == "not-found", "\(engine)")
            var oci = try await store.resourceUpload(bytes, as: Fixture.eve)
            oci.type = "oci-image"
            let image = await storeError { _ = try await eve.uploadResource(oci, named: "image", to: Self.charm) }
            #expect(image?.code == "bad-argument" && image?.description.contains("file resources only") == true, "\(engine)")
            let mismatch = await storeError { _ = try await eve.uploadResource(oci, named: "data", to: Self.charm) }
            #expect(mismatch?.code == "bad-argument", "\(engine)")
            let badArch = await storeError {
                _ = try await eve.uploadResource(
                    try await store.resourceUpload(bytes, as: Fixture.eve, bases: [ResourceBase(architectures: ["\u{1B}[2Jz80"])]),
                    named: "data", to: Self.charm)
            }
            #expect(badArch?.code == "bad-argument" && badArch?.description.contains("\u{1B}") == false, "\(engine)")
            let alice = try await store.service(as: Fixture.alice)
            let stranger = await storeError {
                _ = try await alice.uploadResource(try await store.resourceUpload(bytes, as: Fixture.alice), named: "data", to: Self.charm)
            }
            #expect(stranger?.code == "permission-denied" || stranger?.code == "resource-not-found", "\(engine): \(stranger.map(String.init(describing:)) ?? "")")
            let listing = await storeError { _ = try await alice.resourceRevisions(of: Self.charm, named: "data") }
            #expect(listing?.code == "permission-denied", "\(engine)")
            #expect(try await eve.resourceRevisions(of: Self.charm, named: "data").isEmpty, "\(engine)")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func basesChangeAndAreAudited(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            _ = try await Self.declare([Self.data], in: store)
            let eve = try await store.service(as: Fixture.eve)
            _ = try await eve.uploadResource(try await store.resourceUpload(Data("a".utf8), as: Fixture.eve), named: "data", to: Self.charm)
            let changed = try await eve.updateResourceRevisions(
                [ResourceRevisionUpdate(revision: 1, bases: [ResourceBase(architectures: ["arm64", "riscv64"])])], of: Self.charm, named: "data")
            #expect(changed.map(\.revision) == [1] && changed.first?.bases.first?.architectures == ["arm64", "riscv64"], "\(engine)")
            let read = try await eve.resourceRevisions(of: Self.charm, named: "data")
            #expect(read.first?.bases.first?.architectures == ["arm64", "riscv64"] && read.first?.updatedBy == Fixture.eve, "\(engine)")
            let missing = await storeError {
                _ = try await eve.updateResourceRevisions([ResourceRevisionUpdate(revision: 9, bases: [ResourceBase()])], of: Self.charm, named: "data")
            }
            #expect(missing?.code == "not-found", "\(engine)")
            #expect(try await store.auditEvents(AuditQuery(action: "resource.update")).count == 1, "\(engine)")
        }
    }

    /// A plan releasing `number` to `channel` with revision `resource` of `data`.
    static func releasing(_ number: Int, to channel: Channel, data resource: Int) -> ReleasePlan {
        ReleasePlan([.release(revision: number, channels: [channel], resources: [ResourceAttachment(name: "data", revision: resource)])])
    }

    /// The resource revisions of `data` released to `channel`, entry by entry.
    static func attached(to channel: Channel, in store: TestStore) async throws -> [[Int]] {
        let map = try await store.service(as: Fixture.eve).channelMap(of: charm)
        return map.releases.filter { $0.channel == channel }.map { $0.resources.map(\.revision) }
    }

    @Test(arguments: StoreEngine.allCases)
    func aReleaseCarriesItsResourcesAndAPromotionCopiesThem(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let number = try await Self.declare([Self.data], in: store)
            let eve = try await store.service(as: Fixture.eve)
            _ = try await eve.uploadResource(try await store.resourceUpload(Data("a".utf8), as: Fixture.eve), named: "data", to: Self.charm)
            _ = try await eve.uploadResource(try await store.resourceUpload(Data("b".utf8), as: Fixture.eve), named: "data", to: Self.charm)
            let beta = Channel(track: "latest", risk: .beta)
            let outcome = try await eve.apply(Self.releasing(number, to: beta, data: 2), to: Self.charm, expecting: nil)
            let typed = [ResourceAttachment(name: "data", revision: 2, type: "file")]
            #expect(!outcome.released.isEmpty && outcome.released.allSatisfy { $0.resources == typed }, "\(engine)")
            let released = try await Self.attached(to: beta, in: store)
            #expect(!released.isEmpty && released.allSatisfy { $0 == [2] }, "\(engine)")

            let candidate = Channel(track: "latest", risk: .candidate)
            _ = try await eve.apply(ReleasePlan([.promote(from: beta, to: candidate)]), to: Self.charm, expecting: nil)
            let promoted = try await Self.attached(to: candidate, in: store)
            #expect(!promoted.isEmpty && promoted.allSatisfy { $0 == [2] }, "\(engine)")

            let unknown = await storeError { _ = try await eve.apply(Self.releasing(number, to: beta, data: 7), to: Self.charm, expecting: nil) }
            #expect(unknown?.code == "not-found", "\(engine)")
            let undeclared = await storeError { _ = try await eve.apply(Self.releasing(1, to: beta, data: 1), to: Self.charm, expecting: nil) }
            #expect(undeclared?.code == "bad-argument", "\(engine): revision 1 declares no resources")
            #expect(try await Self.attached(to: beta, in: store).allSatisfy { $0 == [2] })
        }
    }
}

import Foundation
import StoreModels
import StoreService
import Testing

/// What devices need from the engines: package names by store id, and who may download which revision.
@Suite("Devices")
struct DeviceTests {
    static let hello = PackageName.fixture("hello")
    static let secret = PackageName.fixture("secret-tool")

    /// The store id of `name`, read by its owner.
    static func id(of name: PackageName, in store: TestStore, as owner: String = Fixture.alice) async throws -> String {
        try await store.service(as: owner).package(named: name).package.id
    }

    @Test(arguments: StoreEngine.allCases)
    func idsResolveToNamesForThoseWhoMaySeeThePackage(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let hello = try await Self.id(of: Self.hello, in: store)
            let secret = try await Self.id(of: Self.secret, in: store)
            let anonymous = try await store.anonymous.packageNames(ids: [hello, secret, "no-such-id"])
            #expect(anonymous == [hello: Self.hello], "\(engine): a private package's id is not resolved for strangers")
            let alice = try await store.service(as: Fixture.alice).packageNames(ids: [hello, secret])
            #expect(alice == [hello: Self.hello, secret: Self.secret], "\(engine)")
            #expect(try await store.anonymous.packageNames(ids: []).isEmpty)
            let tooMany = await storeError { _ = try await store.anonymous.packageNames(ids: (0..<501).map { "id-\($0)" }) }
            #expect(tooMany?.code == "bad-argument", "\(engine)")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anyoneDownloadsWhatIsReleasedAndOnlyThePublishersSideWhatIsNot(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            // The fixture's revisions are metadata only: past the rules, the file is what is missing.
            let released = await storeError { _ = try await store.anonymous.download(of: Self.hello, revision: 1) }
            #expect(released?.description.contains("file of revision") == true, "\(engine): \(released.map(String.init(describing:)) ?? "")")
            let pending = await storeError { _ = try await store.anonymous.download(of: Self.hello, revision: 3) }
            #expect(pending?.description.contains("No revision named '3 of hello'") == true, "\(engine): a pending revision is not served to devices")
            let ownPending = await storeError { _ = try await store.service(as: Fixture.alice).download(of: Self.hello, revision: 3) }
            #expect(ownPending?.description.contains("file of revision") == true, "\(engine): the publisher may download a pending revision")
            let reviewer = await storeError { _ = try await store.service(as: Fixture.reviewer).download(of: Self.hello, revision: 3) }
            #expect(reviewer?.description.contains("file of revision") == true, "\(engine): so may a reviewer")
            let hidden = await storeError { _ = try await store.anonymous.download(of: Self.secret, revision: 1) }
            #expect(hidden?.code == "resource-not-found", "\(engine): a private package is not found")
            let missing = await storeError { _ = try await store.anonymous.download(of: Self.hello, revision: 99) }
            #expect(missing?.code == "revision-not-found", "\(engine)")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anUploadedFileAndItsEpochAreKeptWithTheRevision(engine: StoreEngine) async throws {
        try engine.skip(on: .http, because: "the API's metadata-only upload names no file; files come through /unscanned-upload/ (server tests)")
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let size = 4096
            let upload = RevisionUpload(
                version: "2.0", architectures: [.amd64], size: Int64(size), sha3_384: GeneratedFile.sha3_384(size: size),
                confinement: .strict, grade: .stable, epoch: try Epoch(parsing: "1*"), file: .generated(size: size))
            let revision = try await alice.upload(upload, to: Self.hello)
            #expect(revision.epoch == Epoch(read: [0, 1], write: [1]), "\(engine)")
            let read = try await alice.revisions(of: Self.hello, query: RevisionQuery()).items.first { $0.number == revision.number }
            #expect(read?.epoch == Epoch(read: [0, 1], write: [1]), "\(engine): the epoch is stored")
            // Approved but not released: its publisher may download it, a device may not yet.
            let own = try await alice.download(of: Self.hello, revision: revision.number)
            let helloID = try await Self.id(of: Self.hello, in: store)
            #expect(own.file == .generated(size: size) && own.packageID == helloID, "\(engine)")
            let early = await storeError { _ = try await store.anonymous.download(of: Self.hello, revision: revision.number) }
            #expect(early?.code == "revision-not-found", "\(engine)")
            _ = try await alice.apply(ReleasePlan([.release(revision: revision.number, channels: [Channel(risk: .beta)])]), to: Self.hello, expecting: nil)
            let device = try await store.anonymous.download(of: Self.hello, revision: revision.number)
            #expect(device.revision.sha3_384 == GeneratedFile.sha3_384(size: size) && device.type == .snap, "\(engine)")
        }
    }
}

/// A snap registered by name gets its listing from its first upload's snap.yaml.
@Suite("Listing from uploads")
struct ListingFromUploadTests {
    @Test(arguments: StoreEngine.allCases)
    func theFirstUploadFillsAnEmptyListingAndLaterOnesLeaveIt(engine: StoreEngine) async throws {
        try engine.skip(on: .http, because: "the API's metadata-only upload carries no snap.yaml; snapcraft's upload does (server tests)")
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let name = PackageName.fixture("listed-snap")
            _ = try await alice.registerName(name, type: .snap, isPrivate: false)
            var upload = RevisionUpload(version: "1.0", architectures: [.amd64], size: 4096, sha3_384: String(repeating: "ab", count: 48),
                                        confinement: .strict, grade: .stable)
            upload.listing = ("Says hello\u{1B}[2J", "A greeting, from snap.yaml.")
            _ = try await alice.upload(upload, to: name)
            let first = try await alice.package(named: name).package
            #expect(first.summary == "Says hello\u{1B}[2J" && first.description == "A greeting, from snap.yaml.", "\(engine): kept as given, shown inert by the console")
            upload.listing = ("Something else", "Another text")
            _ = try await alice.upload(upload, to: name)
            #expect(try await alice.package(named: name).package.summary == "Says hello\u{1B}[2J", "\(engine): a listing is not overwritten")
            let hits = try await store.anonymous.search(SearchQuery(text: "greeting", type: .snap))
            #expect(hits.items.contains { $0.name == name }, "\(engine): the listing is searchable")
        }
    }
}

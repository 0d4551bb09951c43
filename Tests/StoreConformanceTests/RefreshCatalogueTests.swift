import Foundation
import StoreModels
import StoreService
import Testing

/// The one read a device refresh makes (`refreshCatalogue`): what it answers is what the per-package
/// reads show the same caller, and nothing they hide.
@Suite("Refresh catalogue")
struct RefreshCatalogueTests {
    static let hello = PackageName.fixture("hello")
    static let secret = PackageName.fixture("secret-tool")
    static let charm = PackageName.fixture("postgresql-k8s")

    /// A lookup naming packages by name and by id, each without revisions asked for.
    static func lookup(names: [PackageName], ids: [String]) -> RefreshLookup {
        var lookup = RefreshLookup()
        for name in names { lookup.add(.name(name), revision: nil) }
        for id in ids { lookup.add(.id(id), revision: nil) }
        return lookup
    }

    /// The numbers of `name`'s revisions in `catalogue`.
    static func numbers(_ name: PackageName, in catalogue: RefreshCatalogue) -> Set<Int> {
        Set(catalogue.packages[name]?.revisions.keys.map { $0 } ?? [])
    }

    /// `name`'s entry as the per-package reads give it to `service`, with `revisions` (read by its owner).
    static func expectedEntry(_ name: PackageName, of service: any StoreService, revisions: [Revision]) async throws -> RefreshCatalogue.Entry {
        let detail = try await service.package(named: name)
        let map = try await service.channelMap(of: name)
        return RefreshCatalogue.Entry(detail: detail, map: map, revisions: Dictionary(uniqueKeysWithValues: revisions.map { ($0.number, $0) }))
    }

    /// The revisions of `name` numbered `numbers`, read by its owner.
    static func revisions(_ numbers: Set<Int>, of name: PackageName, in store: TestStore, owner: String) async throws -> [Revision] {
        try await store.service(as: owner).revisions(of: name, query: RevisionQuery(limit: 500)).items.filter { numbers.contains($0.number) }
    }

    @Test(arguments: StoreEngine.allCases)
    func aStrangerGetsThePublicPackagesWithTheirReleasedRevisionsOnly(engine: StoreEngine) async throws {
        try engine.skip(on: .http, because: "the API has no public list of released revisions; the client reads the revision list (see the owner's test)")
        try await withStore(engine) { store in
            let helloID = try await DeviceTests.id(of: Self.hello, in: store)
            let secretID = try await DeviceTests.id(of: Self.secret, in: store)
            let lookup = Self.lookup(names: [Self.hello, Self.secret, Self.charm, .fixture("no-such-snap")], ids: [helloID, secretID, "no-such-id"])
            let catalogue = try await store.anonymous.refreshCatalogue(lookup)
            #expect(catalogue.names == [helloID: Self.hello], "\(engine): a private package's id is not resolved for strangers")
            #expect(Set(catalogue.packages.keys) == [Self.hello, Self.charm], "\(engine): the private one is left out")
            // Released: 1 (stable) and 2 (edge, and the expired branch); the pending 3 is not.
            let expected = try await Self.expectedEntry(
                Self.hello, of: store.anonymous, revisions: try await Self.revisions([1, 2], of: Self.hello, in: store, owner: Fixture.alice))
            #expect(catalogue.packages[Self.hello] == expected, "\(engine): the package, map and released revisions, as the per-package reads")
            #expect(catalogue.packages[Self.hello]?.map.releases.contains { $0.channel.isBranch } == false, "\(engine): expired branches removed")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func theOwnerGetsThePrivatePackageByNameAndByID(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let secretID = try await DeviceTests.id(of: Self.secret, in: store)
            let alice = try await store.service(as: Fixture.alice)
            let catalogue = try await alice.refreshCatalogue(Self.lookup(names: [Self.hello], ids: [secretID]))
            #expect(catalogue.names == [secretID: Self.secret], "\(engine)")
            #expect(Set(catalogue.packages.keys) == [Self.hello, Self.secret], "\(engine)")
            let expected = try await Self.expectedEntry(
                Self.hello, of: alice, revisions: try await Self.revisions([1, 2], of: Self.hello, in: store, owner: Fixture.alice))
            #expect(catalogue.packages[Self.hello] == expected, "\(engine)")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func revisionsAskedByNumberAreApprovedOnesForThoseWhoSeeTheRevisions(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let unreleased = try await alice.upload(Fixture.cleanUpload(), to: Self.hello)
            #expect(unreleased.review.isApproved, "\(engine): the clean upload is approved, not released")
            var lookup = RefreshLookup()
            lookup.add(.name(Self.hello), revision: unreleased.number)
            lookup.add(.name(Self.hello), revision: 3)
            let own = try await alice.refreshCatalogue(lookup)
            #expect(Self.numbers(Self.hello, in: own) == [1, 2, unreleased.number],
                    "\(engine): the owner gets the approved one asked for, not the pending 3")
            let reviewer = try await store.service(as: Fixture.reviewer)
            let reviewed = try await reviewer.refreshCatalogue(lookup)
            #expect(Self.numbers(Self.hello, in: reviewed).contains(unreleased.number), "\(engine)")
            let eve = try await store.service(as: Fixture.eve)
            let other = try await eve.refreshCatalogue(lookup)
            #expect(Self.numbers(Self.hello, in: other).isDisjoint(with: [3, unreleased.number]),
                    "\(engine): another publisher gets no unreleased revision")
        }
    }

    /// Every public package in one lookup: each entry is its own package's (an engine that reads all the
    /// packages' maps and revisions together must not give one package another's rows).
    @Test(arguments: StoreEngine.allCases)
    func eachPackageOfALargeLookupGetsItsOwnMapRevisionsAndCollaborators(engine: StoreEngine) async throws {
        try engine.skip(on: .http, because: "the API has no public list of released revisions")
        try await withStore(engine) { store in
            let names = Fixture.publicNames.map(PackageName.fixture)
            let catalogue = try await store.anonymous.refreshCatalogue(Self.lookup(names: names, ids: []))
            #expect(Set(catalogue.packages.keys) == Set(names), "\(engine)")
            let admin = try await store.service(as: Fixture.admin)
            for name in names {
                let map = try await store.anonymous.channelMap(of: name)
                let released = try await admin.revisions(of: name, query: RevisionQuery(limit: 500)).items
                    .filter { map.removingExpiredBranches(at: Date()).releasedRevisions.contains($0.number) }
                let expected = try await Self.expectedEntry(name, of: store.anonymous, revisions: released)
                #expect(catalogue.packages[name] == expected, "\(engine): \(name)")
            }
            #expect(catalogue.packages[Self.hello]?.detail.collaborators.isEmpty == false, "\(engine): hello has a collaborator")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aLookupIsBounded(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let tooMany = Self.lookup(names: [], ids: (0..<(PackageLookup.maximumIDs + 1)).map { "id-\($0)" })
            let refused = await storeError { _ = try await store.anonymous.refreshCatalogue(tooMany) }
            #expect(refused?.code == "bad-argument", "\(engine)")
            let empty = try await store.anonymous.refreshCatalogue(RefreshLookup())
            #expect(empty == RefreshCatalogue(), "\(engine)")
        }
    }
}

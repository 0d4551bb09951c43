import Foundation
import StoreModels
import StoreService
import Testing

@Suite("Packages and channel maps")
struct PackageTests {
    @Test(arguments: StoreEngine.allCases)
    func packageDetailNamesPublisherAndCollaborators(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let detail = try await store.anonymous.package(named: .fixture("hello"))
            #expect(detail.package.title == "Hello")
            #expect(detail.publisher.username == Fixture.alice)
            #expect(detail.collaborators == [Fixture.bob])
            #expect(detail.package.tracks == ["latest", "2.0"])
            #expect(detail.package.links.first?.url == "https://example.com/hello")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func versionsOfReleasedRevisionsArePublic(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let name = PackageName.fixture("hello")
            let map = try await store.anonymous.channelMap(of: name)
            #expect(!map.releasedRevisions.isEmpty)
            // Anonymous and other publishers may not list the revisions, yet see what the map serves.
            for service in [store.anonymous, try await store.service(as: Fixture.eve)] {
                let detail = try await service.package(named: name)
                #expect(Set(detail.releasedVersions.keys) == map.releasedRevisions, "\(engine)")
                #expect(detail.releasedVersions.values.allSatisfy { !$0.isEmpty })
            }
            let owner = try await store.service(as: Fixture.alice)
            let revisions = try await owner.revisions(of: name, query: RevisionQuery()).items
            let detail = try await store.anonymous.package(named: name)
            for revision in revisions where map.releasedRevisions.contains(revision.number) {
                #expect(detail.releasedVersions[revision.number] == revision.version)
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func privatePackagesLookMissingToOutsiders(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let name = PackageName.fixture("secret-tool")
            for service in [store.anonymous, try await store.service(as: Fixture.eve)] {
                let error = await storeError { _ = try await service.package(named: name) }
                #expect(error == .notFound(kind: "package", name: "secret-tool"))
                let mapError = await storeError { _ = try await service.channelMap(of: name) }
                #expect(mapError == .notFound(kind: "package", name: "secret-tool"))
            }
            for username in [Fixture.alice, Fixture.admin, Fixture.reviewer] {
                _ = try await store.service(as: username).package(named: name)
            }
            let missing = await storeError { _ = try await store.anonymous.package(named: .fixture("no-such-thing")) }
            #expect(missing == .notFound(kind: "package", name: "no-such-thing"))
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func channelMapFollowsSaferRisksAndDropsExpiredBranches(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let map = try await store.anonymous.channelMap(of: .fixture("hello"))
            #expect(map.version == 3)
            #expect(map.tracks == ["latest", "2.0"])
            let amd64 = Platform(architecture: .amd64)
            let arm64 = Platform(architecture: .arm64)
            let candidate = map.serving(Channel(risk: .candidate), on: amd64)
            #expect(candidate.revision == 1)
            #expect(candidate.source == .following(Channel(risk: .stable)))
            #expect(map.serving(Channel(risk: .edge), on: amd64).revision == 2)
            #expect(map.serving(Channel(risk: .stable), on: arm64).source == .closed)
            #expect(!map.releases.contains { $0.channel.isBranch }, "the fix-1 branch expired")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func charmsAreReleasedPerBase(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let map = try await store.anonymous.channelMap(of: .fixture("postgresql-k8s"))
            let jammy = Platform(architecture: .amd64, base: "ubuntu@22.04")
            #expect(map.serving(Channel(risk: .stable), on: jammy).revision == 1)
            #expect(Set(map.platforms.compactMap(\.base)) == ["ubuntu@22.04", "ubuntu@24.04"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func revisionsListNewestFirstWithFiltersAndPages(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let name = PackageName.fixture("hello")
            #expect(try await alice.revisions(of: name, query: RevisionQuery()).items.map(\.number) == [3, 2, 1])
            #expect(try await alice.revisions(of: name, query: RevisionQuery(architecture: .arm64)).items.map(\.number) == [2])
            #expect(try await alice.revisions(of: name, query: RevisionQuery(reviewStatus: "pending")).items.map(\.number) == [3])
            let first = try await alice.revisions(of: name, query: RevisionQuery(limit: 2))
            #expect(first.items.map(\.number) == [3, 2])
            let second = try await alice.revisions(of: name, query: RevisionQuery(cursor: first.nextCursor, limit: 2))
            #expect(second.items.map(\.number) == [1])
            #expect(second.nextCursor == nil)
            let revision = try #require(first.items.last)
            #expect(revision.version == "1.1" && revision.architectures == [.amd64, .arm64] && revision.uploader == Fixture.alice)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func revisionsAreForThePublisherTeamReviewersAndAdmins(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let name = PackageName.fixture("hello")
            for username in [Fixture.alice, Fixture.bob, Fixture.reviewer, Fixture.admin] {
                _ = try await store.service(as: username).revisions(of: name, query: RevisionQuery())
            }
            let eve = try await store.service(as: Fixture.eve)
            let error = await storeError { _ = try await eve.revisions(of: name, query: RevisionQuery()) }
            #expect(error?.code == "permission-denied")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func registeringANameChecksRulesAndClaims(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let eve = try await store.service(as: Fixture.eve)
            let package = try await eve.registerName(.fixture("fresh-name"), type: .snap, isPrivate: false)
            #expect(package.publisherID == Fixture.id(Fixture.eve) && package.status == .registered)
            #expect(try await store.anonymous.package(named: .fixture("fresh-name")).publisher.username == Fixture.eve)
            let taken = await storeError { _ = try await eve.registerName(.fixture("hello"), type: .snap, isPrivate: false) }
            #expect(taken?.code == "conflict")
            let invalid = await storeError { _ = try await eve.registerName(.fixture("Bad--Name"), type: .snap, isPrivate: false) }
            #expect(invalid?.code == "bad-argument")
            let charm = await storeError { _ = try await eve.registerName(.fixture("1charm"), type: .charm, isPrivate: false) }
            #expect(charm?.code == "bad-argument")
            let anonymous = await storeError { _ = try await store.anonymous.registerName(.fixture("anon-name"), type: .snap, isPrivate: false) }
            #expect(anonymous?.code == "macaroon-permission-required")
            let events = try await store.auditEvents(AuditQuery(action: "package.register"))
            #expect(events.map(\.objectID) == ["fresh-name"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func myPackagesIncludesCollaborationsOnlyWhenAsked(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let bob = try await store.service(as: Fixture.bob)
            let own = try await bob.myPackages(includeCollaborations: false).map(\.name.rawValue)
            let all = try await bob.myPackages(includeCollaborations: true).map(\.name.rawValue)
            #expect(!own.contains("hello") && own.contains("greeter"))
            #expect(all.contains("hello") && all.contains("greeter"))
            let alice = try await store.service(as: Fixture.alice).myPackages(includeCollaborations: false).map(\.name.rawValue)
            #expect(alice.contains("secret-tool"), "owners see their private packages")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func onlyOwnersAddCollaborators(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let name = PackageName.fixture("world-clock")
            let bob = try await store.service(as: Fixture.bob)
            let denied = await storeError { try await bob.addCollaborator(Fixture.bob, to: name) }
            #expect(denied?.code == "permission-denied")
            let alice = try await store.service(as: Fixture.alice)
            try await alice.addCollaborator(Fixture.eve, to: name)
            try await alice.addCollaborator(Fixture.eve, to: name)
            #expect(try await alice.package(named: name).collaborators == [Fixture.eve])
            #expect(try await store.auditEvents(AuditQuery(action: "package.collaborator.add")).count == 1)
            let unknown = await storeError { try await alice.addCollaborator("nobody", to: name) }
            #expect(unknown == .notFound(kind: "publisher", name: "nobody"))
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func concurrentRegistrationsOfOneNameLetExactlyOneThrough(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let results = await withTaskGroup(of: StoreError?.self) { group in
                for username in [Fixture.alice, Fixture.bob, Fixture.eve, Fixture.alice, Fixture.bob, Fixture.eve] {
                    group.addTask {
                        do {
                            _ = try await store.service(as: username).registerName(.fixture("contested"), type: .snap, isPrivate: false)
                            return nil
                        } catch let error as StoreError {
                            return error
                        } catch {
                            return .unavailable("\(error)")
                        }
                    }
                }
                var results: [StoreError?] = []
                for await result in group { results.append(result) }
                return results
            }
            #expect(results.filter { $0 == nil }.count == 1)
            #expect(results.compactMap { $0?.code } == Array(repeating: "conflict", count: 5))
            let registrations = try await store.auditEvents(AuditQuery(action: "package.register"))
            #expect(registrations.count == 1)
        }
    }
}


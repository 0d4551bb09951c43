import Foundation
import StoreModels
import StoreService
import Testing

@Suite("Release plans")
struct ReleaseTests {
    static let hello = PackageName.fixture("hello")
    static let releaseTwoToStable = ReleasePlan([.release(revision: 2, channels: [Channel(risk: .stable)])])

    @Test(arguments: StoreEngine.allCases)
    func applyingAPlanBumpsTheVersionAndWritesOneAuditEvent(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let before = try await store.auditEvents()
            let outcome = try await alice.apply(Self.releaseTwoToStable, to: Self.hello, expecting: 3)
            #expect(outcome.map.version == 4)
            #expect(outcome.changes.contains { $0.channel == Channel(risk: .stable) && $0.after.revision == 2 })
            let map = try await store.anonymous.channelMap(of: Self.hello)
            #expect(map.version == 4)
            #expect(map.serving(Channel(risk: .stable), on: Platform(architecture: .arm64)).revision == 2)
            #expect(map.releases == outcome.map.releases)

            let events = try await store.auditEvents()
            #expect(events.count == before.count + 1)
            let event = try #require(events.first)
            #expect(event.action == "release" && event.actor == Fixture.alice && event.actorRole == .publisher)
            #expect(event.objectKind == .channelMap && event.package == "hello" && event.publisher == Fixture.alice)
            #expect(event.before != nil && event.after != event.before)
            let summary = try #require(try await store.anonymous.search(SearchQuery(text: "hello")).items.first)
            #expect(summary.latestStableVersion == "1.1")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func auditActionNamesWhatThePlanDid(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            _ = try await alice.apply(ReleasePlan([.promote(from: Channel(risk: .edge), to: Channel(risk: .beta))]), to: Self.hello, expecting: nil)
            _ = try await alice.apply(ReleasePlan([.close(channels: [Channel(risk: .beta)])]), to: Self.hello, expecting: nil)
            _ = try await alice.apply(ReleasePlan([.release(revision: 2, channels: [Channel(risk: .candidate)], progressive: 20)]), to: Self.hello, expecting: nil)
            _ = try await alice.apply(ReleasePlan([.setProgress(channel: Channel(risk: .candidate), percentage: 100)]), to: Self.hello, expecting: nil)
            let actions = try await store.auditEvents(AuditQuery(package: "hello")).map(\.action)
            #expect(actions == ["release.progress", "release", "close", "promote"])
            #expect(try await store.channelMap(of: "hello").version == 7)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func staleVersionIsRefusedWithWhatChangedAndNothingApplied(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let bob = try await store.service(as: Fixture.bob)
            _ = try await alice.apply(Self.releaseTwoToStable, to: Self.hello, expecting: 3)
            let auditBefore = try await store.auditEvents().count
            let mapBefore = try await store.channelMap(of: "hello")

            let closeEdge = ReleasePlan([.close(channels: [Channel(risk: .edge)])])
            let error = await storeError { _ = try await bob.apply(closeEdge, to: Self.hello, expecting: 3) }
            guard case .staleChannelMap(let expected, let actual, let changes)? = error else {
                Issue.record("expected staleChannelMap, got \(String(describing: error))")
                return
            }
            #expect(expected == 3 && actual == 4)
            #expect(changes.contains { $0.channel == Channel(risk: .stable) && $0.before.revision == 1 && $0.after.revision == 2 })
            #expect(try await store.channelMap(of: "hello") == mapBefore)
            #expect(try await store.auditEvents().count == auditBefore)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func staleVersionBeforeTheHistoryBeganStillReportsChanges(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let error = await storeError { _ = try await alice.apply(Self.releaseTwoToStable, to: Self.hello, expecting: 1) }
            guard case .staleChannelMap(1, 3, let changes)? = error else {
                Issue.record("expected staleChannelMap(1, 3), got \(String(describing: error))")
                return
            }
            #expect(!changes.isEmpty)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func unapprovedRevisionsCannotBeReleased(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let plan = ReleasePlan([.release(revision: 3, channels: [Channel(risk: .beta)])])
            let error = await storeError { _ = try await alice.apply(plan, to: Self.hello, expecting: 3) }
            #expect(error == .plan(.revisionNotApproved(3, status: "pending", note: nil)))
            #expect(try await store.channelMap(of: "hello").version == 3)
            let unknown = await storeError {
                _ = try await alice.apply(ReleasePlan([.release(revision: 99, channels: [Channel(risk: .beta)])]), to: Self.hello, expecting: 3)
            }
            #expect(unknown == .plan(.unknownRevision(99)))
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func otherPublishersAreRefused(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let eve = try await store.service(as: Fixture.eve)
            let error = await storeError { _ = try await eve.apply(Self.releaseTwoToStable, to: Self.hello, expecting: 3) }
            #expect(error?.code == "permission-denied")
            let anonymous = await storeError { _ = try await store.anonymous.apply(Self.releaseTwoToStable, to: Self.hello, expecting: 3) }
            #expect(anonymous?.code == "macaroon-permission-required")
            let hidden = await storeError {
                _ = try await eve.apply(ReleasePlan([.close(channels: [Channel(risk: .stable)])]), to: .fixture("secret-tool"), expecting: nil)
            }
            #expect(hidden == .notFound(kind: "package", name: "secret-tool"))
            #expect(try await store.channelMap(of: "hello").version == 3)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func collaboratorsMayRelease(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let bob = try await store.service(as: Fixture.bob)
            let outcome = try await bob.apply(Self.releaseTwoToStable, to: Self.hello, expecting: 3)
            #expect(outcome.map.version == 4)
            #expect(try await store.auditEvents().first?.actor == Fixture.bob)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func suspendedPublishersAreRefused(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let mallory = try await store.service(as: Fixture.mallory)
            let plan = ReleasePlan([.close(channels: [Channel(risk: .stable)])])
            let error = await storeError { _ = try await mallory.apply(plan, to: .fixture("spam-hello"), expecting: nil) }
            #expect(error?.code == "permission-denied")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func suspensionTakesEffectOnIdentitiesObtainedBeforeIt(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)  // identity read while active
            _ = try await store.service(as: Fixture.admin).suspend(Fixture.alice, reason: "compromised account")
            let error = await storeError { _ = try await alice.apply(Self.releaseTwoToStable, to: Self.hello, expecting: 3) }
            #expect(error?.code == "permission-denied")
            let bob = try await store.service(as: Fixture.bob)
            let frozen = await storeError { _ = try await bob.apply(Self.releaseTwoToStable, to: Self.hello, expecting: 3) }
            #expect(frozen == .forbidden("the package's publisher is suspended"), "collaborators cannot release a suspended publisher's package")
            #expect(try await store.channelMap(of: "hello").version == 3)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func quarantinedPackagesAreFrozen(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let eve = try await store.service(as: Fixture.eve)
            let plan = ReleasePlan([.close(channels: [Channel(risk: .stable)])])
            let error = await storeError { _ = try await eve.apply(plan, to: .fixture("quarantined-hello"), expecting: nil) }
            #expect(error?.code == "permission-denied")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func concurrentPlansExpectingTheSameVersionLetExactlyOneThrough(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let auditBefore = try await store.auditEvents().count
            let results = await withTaskGroup(of: Result<PlanOutcome, StoreError>.self) { group in
                for index in 0..<20 {
                    let plan = ReleasePlan([.release(revision: 1 + index % 2, channels: [Channel(risk: .beta)])])
                    group.addTask {
                        do { return .success(try await alice.apply(plan, to: Self.hello, expecting: 3)) } catch let error as StoreError {
                            return .failure(error)
                        } catch {
                            return .failure(.unavailable("\(error)"))
                        }
                    }
                }
                var results: [Result<PlanOutcome, StoreError>] = []
                for await result in group { results.append(result) }
                return results
            }
            let successes = results.filter { if case .success = $0 { true } else { false } }
            let stale = results.filter { if case .failure(.staleChannelMap(3, 4, _)) = $0 { true } else { false } }
            let others = results.filter { if case .failure(.staleChannelMap(3, 4, _)) = $0 { false } else { true } }
            #expect(successes.count == 1)
            #expect(stale.count == 19, "besides one success, not stale: \(others)")
            #expect(try await store.channelMap(of: "hello").version == 4)
            #expect(try await store.auditEvents().count == auditBefore + 1)
        }
    }
}

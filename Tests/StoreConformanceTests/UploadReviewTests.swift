import Foundation
import StoreModels
import StoreService
import Testing

@Suite("Uploads and review")
struct UploadReviewTests {
    static let hello = PackageName.fixture("hello")

    @Test(arguments: StoreEngine.allCases)
    func theReviewQueueCountsEveryPendingUploadOnEveryPage(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let reviewer = try await store.service(as: Fixture.reviewer)
            var cursor: String?
            var seen = 0
            repeat {
                let page = try await reviewer.reviewQueue(cursor: cursor, limit: 1)
                seen += page.items.count
                #expect(page.total != nil, "\(engine)")
                cursor = page.nextCursor
                if cursor == nil { #expect(page.total == seen, "\(engine): the count is what the pages hold") }
            } while cursor != nil
            #expect(seen > 0)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func cleanUploadIsApprovedUnderTheNextNumber(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let revision = try await alice.upload(Fixture.cleanUpload(), to: Self.hello)
            #expect(revision.number == 4)
            #expect(revision.review == .approved(notes: nil))
            #expect(revision.uploader == Fixture.alice)
            #expect(revision.createdAt == store.clock.now)
            #expect(!revision.checks.contains { $0.severity >= .needsReview })
            let next = try await alice.upload(Fixture.cleanUpload(version: "9.1"), to: Self.hello)
            #expect(next.number == 5)
            let listed = try await alice.revisions(of: Self.hello, query: RevisionQuery(limit: 1)).items
            #expect(listed == [next])
            let event = try #require(try await store.auditEvents().first)
            #expect(event.action == "upload" && event.objectKind == .revision && event.objectID == "hello#5")
            // Approved at once, so it can be released.
            _ = try await alice.apply(ReleasePlan([.release(revision: 5, channels: [Channel(risk: .beta)])]), to: Self.hello, expecting: nil)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aNulCharacterInTheVersionIsRefusedNotCutShort(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let before = try await alice.revisions(of: Self.hello, query: RevisionQuery(limit: 50)).items
            let refused = await storeError { _ = try await alice.upload(Fixture.cleanUpload(version: "1.0\u{0}evil"), to: Self.hello) }
            #expect(refused?.code == "bad-argument")
            #expect(refused?.description.contains("NUL") == true)
            #expect(try await alice.revisions(of: Self.hello, query: RevisionQuery(limit: 50)).items == before)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func riskyUploadWaitsForReviewWithItsFindings(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            var upload = Fixture.cleanUpload()
            upload.confinement = .classic
            upload.permissions += ["snapd-control"]
            let revision = try await alice.upload(upload, to: Self.hello)
            #expect(revision.review == .pending)
            #expect(Set(revision.checks.map(\.code)).isSuperset(of: ["confinement-change", "privileged-interface"]))
            let error = await storeError {
                _ = try await alice.apply(ReleasePlan([.release(revision: revision.number, channels: [Channel(risk: .edge)])]), to: Self.hello, expecting: nil)
            }
            #expect(error?.code == "revision-not-approved")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func malformedUploadIsRejectedButKeepsItsNumber(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            var upload = Fixture.cleanUpload()
            upload.sha3_384 = "not-a-digest"
            upload.metadataErrors = ["snap.yaml: missing 'name'"]
            let revision = try await alice.upload(upload, to: Self.hello)
            guard case .rejected(let reason) = revision.review else {
                Issue.record("expected a rejection, got \(revision.review)")
                return
            }
            #expect(reason.hasPrefix("review-error: ") && reason.contains("missing 'name'"))
            let next = try await alice.upload(Fixture.cleanUpload(), to: Self.hello)
            #expect(next.number == revision.number + 1)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func outsidersCannotUpload(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let eve = try await store.service(as: Fixture.eve)
            let error = await storeError { _ = try await eve.upload(Fixture.cleanUpload(), to: Self.hello) }
            #expect(error?.code == "permission-denied")
            let bob = try await store.service(as: Fixture.bob)
            #expect(try await bob.upload(Fixture.cleanUpload(), to: Self.hello).number == 4)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func reviewQueueListsPendingOldestFirstWithThePreviousRevision(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            store.clock.advance(by: 60)
            var upload = Fixture.cleanUpload()
            upload.confinement = .devmode
            _ = try await alice.upload(upload, to: Self.hello)
            let reviewer = try await store.service(as: Fixture.reviewer)
            let queue = try await reviewer.reviewQueue(cursor: nil, limit: 10).items
            #expect(queue.map { "\($0.package)#\($0.revision.number)" } == ["hello#3", "hello#4"])
            #expect(queue[0].previous?.number == 2)
            #expect(queue[1].previous?.number == 3)
            #expect(queue[0].publisher.username == Fixture.alice)
            let first = try await reviewer.reviewQueue(cursor: nil, limit: 1)
            let second = try await reviewer.reviewQueue(cursor: first.nextCursor, limit: 1)
            #expect(second.items.map(\.revision.number) == [4])
            #expect(second.nextCursor == nil)
            let denied = await storeError { _ = try await alice.reviewQueue(cursor: nil, limit: 10) }
            #expect(denied?.code == "permission-denied")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func approvalMakesARevisionReleasable(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let reviewer = try await store.service(as: Fixture.reviewer)
            let approved = try await reviewer.review(Self.hello, revision: 3, decision: .approve(notes: "looks fine"))
            #expect(approved.review == .approved(notes: "looks fine"))
            let event = try #require(try await store.auditEvents().first)
            #expect(event.action == "review.approve" && event.objectID == "hello#3" && event.reason == "looks fine")
            let alice = try await store.service(as: Fixture.alice)
            let outcome = try await alice.apply(ReleasePlan([.release(revision: 3, channels: [Channel(risk: .candidate)])]), to: Self.hello, expecting: 3)
            #expect(outcome.map.serving(Channel(risk: .candidate), on: Platform(architecture: .amd64)).revision == 3)
            #expect(try await reviewer.reviewQueue(cursor: nil, limit: 10).items.isEmpty)
            let again = await storeError { _ = try await reviewer.review(Self.hello, revision: 3, decision: .approve(notes: nil)) }
            #expect(again?.code == "conflict")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func rejectionNeedsAReasonAndRecordsIt(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let admin = try await store.service(as: Fixture.admin)
            let empty = await storeError { _ = try await admin.review(Self.hello, revision: 3, decision: .reject(reason: "  ")) }
            #expect(empty?.code == "bad-argument")
            let rejected = try await admin.review(Self.hello, revision: 3, decision: .reject(reason: "bundles a crypto miner"))
            #expect(rejected.review == .rejected(reason: "bundles a crypto miner"))
            let events = try await store.auditEvents(AuditQuery(action: "review."))
            #expect(events.map(\.action) == ["review.reject"])
            #expect(events.first?.reason == "bundles a crypto miner")
            let alice = try await store.service(as: Fixture.alice)
            let stored = try await alice.revisions(of: Self.hello, query: RevisionQuery(reviewStatus: "rejected")).items
            #expect(stored.map(\.number) == [3])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func publishersCannotReviewAndReviewersCannotReviewTheirOwn(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let own = await storeError { _ = try await alice.review(Self.hello, revision: 3, decision: .approve(notes: nil)) }
            #expect(own?.code == "permission-denied")
            let admin = try await store.service(as: Fixture.admin)
            try await admin.addCollaborator(Fixture.reviewer, to: Self.hello)
            let reviewer = try await store.service(as: Fixture.reviewer)
            let involved = await storeError { _ = try await reviewer.review(Self.hello, revision: 3, decision: .approve(notes: nil)) }
            #expect(involved?.code == "permission-denied")
            let missing = await storeError { _ = try await admin.review(Self.hello, revision: 42, decision: .approve(notes: nil)) }
            #expect(missing == .notFound(kind: "revision", name: "hello#42"))
        }
    }
}

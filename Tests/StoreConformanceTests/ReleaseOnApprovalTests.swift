import Foundation
import StoreModels
import StoreService
import Testing

/// `snapcraft upload --release`: the revision goes to the channels named once it is approved.
@Suite("Release on approval")
struct ReleaseOnApprovalTests {
    static let hello = PackageName.fixture("hello")
    static let edge = Channel(risk: .edge)
    static let beta = Channel(risk: .beta)

    static func upload(_ version: String, confinement: Revision.Confinement = .strict, channels: [Channel]) -> RevisionUpload {
        var upload = Fixture.cleanUpload(version: version)
        upload.confinement = confinement
        upload.releaseOnApproval = channels
        return upload
    }

    static func serving(_ channel: Channel, _ map: ChannelMap) -> Int? {
        map.serving(channel, on: Platform(architecture: .amd64)).release?.revision
    }

    @Test(arguments: StoreEngine.allCases)
    func anUploadApprovedAtOnceIsReleasedInTheSameChange(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let before = try await alice.channelMap(of: Self.hello).version
            let revision = try await alice.upload(Self.upload("9.5", channels: [Self.edge, Self.beta]), to: Self.hello)
            #expect(revision.review.isApproved)
            let map = try await alice.channelMap(of: Self.hello)
            #expect(Self.serving(Self.edge, map) == revision.number && Self.serving(Self.beta, map) == revision.number, "\(engine)")
            #expect(map.version == before + 1)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aQueuedUploadIsReleasedWhenAReviewerApprovesIt(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let revision = try await alice.upload(Self.upload("9.6", confinement: .classic, channels: [Self.edge]), to: Self.hello)
            #expect(revision.review == .pending, "\(engine)")
            let waiting = try await alice.channelMap(of: Self.hello)
            #expect(Self.serving(Self.edge, waiting) != revision.number)
            let reviewer = try await store.service(as: Fixture.reviewer)
            _ = try await reviewer.review(Self.hello, revision: revision.number, decision: .approve(notes: nil))
            let released = try await alice.channelMap(of: Self.hello)
            #expect(Self.serving(Self.edge, released) == revision.number, "\(engine)")
            #expect(released.version == waiting.version + 1)
            let actions = try await store.auditEvents().prefix(2).map(\.action)
            #expect(actions.contains("review.approve") || actions.contains { $0.hasPrefix("review") }, "\(actions)")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aRejectedUploadIsNeverReleased(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let revision = try await alice.upload(Self.upload("9.7", confinement: .classic, channels: [Self.edge]), to: Self.hello)
            let before = try await alice.channelMap(of: Self.hello)
            let reviewer = try await store.service(as: Fixture.reviewer)
            _ = try await reviewer.review(Self.hello, revision: revision.number, decision: .reject(reason: "not classic"))
            #expect(try await alice.channelMap(of: Self.hello) == before, "\(engine)")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anUploaderWhoMayNotReleaseIsRefusedBeforeAnythingIsWritten(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let eve = try await store.service(as: Fixture.eve)
            let alice = try await store.service(as: Fixture.alice)
            let count = try await alice.revisions(of: Self.hello, query: RevisionQuery(limit: 100)).items.count
            let refused = await storeError { _ = try await eve.upload(Self.upload("9.8", channels: [Self.edge]), to: Self.hello) }
            #expect(refused != nil, "\(engine)")
            #expect(try await alice.revisions(of: Self.hello, query: RevisionQuery(limit: 100)).items.count == count)
        }
    }

    /// The release is the uploader's request: checked again when a reviewer approves (here the uploader
    /// was suspended meanwhile), and refused at upload for a track the package has not opened.
    @Test(arguments: StoreEngine.allCases)
    func anApprovalReleasesOnlyWhatTheUploaderMayStillRelease(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let closedTrack = await storeError {
                _ = try await alice.upload(Self.upload("9.9", channels: [Channel(track: "never-opened", risk: .edge)]), to: Self.hello)
            }
            #expect(closedTrack?.code == "invalid-channel", "\(engine): \(String(describing: closedTrack))")
            let revision = try await alice.upload(Self.upload("9.10", confinement: .classic, channels: [Self.edge]), to: Self.hello)
            let before = try await alice.channelMap(of: Self.hello)
            let admin = try await store.service(as: Fixture.admin)
            _ = try await admin.suspend(Fixture.alice, reason: "test")
            let reviewer = try await store.service(as: Fixture.reviewer)
            let approved = try await reviewer.review(Self.hello, revision: revision.number, decision: .approve(notes: nil))
            #expect(approved.review.isApproved, "\(engine)")
            #expect(try await admin.channelMap(of: Self.hello).releases == before.releases, "\(engine)")
        }
    }
}


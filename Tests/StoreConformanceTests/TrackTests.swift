import Foundation
import StoreModels
import StoreService
import Testing

/// Opening tracks (admins) and choosing the default one (those who may release).
@Suite("Tracks")
struct TrackTests {
    static let hello = PackageName.fixture("hello")

    @Test(arguments: StoreEngine.allCases)
    func anAdminOpensTracksAndThePublisherMakesOneTheDefault(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let admin = try await store.service(as: Fixture.admin)
            let before = try await admin.package(named: Self.hello).package.tracks
            let opened = try await admin.updateTracks(of: Self.hello, opening: ["9.x", "10.x"], defaultTrack: nil)
            #expect(opened.tracks == before + ["9.x", "10.x"], "\(engine)")
            let alice = try await store.service(as: Fixture.alice)
            let chosen = try await alice.updateTracks(of: Self.hello, opening: [], defaultTrack: "10.x")
            #expect(chosen.defaultTrack == "10.x")
            let read = try await alice.package(named: Self.hello).package
            #expect(read.tracks == before + ["9.x", "10.x"] && read.defaultTrack == "10.x", "\(engine)")
            #expect(try await alice.channelMap(of: Self.hello).orderedTracks.contains("9.x"))
            let events = try await store.auditEvents(AuditQuery(action: "package.tracks"))
            #expect(events.count == 2, "\(engine)")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func publishersCannotOpenTracksAndBadRequestsChangeNothing(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let before = try await alice.package(named: Self.hello).package
            let refused = await storeError { _ = try await alice.updateTracks(of: Self.hello, opening: ["2.x"], defaultTrack: nil) }
            #expect(refused?.code == "permission-denied", "\(engine)")
            let unknown = await storeError { _ = try await alice.updateTracks(of: Self.hello, opening: [], defaultTrack: "nope") }
            #expect(unknown?.code == "bad-argument", "\(engine)")
            let admin = try await store.service(as: Fixture.admin)
            let latest = await storeError { _ = try await admin.updateTracks(of: Self.hello, opening: ["latest"], defaultTrack: nil) }
            #expect(latest?.code == "bad-argument")
            let eve = try await store.service(as: Fixture.eve)
            let stranger = await storeError { _ = try await eve.updateTracks(of: Self.hello, opening: [], defaultTrack: "latest") }
            #expect(stranger?.code == "permission-denied", "\(engine)")
            #expect(try await alice.package(named: Self.hello).package == before)
        }
    }
}

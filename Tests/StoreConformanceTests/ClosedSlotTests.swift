import Foundation
import StoreModels
import StoreService
import Testing

/// A closed channel stays known as closed (not "never released") on every engine and over HTTP,
/// until something is released to it again.
@Suite("Closed channel slots")
struct ClosedSlotTests {
    static let hello = PackageName.fixture("hello")
    static let amd64 = Platform(architecture: .amd64), arm64 = Platform(architecture: .arm64)

    @Test(arguments: StoreEngine.allCases)
    func closingASlotIsRememberedUntilItIsReleasedAgain(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let edge = Channel(risk: .edge)
            let closed = try await alice.apply(ReleasePlan([.close(channels: [edge], platforms: [Self.amd64])]), to: Self.hello, expecting: nil)
            #expect(closed.map.wasClosed(edge, on: Self.amd64))
            var map = try await store.anonymous.channelMap(of: Self.hello)
            #expect(map.wasClosed(edge, on: Self.amd64), "stored with the map")
            #expect(!map.wasClosed(edge, on: Self.arm64), "arm64 still holds its release")
            #expect(!map.wasClosed(Channel(risk: .beta), on: Self.amd64), "beta never held a release: never released")
            #expect(map.closedSlots == closed.map.closedSlots)

            // Another change keeps what was closed; a release to the slot reopens it.
            _ = try await alice.apply(ReleasePlan([.release(revision: 2, channels: [Channel(risk: .candidate)])]), to: Self.hello, expecting: nil)
            map = try await store.anonymous.channelMap(of: Self.hello)
            #expect(map.wasClosed(edge, on: Self.amd64))
            _ = try await alice.apply(ReleasePlan([.release(revision: 2, channels: [edge])]), to: Self.hello, expecting: nil)
            map = try await store.anonymous.channelMap(of: Self.hello)
            #expect(map.closedSlots.isEmpty)
        }
    }
}

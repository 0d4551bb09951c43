import Foundation
import Testing
import StoreModels

@Suite struct ClosedSlotsTests {
    static let amd64 = Platform(architecture: .amd64)
    static let now = Date(timeIntervalSince1970: 1_764_633_600)
    static let revision = Revision(number: 1, version: "1.0", architectures: [.amd64], base: nil, size: 1, sha3_384: "",
                                   createdAt: now, uploader: "alice", confinement: nil, grade: nil, permissions: [], review: .approved(notes: nil))

    func apply(_ plan: ReleasePlan, to map: ChannelMap) throws -> ChannelMap {
        try map.applying(plan, revisions: [1: Self.revision], type: .snap, now: Self.now).map
    }

    @Test func closingKeepsTheSlotUntilAReleaseReopensIt() throws {
        let stable = Channel(risk: .stable), beta = Channel(risk: .beta)
        var map = try apply(ReleasePlan([.release(revision: 1, channels: [stable, beta])]), to: ChannelMap())
        #expect(map.closedSlots.isEmpty)
        map = try apply(ReleasePlan([.close(channels: [beta])]), to: map)
        #expect(map.wasClosed(beta, on: Self.amd64))
        #expect(!map.wasClosed(Channel(risk: .edge), on: Self.amd64), "never released")
        map = try apply(ReleasePlan([.release(revision: 1, channels: [beta])]), to: map)
        #expect(!map.wasClosed(beta, on: Self.amd64))
    }

    @Test func aBranchIsGoneNotClosed() throws {
        let branch = Channel(risk: .edge, branch: "fix")
        var map = try apply(ReleasePlan([.release(revision: 1, channels: [branch])]), to: ChannelMap())
        map = try apply(ReleasePlan([.close(channels: [branch])]), to: map)
        #expect(map.closedSlots.isEmpty)
    }

    @Test func mapsWithoutClosedSlotsStillDecode() throws {
        let old = #"{"releases":[],"tracks":["latest"],"version":3}"#
        let map = try JSONDecoder().decode(ChannelMap.self, from: Data(old.utf8))
        #expect(map.version == 3 && map.closedSlots.isEmpty)
        var closed = map
        closed.closedSlots = [ChannelSlot(channel: Channel(risk: .beta), platform: Self.amd64)]
        let again = try JSONDecoder().decode(ChannelMap.self, from: JSONEncoder().encode(closed))
        #expect(again == closed)
    }
}

import Foundation
import StoreModels
import Testing

/// The snap builders: public info `channel-map`, the publisher v2 channel-map, the dashboard tree.
@Suite struct SnapInfoWireTests {
    static let now = Date(timeIntervalSince1970: 1_699_541_748)  // 2023-11-09T14:55:48Z
    static let amd64 = Platform(architecture: .amd64)
    static let arm64 = Platform(architecture: .arm64)

    static func revision(_ number: Int, _ architectures: [Architecture] = [.amd64, .arm64], base: String? = "core22") -> Revision {
        Revision(
            number: number, version: "2.\(number)", architectures: architectures, base: base, size: 4096,
            sha3_384: String(repeating: "c", count: 96), createdAt: now, uploader: "alice", confinement: .strict,
            grade: .stable)
    }

    static func release(_ channel: String, _ revision: Int, on platform: Platform = amd64, progressive: Int? = nil) throws -> ChannelRelease {
        let channel = try Channel(parsing: channel)
        return ChannelRelease(
            channel: channel, platform: platform, revision: revision, releasedAt: now,
            expiresAt: channel.isBranch ? now.addingTimeInterval(ChannelMap.branchLifetime) : nil,
            progressivePercentage: progressive)
    }

    /// latest/stable r1 on both architectures, latest/edge r2, branch latest/edge/fix r3, 2.0/beta r4,
    /// and a progressive-only latest/candidate r5.
    static func map() throws -> ChannelMap {
        ChannelMap(
            releases: [
                try release("2.0/beta", 4),
                try release("latest/edge/fix", 3),
                try release("latest/edge", 2),
                try release("latest/stable", 1, on: arm64),
                try release("latest/stable", 1),
                try release("latest/candidate", 5, progressive: 30),
            ], tracks: ["latest", "2.0"])
    }

    static let revisions = [revision(1), revision(2), revision(3), revision(4, [.amd64], base: nil), revision(5)]

    @Test func infoListsOnlyChannelsWithTheirOwnReleaseOrderedByTrackRiskArchitecture() throws {
        let entries = SnapInfoChannelMapEntry.entries(of: try Self.map(), revisions: Self.revisions)
        #expect(entries.map(\.channel.name) == ["stable", "stable", "edge", "2.0/beta"])
        #expect(entries.map(\.channel.track) == ["latest", "latest", "latest", "2.0"])
        #expect(entries.map(\.channel.risk) == ["stable", "stable", "edge", "beta"])
        #expect(entries.map(\.channel.architecture) == ["amd64", "arm64", "amd64", "amd64"])
        #expect(entries.map(\.revision.revision) == [1, 1, 2, 4])
    }

    @Test func infoNeverShowsBranchesOrFollowingChannels() throws {
        let names = SnapInfoChannelMapEntry.entries(of: try Self.map(), revisions: Self.revisions).map(\.channel.name)
        #expect(!names.contains { $0.contains("fix") })
        #expect(!names.contains("candidate") && !names.contains("beta"))
    }

    @Test func infoEntryCarriesRevisionFieldsBesideTheChannel() throws {
        let entries = SnapInfoChannelMapEntry.entries(
            of: try Self.map(), revisions: Self.revisions, downloadURL: { "https://store.test/download/\($0.number).snap" })
        let json = try wireJSON(entries)
        let first = try #require(json[0])
        #expect(first.keys == ["architectures", "base", "channel", "confinement", "created-at", "download", "revision", "version"])
        #expect(first["channel"]?.keys == ["architecture", "name", "released-at", "risk", "track"])
        #expect(first["channel"]?["released-at"] == .string("2023-11-09T14:55:48Z"))
        #expect(first["download"]?["url"] == .string("https://store.test/download/1.snap"))
        #expect(first["download"]?["sha3-384"] == .string(String(repeating: "c", count: 96)))
        #expect(first["base"] == .string("core22"))
        #expect(json[3]?["base"] == .null, "a snap without a base writes base: null")
    }

    @Test func infoEntryWithUnknownRevisionCarriesOnlyItsNumber() throws {
        let entries = SnapInfoChannelMapEntry.entries(of: try Self.map(), revisions: [])
        #expect(entries[0].revision == SnapRevisionFields(revision: 1))
    }

    @Test func builtInfoDocumentSurvivesARoundTrip() throws {
        let document = SnapInfoResponse(
            channelMap: SnapInfoChannelMapEntry.entries(of: try Self.map(), revisions: Self.revisions), name: "hello",
            snapID: "id-1", snap: SnapDetails(name: "hello", summary: "Hi", website: .null))
        #expect(try WireCoding.decode(SnapInfoResponse.self, from: WireCoding.encode(document)) == document)
        #expect(try wireJSON(document)["default-track"] == .null)
    }

    @Test func publisherChannelMapListsEntriesRevisionsAndChannels() throws {
        let document = try SnapChannelMapResponse(
            map: Self.map(), revisions: Self.revisions,
            snap: SnapPublisherSnap(name: "hello", tracks: [SnapTrack(name: "latest", status: "default")]))
        #expect(document.channelMap.count == 6)
        #expect(document.revisions.map(\.revision) == [5, 4, 3, 2, 1])
        #expect(document.snap.channels.map(\.name).prefix(5) == [
            "latest/stable", "latest/candidate", "latest/beta", "latest/edge", "latest/edge/fix",
        ])
        let progressive = try #require(document.channelMap.first { $0.revision == 5 })
        #expect(progressive.progressive.percentage == 30)
        let branch = try #require(document.channelMap.first { $0.revision == 3 })
        #expect(branch.expirationDate?.rawValue == "2023-12-09T14:55:48Z")
        let json = try wireJSON(document)
        #expect(json["channel-map"]?[0]?.keys == ["architecture", "channel", "expiration-date", "progressive", "revision", "when"])
        #expect(json["revisions"]?[0]?["created-at"] != nil)
        #expect(try WireCoding.decode(SnapChannelMapResponse.self, from: WireCoding.encode(document)) == document)
    }

    @Test func dashboardTreeMarksSpecificTrackingClosedAndBranches() throws {
        let tree = SnapChannelStatus.tree(of: try Self.map(), revisions: Self.revisions)
        #expect(tree.keys.sorted() == ["2.0", "latest"])
        let amd64 = try #require(tree["latest"]?["16"]?["amd64"])
        #expect(amd64.map(\.channel) == ["stable", "candidate", "beta", "edge", "edge/fix"])
        // candidate holds only a 30 % progressive release: most devices follow stable.
        #expect(amd64.map(\.info) == [.specific, .tracking, .tracking, .specific, .branch])
        #expect(amd64[0] == SnapChannelStatus(channel: "stable", info: .specific, revision: 1, version: "2.1"))
        #expect(amd64[4].expiresAt?.rawValue == "2023-12-09T14:55:48Z")
        let arm64 = try #require(tree["latest"]?["16"]?["arm64"])
        #expect(arm64.map(\.info) == [.specific, .tracking, .tracking, .tracking])
        let beta = try #require(tree["2.0"]?["16"]?["amd64"])
        #expect(beta.map(\.info) == [.closed, .closed, .specific, .tracking])
        let json = try wireJSON(SnapStateResponse(channelMapTree: tree))
        #expect(json["channel_map_tree"]?["latest"]?["16"]?["amd64"]?[2]?.keys == ["channel", "info"])
        #expect(json["channel_map_tree"]?["2.0"]?["16"]?["amd64"]?[0]?["info"] == .string("none"))
    }
}

import Foundation
import StoreModels
import Testing

/// The `GET /v1/charm/{name}/releases` builder, on the map `charmcraft status` was captured with:
/// latest/beta r5, branch latest/edge/hotfix r6, 2.0/stable r7 at 20 %, all on ubuntu 22.04 amd64.
@Suite struct CharmReleasesWireTests {
    static let now = Date(timeIntervalSince1970: 1_637_322_901)  // 2021-11-19T11:55:01Z
    static let jammy = Platform(architecture: .amd64, base: "ubuntu@22.04")

    static func revision(_ number: Int, review: ReviewStatus = .approved(notes: nil)) -> Revision {
        Revision(
            number: number, version: "1.\(number)", architectures: [.amd64], base: "ubuntu@22.04", size: 18_598,
            sha3_384: String(repeating: "ab", count: 48), createdAt: now.addingTimeInterval(-60), uploader: "alice",
            review: review)
    }

    static func channel(_ text: String) throws -> Channel { try Channel(parsing: text) }

    /// The map after releasing through the domain's own plan logic.
    static func plannedMap() throws -> ChannelMap {
        let plan = ReleasePlan([
            .release(revision: 5, channels: [try channel("beta")]),
            .release(revision: 6, channels: [try channel("edge/hotfix")]),
            .release(revision: 7, channels: [try channel("2.0/stable")], progressive: 20),
        ])
        let revisions = Dictionary(uniqueKeysWithValues: [5, 6, 7].map { ($0, revision($0)) })
        return try ChannelMap(tracks: ["latest", "2.0"]).applying(plan, revisions: revisions, type: .charm, now: now).map
    }

    static func document() throws -> CharmReleasesResponse {
        try CharmReleasesResponse(map: plannedMap(), revisions: [5, 6, 7].map { revision($0) })
    }

    @Test func channelsListEveryRiskOfEveryTrackWithTheNextSaferRiskAsFallback() throws {
        let channels = try Self.document().package.channels
        #expect(channels.map(\.name) == [
            "latest/stable", "latest/candidate", "latest/beta", "latest/edge", "latest/edge/hotfix",
            "2.0/stable", "2.0/candidate", "2.0/beta", "2.0/edge",
        ])
        #expect(channels.map(\.fallback) == [
            nil, "latest/stable", "latest/candidate", "latest/beta", "latest/edge",
            nil, "2.0/stable", "2.0/candidate", "2.0/beta",
        ])
        #expect(channels.map(\.track) == ["latest", "latest", "latest", "latest", "latest", "2.0", "2.0", "2.0", "2.0"])
        #expect(channels.map(\.branch) == [nil, nil, nil, nil, "hotfix", nil, nil, nil, nil])
        #expect(channels[4].risk == "edge")
    }

    @Test func tracksWithoutReleasesAreStillListed() throws {
        let document = try CharmReleasesResponse(
            map: Self.plannedMap(), revisions: [5, 6, 7].map { Self.revision($0) }, tracks: ["latest", "2.0", "3.0"])
        #expect(document.package.channels.suffix(4).map(\.name) == ["3.0/stable", "3.0/candidate", "3.0/beta", "3.0/edge"])
    }

    @Test func channelMapHasOneEntryPerReleaseWithBaseParts() throws {
        let entries = try Self.document().channelMap
        #expect(entries.map(\.channel) == ["latest/beta", "latest/edge/hotfix", "2.0/stable"])
        #expect(entries.map(\.revision) == [5, 6, 7])
        #expect(entries.allSatisfy { $0.base == CharmBase(architecture: "amd64", channel: "22.04", name: "ubuntu") })
        #expect(entries.allSatisfy { $0.when.rawValue == "2021-11-19T11:55:01Z" && $0.resources.isEmpty })
    }

    @Test func branchEntryExpiresThirtyDaysAfterReleaseAndOthersWriteNull() throws {
        let document = try Self.document()
        #expect(document.channelMap[1].expirationDate?.rawValue == "2021-12-19T11:55:01Z")
        let json = try wireJSON(document)
        #expect(json["channel-map"]?[0]?["expiration-date"] == .null)
        #expect(json["channel-map"]?[2]?["expiration-date"] == .null)
    }

    @Test func branchWithoutStoredExpiryStillGetsOne() throws {
        let release = ChannelRelease(
            channel: try Self.channel("latest/edge/fix"), platform: Self.jammy, revision: 6, releasedAt: Self.now)
        let entry = CharmChannelMapEntry(release)
        #expect(entry.expirationDate?.rawValue == "2021-12-19T11:55:01Z")
    }

    @Test func progressiveReleaseCarriesItsPercentageAndPlainOnesCarryNulls() throws {
        let json = try wireJSON(Self.document())
        #expect(json["channel-map"]?[2]?["progressive"] == .object(["paused": .bool(false), "percentage": .number(20)]))
        #expect(json["channel-map"]?[0]?["progressive"] == .object(["paused": .null, "percentage": .null]))
    }

    @Test func entriesHaveExactlyTheKeysCharmcraftReads() throws {
        let json = try wireJSON(Self.document())
        #expect(json.keys == ["channel-map", "package", "revisions"])
        #expect(json["channel-map"]?[0]?.keys == [
            "base", "channel", "expiration-date", "progressive", "resources", "revision", "when",
        ])
        #expect(json["channel-map"]?[0]?["base"]?.keys == ["architecture", "channel", "name"])
        #expect(json["package"]?["channels"]?[0]?.keys == ["branch", "fallback", "name", "risk", "track"])
    }

    @Test func revisionsListEveryReleasedRevisionNewestFirstWithDigestAndNullErrors() throws {
        let document = try Self.document()
        #expect(document.revisions.map(\.revision) == [7, 6, 5])
        #expect(document.revisions.allSatisfy { $0.status == "released" && $0.errors == nil })
        #expect(document.revisions.allSatisfy { $0.sha3_384?.count == 96 && $0.size == 18_598 })
        #expect(document.revisions[0].bases == [CharmBase(architecture: "amd64", channel: "22.04", name: "ubuntu")])
        #expect(document.revisions[0].createdAt.rawValue == "2021-11-19T11:54:01Z")
        let json = try wireJSON(document)
        #expect(json["revisions"]?[0]?.keys == [
            "bases", "created-at", "errors", "revision", "sha3-384", "size", "status", "version",
        ])
        #expect(json["revisions"]?[0]?["errors"] == .null)
    }

    @Test func everyChannelMapRevisionAppearsInRevisions() throws {
        let document = try Self.document()
        let listed = Set(document.revisions.map(\.revision))
        #expect(document.channelMap.allSatisfy { listed.contains($0.revision) })
    }

    @Test func unreleasedRevisionsShowTheirReviewWord() throws {
        let document = try CharmReleasesResponse(
            map: Self.plannedMap(),
            revisions: [5, 6, 7].map { Self.revision($0) } + [
                Self.revision(8), Self.revision(9, review: .rejected(reason: "Missing required file: metadata.yaml")),
            ])
        #expect(document.revisions.map(\.status) == ["rejected", "approved", "released", "released", "released"])
        #expect(document.revisions[0].errors == [
            WireError(code: "review-error", message: "Missing required file: metadata.yaml"),
        ])
    }

    @Test func missingReleasedRevisionIsAnError() throws {
        #expect(throws: WireBuildError.missingRevision(6)) {
            try CharmReleasesResponse(map: Self.plannedMap(), revisions: [5, 7].map { Self.revision($0) })
        }
    }

    @Test func platformWithoutNameAtChannelBaseHasNullBase() throws {
        let map = ChannelMap(releases: [
            ChannelRelease(channel: Channel(risk: .stable), platform: Platform(architecture: .arm64), revision: 1,
                           releasedAt: Self.now),
        ])
        let json = try wireJSON(CharmReleasesResponse(map: map, revisions: [Self.revision(1)]))
        #expect(json["channel-map"]?[0]?["base"] == .null)
    }

    @Test func emptyMapStillListsTheLatestTrack() throws {
        let document = try CharmReleasesResponse(map: ChannelMap(), revisions: [])
        #expect(document.channelMap.isEmpty && document.revisions.isEmpty)
        #expect(document.package.channels.map(\.name) == ["latest/stable", "latest/candidate", "latest/beta", "latest/edge"])
    }

    @Test func builtDocumentSurvivesARoundTrip() throws {
        let document = try Self.document()
        #expect(try WireCoding.decode(CharmReleasesResponse.self, from: WireCoding.encode(document)) == document)
    }
}

import Testing
@testable import StoreModels

@Suite struct FollowingTests {
    @Test func betaServesCandidateWhenBetaHasNoRevision() {
        let map = ChannelMap(releases: [Fixture.release("candidate", 4), Fixture.release("stable", 3)])
        let serving = map.serving(Fixture.channel("beta"), on: Fixture.amd64)
        #expect(serving.revision == 4)
        #expect(serving.source == .following(Fixture.channel("candidate")))
        #expect(serving.statusWord == "tracking")
    }

    @Test func edgeFollowsAllTheWayToStable() {
        let map = ChannelMap(releases: [Fixture.release("stable", 3)])
        #expect(map.serving(Fixture.channel("edge"), on: Fixture.amd64).source == .following(Fixture.channel("stable")))
    }

    @Test func channelWithNothingSaferIsClosed() {
        let map = ChannelMap(releases: [Fixture.release("edge", 5)])
        #expect(map.serving(Fixture.channel("beta"), on: Fixture.amd64) == .closed)
        #expect(map.serving(Fixture.channel("edge"), on: Fixture.amd64).source == .own)
    }

    @Test func followingNeverCrossesTracks() {
        let map = ChannelMap(releases: [Fixture.release("stable", 3)], tracks: ["latest", "2.0"])
        #expect(map.serving(Fixture.channel("2.0/edge"), on: Fixture.amd64) == .closed)
    }

    @Test func followingIsPerPlatform() {
        let map = ChannelMap(releases: [Fixture.release("stable", 3, on: Fixture.arm64), Fixture.release("edge", 5)])
        #expect(map.serving(Fixture.channel("beta"), on: Fixture.amd64) == .closed)
        #expect(map.serving(Fixture.channel("beta"), on: Fixture.arm64).revision == 3)
    }

    @Test func branchWithoutReleaseIsClosedAndDoesNotFollow() {
        let map = ChannelMap(releases: [Fixture.release("stable", 3)])
        #expect(map.serving(Fixture.channel("stable/fix"), on: Fixture.amd64) == .closed)
    }

    @Test func progressiveReleaseIsServedBesideThePlainOne() {
        let map = ChannelMap(releases: [Fixture.release("stable", 3), Fixture.release("stable", 4, progressive: 20)])
        let serving = map.serving(Fixture.channel("stable"), on: Fixture.amd64)
        #expect(serving.revision == 3)
        #expect(serving.progressive?.revision == 4)
        #expect(serving.progressive?.progressivePercentage == 20)
    }

    @Test func channelsListFourRisksPerTrackAndOpenBranches() {
        let map = ChannelMap(releases: [Fixture.release("edge/fix", 9)], tracks: ["latest", "2.0"])
        #expect(map.channels.map(\.fullName) == [
            "latest/stable", "latest/candidate", "latest/beta", "latest/edge", "latest/edge/fix",
            "2.0/stable", "2.0/candidate", "2.0/beta", "2.0/edge",
        ])
    }

    @Test func expiredBranchesAreRemoved() {
        var branch = Fixture.release("edge/fix", 9)
        branch.expiresAt = Fixture.now.addingTimeInterval(-1)
        let map = ChannelMap(releases: [branch, Fixture.release("stable", 3)])
        let pruned = map.removingExpiredBranches(at: Fixture.now)
        #expect(pruned.releases.map(\.revision) == [3])
    }

    @Test func upsertKeepsOnePlainAndOneProgressiveEntryPerChannelAndPlatform() {
        var map = ChannelMap()
        map.upsert(Fixture.release("stable", 1))
        map.upsert(Fixture.release("stable", 2))
        map.upsert(Fixture.release("stable", 3, progressive: 10))
        map.upsert(Fixture.release("stable", 4, progressive: 30))
        #expect(map.releases.map(\.revision) == [2, 4])
    }

    @Test func platformDescriptionMatchesCharmcraftStatus() {
        #expect(Platform(architecture: .amd64, base: "ubuntu@22.04").description == "ubuntu 22.04 (amd64)")
        #expect(Platform(architecture: .arm64).description == "arm64")
    }
}

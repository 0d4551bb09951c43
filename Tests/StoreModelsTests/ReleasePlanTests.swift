import Foundation
import Testing
@testable import StoreModels

@Suite struct ReleasePlanTests {
    let revisions = Fixture.revisions(
        Fixture.revision(1), Fixture.revision(2), Fixture.revision(3, [.amd64]),
        Fixture.revision(4, review: .pending), Fixture.revision(5, review: .rejected(reason: "malware")))

    func apply(_ map: ChannelMap, _ ops: ReleasePlan.Operation...) throws(PlanError) -> PlanOutcome {
        try map.applying(ReleasePlan(ops), revisions: revisions, type: .snap, now: Fixture.now)
    }

    @Test func releaseWritesEverySupportedPlatformAndReportsChanges() throws {
        let outcome = try apply(ChannelMap(), .release(revision: 1, channels: [Fixture.channel("stable")]))
        #expect(outcome.released.count == 2)
        #expect(outcome.map.serving(Fixture.channel("stable"), on: Fixture.arm64).revision == 1)
        // stable opens on both platforms, and candidate/beta/edge start following it: 4 channels × 2 platforms.
        #expect(outcome.changes.count == 8)
        #expect(outcome.changes.allSatisfy { $0.before == .closed })
    }

    @Test func applyingBumpsTheVersionOnceAndLeavesTheOriginalUntouched() throws {
        let map = ChannelMap(version: 7)
        let outcome = try apply(map, .release(revision: 1, channels: [Fixture.channel("edge"), Fixture.channel("beta")]))
        #expect(outcome.map.version == 8)
        #expect(map.releases.isEmpty)
    }

    @Test func promoteReleasesWhatTheSourceServesIncludingFollowed() throws {
        let map = ChannelMap(releases: [Fixture.release("candidate", 2), Fixture.release("candidate", 2, on: Fixture.arm64)])
        let outcome = try apply(map, .promote(from: Fixture.channel("beta"), to: Fixture.channel("stable")))
        #expect(outcome.map.serving(Fixture.channel("stable"), on: Fixture.amd64).source == .own)
        #expect(outcome.map.serving(Fixture.channel("stable"), on: Fixture.amd64).revision == 2)
        let changed = Set(outcome.changes.map(\.channel.fullName))
        #expect(changed == ["latest/stable"])
    }

    @Test func promoteFromAnEmptyChannelIsRefused() {
        #expect(throws: PlanError.nothingToPromote(from: Fixture.channel("edge"))) {
            try apply(ChannelMap(), .promote(from: Fixture.channel("edge"), to: Fixture.channel("beta")))
        }
    }

    @Test func closeMakesTheChannelFollowTheSaferRisk() throws {
        let map = ChannelMap(releases: [Fixture.release("stable", 1), Fixture.release("candidate", 2)])
        let outcome = try apply(map, .close(channels: [Fixture.channel("candidate")]))
        let candidate = outcome.map.serving(Fixture.channel("candidate"), on: Fixture.amd64)
        #expect(candidate.source == .following(Fixture.channel("stable")))
        #expect(outcome.closed == [Fixture.channel("candidate")])
        // candidate, beta and edge all move from r2 to r1.
        #expect(outcome.changes.count == 3)
    }

    @Test func unknownRevisionIsRefused() {
        #expect(throws: PlanError.unknownRevision(99)) {
            try apply(ChannelMap(), .release(revision: 99, channels: [Fixture.channel("edge")]))
        }
    }

    @Test func pendingAndRejectedRevisionsAreRefusedWithTheirStatus() {
        #expect(throws: PlanError.revisionNotApproved(4, status: "pending", note: nil)) {
            try apply(ChannelMap(), .release(revision: 4, channels: [Fixture.channel("edge")]))
        }
        #expect(throws: PlanError.revisionNotApproved(5, status: "rejected", note: "malware")) {
            try apply(ChannelMap(), .release(revision: 5, channels: [Fixture.channel("edge")]))
        }
    }

    @Test func releasingToAnUnsupportedArchitectureIsRefused() {
        #expect(throws: PlanError.wrongArchitecture(revision: 3, platform: Fixture.arm64)) {
            try apply(ChannelMap(), .release(revision: 3, channels: [Fixture.channel("edge")], platforms: [Fixture.arm64]))
        }
    }

    @Test func releasingToATrackThatDoesNotExistIsRefused() {
        #expect(throws: PlanError.unknownTrack("9.9", known: ["latest"])) {
            try apply(ChannelMap(), .release(revision: 1, channels: [Fixture.channel("9.9/edge/fix")]))
        }
    }

    @Test func aFailingOperationAppliesNothing() throws {
        let map = ChannelMap(releases: [Fixture.release("stable", 1)])
        #expect(throws: PlanError.self) {
            try apply(map, .release(revision: 2, channels: [Fixture.channel("edge")]), .release(revision: 4, channels: [Fixture.channel("beta")]))
        }
        #expect(map.releases.count == 1)
    }

    @Test func branchReleasesExpireInThirtyDays() throws {
        let outcome = try apply(ChannelMap(), .release(revision: 3, channels: [Fixture.channel("edge/hotfix")]))
        #expect(outcome.released.first?.expiresAt == Fixture.now.addingTimeInterval(30 * 24 * 3600))
    }

    @Test func progressiveReleaseKeepsThePlainRevisionForOthers() throws {
        let map = ChannelMap(releases: [Fixture.release("stable", 1)])
        let outcome = try apply(map, .release(revision: 3, channels: [Fixture.channel("stable")], progressive: 25))
        let serving = outcome.map.serving(Fixture.channel("stable"), on: Fixture.amd64)
        #expect(serving.revision == 1)
        #expect(serving.progressive?.revision == 3)
        #expect(serving.progressive?.progressivePercentage == 25)
    }

    @Test(arguments: [0, 100, -5, 250])
    func progressivePercentageOutOfRangeIsRefused(percentage: Int) {
        #expect(throws: PlanError.invalidPercentage(percentage)) {
            try apply(ChannelMap(), .release(revision: 1, channels: [Fixture.channel("edge")], progressive: percentage))
        }
    }

    @Test func completingAProgressiveReleaseMakesItPlain() throws {
        let map = ChannelMap(releases: [Fixture.release("stable", 1), Fixture.release("stable", 3, progressive: 25)])
        let outcome = try apply(map, .setProgress(channel: Fixture.channel("stable"), percentage: 100))
        let serving = outcome.map.serving(Fixture.channel("stable"), on: Fixture.amd64)
        #expect(serving.revision == 3)
        #expect(serving.progressive == nil)
    }

    @Test func rollingBackAProgressiveReleaseRemovesIt() throws {
        let map = ChannelMap(releases: [Fixture.release("stable", 1), Fixture.release("stable", 3, progressive: 25)])
        let outcome = try apply(map, .setProgress(channel: Fixture.channel("stable"), percentage: 0))
        #expect(outcome.map.releases.map(\.revision) == [1])
    }

    @Test func changingProgressOfAChannelWithoutOneIsRefused() {
        #expect(throws: PlanError.noProgressiveRelease(Fixture.channel("beta"))) {
            try apply(ChannelMap(), .setProgress(channel: Fixture.channel("beta"), percentage: 50))
        }
    }

    @Test func emptyPlanIsRefused() {
        #expect(throws: PlanError.emptyPlan) { try ChannelMap().applying(ReleasePlan(), revisions: [:], type: .snap, now: Fixture.now) }
    }

    @Test func charmsReleasePerBase() throws {
        let charm = Fixture.revision(7, [.amd64], base: "ubuntu@22.04")
        let outcome = try ChannelMap().applying(
            ReleasePlan([.release(revision: 7, channels: [Fixture.channel("edge")])]),
            revisions: [7: charm], type: .charm, now: Fixture.now)
        #expect(outcome.released.map(\.platform) == [Platform(architecture: .amd64, base: "ubuntu@22.04")])
    }

    @Test func errorsExplainWhatToDo() {
        #expect(PlanError.unknownTrack("3.0", known: ["latest"]).description.contains("ask an admin"))
        #expect(PlanError.revisionNotApproved(4, status: "pending", note: nil).description.contains("only approved"))
    }
}

import Foundation
import StoreModels
import Testing

/// ``RefreshResolver``: what a device is served, by the channel map's rules.
@Suite("Refresh resolution")
struct RefreshResolverTests {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)
    static let amd64 = Platform(architecture: .amd64)
    static let arm64 = Platform(architecture: .arm64)

    static func revision(_ number: Int, epoch: Epoch? = nil, architectures: [Architecture] = [.amd64, .arm64]) -> Revision {
        Revision(number: number, version: "1.\(number)", architectures: architectures, size: 100, sha3_384: String(repeating: "a", count: 96),
                 createdAt: now, uploader: "alice", epoch: epoch)
    }

    static func release(_ number: Int, _ channel: String, _ platform: Platform = amd64, progressive: Int? = nil) -> ChannelRelease {
        // swiftlint:disable:next force_try
        ChannelRelease(channel: try! Channel(parsing: channel), platform: platform, revision: number, releasedAt: now, progressivePercentage: progressive)
    }

    /// A snap: stable r1 (amd64, arm64), beta r2 (amd64), 2.0/stable r3, edge/fix r4; default track as given.
    static func package(defaultTrack: String = "latest", extra: [ChannelRelease] = [], revisions more: [Revision] = []) -> RefreshResolver.Package {
        var revisions: [Int: Revision] = [:]
        for revision in [revision(1), revision(2), revision(3), revision(4)] + more { revisions[revision.number] = revision }
        let map = ChannelMap(
            releases: [release(1, "stable"), release(1, "stable", arm64), release(2, "beta"), release(3, "2.0/stable"), release(4, "edge/fix")] + extra,
            tracks: ["latest", "2.0"], version: 5)
        return RefreshResolver.Package(id: "snap-id-1", name: PackageName(trusted: "hello"), type: .snap, defaultTrack: defaultTrack, map: map, revisions: revisions)
    }

    static func served(_ outcome: RefreshResolver.Outcome) -> (Int, String?)? {
        if case .serve(let revision, let channel) = outcome { return (revision.number, channel?.fullName) }
        return nil
    }

    @Test func noChannelIsTheDefaultTracksStableAndARiskAloneIsOnTheDefaultTrack() {
        let ask = RefreshResolver.Ask(kind: .install, architecture: .amd64)
        #expect(Self.served(RefreshResolver.resolve(ask, package: Self.package()))! == (1, "latest/stable"))
        #expect(Self.served(RefreshResolver.resolve(ask, package: Self.package(defaultTrack: "2.0")))! == (3, "2.0/stable"))
        var beta = ask
        beta.channel = "stable"
        #expect(Self.served(RefreshResolver.resolve(beta, package: Self.package(defaultTrack: "2.0")))! == (3, "2.0/stable"))
        beta.channel = "latest/stable"
        #expect(Self.served(RefreshResolver.resolve(beta, package: Self.package(defaultTrack: "2.0")))! == (1, "latest/stable"))
    }

    @Test func aClosedChannelFollowsTheNextSaferRiskAndAClosedBranchItsRisk() {
        var ask = RefreshResolver.Ask(kind: .download, channel: "candidate", architecture: .amd64)
        #expect(Self.served(RefreshResolver.resolve(ask, package: Self.package()))! == (1, "latest/stable"))
        ask.channel = "edge"
        #expect(Self.served(RefreshResolver.resolve(ask, package: Self.package()))! == (2, "latest/beta"))
        ask.channel = "edge/fix"
        #expect(Self.served(RefreshResolver.resolve(ask, package: Self.package()))! == (4, "latest/edge/fix"))
        ask.channel = "beta/gone"
        #expect(Self.served(RefreshResolver.resolve(ask, package: Self.package()))! == (2, "latest/beta"), "a closed branch follows its risk")
    }

    @Test func onlyTheDevicesArchitectureCountsAndMissesSayWhereItIs() {
        let ask = RefreshResolver.Ask(kind: .install, channel: "beta", architecture: .arm64)
        // beta has nothing for arm64: it follows stable, which has r1 for arm64.
        #expect(Self.served(RefreshResolver.resolve(ask, package: Self.package()))! == (1, "latest/stable"))
        let riscv = RefreshResolver.Ask(kind: .install, architecture: .riscv64)
        guard case .failure(let code, _, let releases) = RefreshResolver.resolve(riscv, package: Self.package()) else {
            Issue.record("expected a failure")
            return
        }
        #expect(code == "revision-not-found" && releases.isEmpty, "nothing for riscv64 anywhere")
        let track = RefreshResolver.Ask(kind: .install, channel: "3.0/stable", architecture: .amd64)
        guard case .failure(let missing, _, let available) = RefreshResolver.resolve(track, package: Self.package()) else {
            Issue.record("expected a failure")
            return
        }
        #expect(missing == "revision-not-found" && available.map(\.channel.fullName).contains("latest/stable"))
        let bad = RefreshResolver.Ask(kind: .install, channel: "latest/nope", architecture: .amd64)
        guard case .failure(let invalid, _, _) = RefreshResolver.resolve(bad, package: Self.package()) else { return }
        #expect(invalid == "invalid-channel")
    }

    @Test func theDevicesOwnArchitectureComesBeforeAllAndTheBaseNarrowsThePlatforms() {
        let all = Architecture(rawValue: "all")
        let platform = { (architecture: Architecture, base: String?) in Platform(architecture: architecture, base: base) }
        var revisions: [Int: Revision] = [:]
        for number in 1...5 { revisions[number] = Self.revision(number, architectures: [.amd64, .arm64, all]) }
        // Listed out of order, with a platform repeated in two channels.
        let map = ChannelMap(releases: [
            Self.release(3, "stable", platform(all, "ubuntu@22.04")), Self.release(1, "stable", platform(.amd64, "ubuntu@24.04")),
            Self.release(5, "edge", platform(.amd64, "ubuntu@24.04")), Self.release(2, "stable", platform(.amd64, "ubuntu@22.04")),
            Self.release(4, "stable", platform(.arm64, "ubuntu@20.04")),
        ], tracks: ["latest"], version: 1)
        let package = RefreshResolver.Package(
            id: "charm-id-1", name: PackageName(trusted: "db"), type: .charm, defaultTrack: "latest", map: map, revisions: revisions)
        func served(_ architecture: Architecture, _ base: String?, _ channel: String = "stable") -> Int? {
            Self.served(RefreshResolver.resolve(
                RefreshResolver.Ask(kind: .install, channel: channel, architecture: architecture, base: base), package: package))?.0
        }
        #expect(served(.amd64, nil) == 2, "amd64 before all; bases in order (22.04 before 24.04)")
        #expect(served(.amd64, "ubuntu@24.04") == 1)
        #expect(served(.amd64, "ubuntu@22.04") == 2, "its own architecture, not all, on the same base")
        #expect(served(.arm64, "ubuntu@22.04") == 3, "no arm64 on 22.04: all")
        #expect(served(.arm64, nil) == 4)
        #expect(served(.riscv64, nil) == 3, "only all")
        #expect(served(.amd64, "ubuntu@24.04", "beta") == 1, "beta follows stable on the one platform")
    }

    @Test func aRevisionWinsOverAChannelAndMustBeServable() {
        let ask = RefreshResolver.Ask(kind: .download, channel: "stable", revision: 2, architecture: .amd64)
        #expect(Self.served(RefreshResolver.resolve(ask, package: Self.package()))! == (2, nil))
        var missing = ask
        missing.revision = 9
        guard case .failure(let code, _, _) = RefreshResolver.resolve(missing, package: Self.package()) else { return }
        #expect(code == "revision-not-found")
        var wrongArch = ask
        wrongArch.revision = 5
        let amd64Only = Self.package(revisions: [Self.revision(5, architectures: [.amd64])])
        wrongArch.architecture = .arm64
        guard case .failure(let arch, _, _) = RefreshResolver.resolve(wrongArch, package: amd64Only) else { return }
        #expect(arch == "revision-not-found")
    }

    @Test func aRefreshAtTheResolvedRevisionIsToldItIsCurrent() {
        var ask = RefreshResolver.Ask(kind: .refresh, architecture: .amd64, installedRevision: 1, trackingChannel: "latest/stable", epoch: .zero)
        guard case .current(let revision, _) = RefreshResolver.resolve(ask, package: Self.package()) else {
            Issue.record("expected current")
            return
        }
        #expect(revision.number == 1)
        ask.trackingChannel = "beta"
        #expect(Self.served(RefreshResolver.resolve(ask, package: Self.package()))! == (2, "latest/beta"))
    }

    @Test func aRefreshNeverCrossesAnEpochTheInstalledDataCannotBeReadFrom() {
        // beta r6 is epoch 1 (reads only 1): a device at epoch 0 cannot move to it; 1* (reads 0 and 1) can.
        let strict = Self.package(extra: [Self.release(6, "beta")], revisions: [Self.revision(6, epoch: Epoch(read: [1], write: [1]))])
        let ask = RefreshResolver.Ask(kind: .refresh, channel: "beta", architecture: .amd64, installedRevision: 1, epoch: .zero)
        guard case .failure(let code, let message, _) = RefreshResolver.resolve(ask, package: strict) else {
            Issue.record("expected a failure")
            return
        }
        #expect(code == "revision-not-found" && message.contains("epoch"))
        let migrating = Self.package(extra: [Self.release(6, "beta")], revisions: [Self.revision(6, epoch: try! Epoch(parsing: "1*"))])
        #expect(Self.served(RefreshResolver.resolve(ask, package: migrating))! == (6, "latest/beta"))
        // An install with `"epoch": null` takes any epoch.
        let install = RefreshResolver.Ask(kind: .install, channel: "beta", architecture: .amd64)
        #expect(Self.served(RefreshResolver.resolve(install, package: strict))! == (6, "latest/beta"))
    }

    @Test func aProgressiveReleaseReachesItsShareOfDevicesAndTheSameDeviceAlways() {
        let package = Self.package(extra: [Self.release(5, "stable", progressive: 30)], revisions: [Self.revision(5)])
        var gotProgressive = 0
        for device in 0..<1000 {
            let bucket = ProgressiveBucket.of(deviceKey: "device-\(device)", packageID: package.id)
            #expect(bucket == ProgressiveBucket.of(deviceKey: "device-\(device)", packageID: package.id))
            let ask = RefreshResolver.Ask(kind: .refresh, architecture: .amd64, installedRevision: 1, trackingChannel: "stable", epoch: .zero, bucket: bucket)
            if case .serve(let revision, _) = RefreshResolver.resolve(ask, package: package), revision.number == 5 { gotProgressive += 1 }
        }
        #expect((250...350).contains(gotProgressive), "\(gotProgressive) of 1000 devices got the 30 % release")
        // Without a device key (bucket 99) a device stays on the plain release.
        let anonymous = RefreshResolver.Ask(kind: .install, architecture: .amd64)
        #expect(Self.served(RefreshResolver.resolve(anonymous, package: package))! == (1, "latest/stable"))
    }

    @Test func epochsParseAsSnapdWritesThem() throws {
        #expect(try Epoch(parsing: "0") == .zero)
        #expect(try Epoch(parsing: "3*") == Epoch(read: [2, 3], write: [3]))
        #expect(throws: Epoch.ParseError.self) { try Epoch(parsing: "0*") }
        #expect(throws: Epoch.ParseError.self) { try Epoch(parsing: "-1") }
        #expect(throws: Epoch.ParseError.self) { try Epoch(read: [2, 1], write: [2]).validated() }
        #expect(Epoch(read: [2, 3], write: [3]).description == "3*")
        #expect(Epoch(read: [1], write: [1]).canRead(.zero) == false)
        let wire = try JSONDecoder().decode(SnapEpoch.self, from: Data(#"{"write": [2]}"#.utf8))
        #expect(try wire.domain == Epoch(read: [2], write: [2]))
        #expect(try JSONDecoder().decode(SnapEpoch.self, from: Data(#""1*""#.utf8)).domain == Epoch(read: [0, 1], write: [1]))
    }
}

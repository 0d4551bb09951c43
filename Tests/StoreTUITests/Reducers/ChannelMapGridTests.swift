import Foundation
import Testing
import StoreModels
import StoreService
@testable import StoreTUI

/// The channel map as a matrix: rows of channels, columns of platforms, a highlighted cell.
@Suite struct ChannelMapGridTests {
    static let now = TestCatalogue.now

    /// firefox's shape: two tracks (the default one second in opening order), three architectures.
    static func firefoxLike() -> ChannelMap {
        let platforms = [Architecture.amd64, .arm64, .armhf].map { Platform(architecture: $0) }
        var releases: [ChannelRelease] = []
        for (offset, platform) in platforms.enumerated() {
            releases.append(ChannelRelease(channel: TestCatalogue.channel("esr/stable"), platform: platform, revision: 100 + offset, releasedAt: now))
            releases.append(ChannelRelease(channel: TestCatalogue.channel("stable"), platform: platform, revision: 4100 + offset, releasedAt: now))
            releases.append(ChannelRelease(channel: TestCatalogue.channel("beta"), platform: platform, revision: 4200 + offset, releasedAt: now))
        }
        releases.append(ChannelRelease(channel: TestCatalogue.channel("stable"), platform: platforms[0], revision: 4300, releasedAt: now, progressivePercentage: 30))
        return ChannelMap(releases: releases, tracks: ["esr", "latest"], version: 3)
    }

    @Test func theDefaultTrackComesFirstAndBranchesSitUnderTheirRisk() {
        let grid = ChannelMapGrid(TestCatalogue.channelMap, defaultTrack: "2.0")
        #expect(grid.channels.first?.fullName == "2.0/stable")
        #expect(grid.rows.contains(.gap), "a blank row between the tracks")
        let latest = grid.channels.map(\.fullName).filter { $0.hasPrefix("latest/") }
        #expect(latest == ["latest/stable", "latest/candidate", "latest/beta", "latest/edge", "latest/edge/fix-1"])
    }

    @Test func arrowsMoveBetweenPlatformsAndChannelsWithoutWrapping() {
        var state = TestCatalogue.packageState(tab: .channels)
        #expect(state.package?.highlightedChannel?.platform.architecture == .amd64)
        press(&state, .right)
        #expect(state.package?.highlightedChannel?.platform.architecture == .arm64)
        #expect(state.package?.highlightedChannel?.channel.fullName == "latest/stable")
        press(&state, .right)
        #expect(state.package?.highlightedChannel?.platform.architecture == .arm64, "the last column stops the move")
        press(&state, .down)
        #expect(state.package?.highlightedChannel?.channel.fullName == "latest/candidate")
        #expect(state.package?.highlightedChannel?.platform.architecture == .arm64, "a row move keeps the column")
        press(&state, .left)
        #expect(state.package?.highlightedChannel?.platform.architecture == .amd64)
        #expect(state.route == .package(TestCatalogue.name("hello-world")), "left moves a column here, it does not go back")
        press(&state, .escape)
        #expect(state.route == .search)
    }

    @Test func leftStillGoesBackFromTheOtherTabs() {
        var state = TestCatalogue.packageState(tab: .revisions)
        press(&state, .left)
        #expect(state.route == .search)
    }

    @Test func threeArchitecturesFitEightyColumnsWithEveryRevisionWhole() {
        var state = TestCatalogue.packageState(tab: .channels, width: 80, height: 24)
        state.package?.channelMap.value = Self.firefoxLike()
        let lines = rendered(state).textDump().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[state.layout.header.y]
        #expect(header.contains("amd64") && header.contains("arm64") && header.contains("armhf"))
        for revision in [4100, 4101, 4102, 4200, 4201, 4202, 100, 101, 102] {
            #expect(lines.contains { $0.contains("r\(revision)") }, "r\(revision) is shown whole at 80 columns")
        }
        #expect(lines.contains { $0.contains("→r4300 30%") })
        #expect(lines.contains { $0.hasPrefix(" esr/stable") })
    }

    @Test func aCellCutsTheVersionNeverTheRevision() {
        let serving = Serving(source: .own, release: ChannelRelease(channel: TestCatalogue.channel("stable"), platform: Platform(architecture: .amd64),
                                                                    revision: 12345, releasedAt: Self.now), progressive: nil)
        let text = ChannelMapView.cell(serving, channel: TestCatalogue.channel("stable"), versions: [12345: "128.0.3-build7"], now: Self.now, width: 12)
        #expect(text.hasSuffix("r12345"))
        #expect(text.count <= 12)
        #expect(text.contains("…"))
    }
}

@Suite struct ClosedOrNeverReleasedTests {
    @Test func aClosedCellReadsClosedAndAnEmptyOneNeverReleased() {
        var map = TestCatalogue.channelMap
        let arm = Platform(architecture: .arm64)
        map.closedSlots = [ChannelSlot(channel: TestCatalogue.channel("2.0/beta"), platform: arm)]
        let closed = ChannelMapView.detail(ChannelTarget(channel: TestCatalogue.channel("2.0/beta"), platform: arm),
                                           map: map, versions: [:], now: TestCatalogue.now)
        let never = ChannelMapView.detail(ChannelTarget(channel: TestCatalogue.channel("2.0/candidate"), platform: arm),
                                          map: map, versions: [:], now: TestCatalogue.now)
        #expect(closed.hasSuffix(": closed"))
        #expect(never.hasSuffix(": never released"))
        #expect(ChannelMapView.cell(map.serving(TestCatalogue.channel("2.0/beta"), on: arm), channel: TestCatalogue.channel("2.0/beta"),
                                    versions: [:], now: TestCatalogue.now, width: 10, wasClosed: true) == "–")
        #expect(ChannelMapView.cell(map.serving(TestCatalogue.channel("2.0/stable"), on: arm), channel: TestCatalogue.channel("2.0/stable"),
                                    versions: [:], now: TestCatalogue.now, width: 10, wasClosed: false) == "·")
        let serving = map.serving(TestCatalogue.channel("2.0/beta"), on: arm)
        #expect(ReleasePreviewLines.describe(serving, versions: [:], slot: ChannelSlot(channel: TestCatalogue.channel("2.0/stable"), platform: arm), in: map) == "never released")
        #expect(ReleasePreviewLines.describe(serving, versions: [:], slot: ChannelSlot(channel: TestCatalogue.channel("2.0/beta"), platform: arm), in: map) == "closed")
    }
}

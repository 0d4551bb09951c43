import Foundation
import Testing
import StoreModels

/// A release read back from PostgreSQL (microseconds) and from the JSON history (seconds as a
/// double) is the same release: a stale-map refusal must not list it as changed.
@Suite struct ChannelMapDifferencesPrecisionTests {
    @Test func releaseTimesThatDifferBelowAMicrosecondAreNoChange() throws {
        let channel = try Channel(parsing: "latest/candidate")
        let platform = Platform(architecture: .amd64)
        let time = Date(timeIntervalSince1970: 1_764_633_600.123_456_7)
        let rounded = Date(timeIntervalSince1970: 1_764_633_600.123_457)
        let json = ChannelMap(releases: [ChannelRelease(channel: channel, platform: platform, revision: 7, releasedAt: time)], version: 4)
        let database = ChannelMap(releases: [ChannelRelease(channel: channel, platform: platform, revision: 7, releasedAt: rounded)], version: 6)
        #expect(json.differences(to: database).isEmpty)
        let moved = ChannelMap(releases: [ChannelRelease(channel: channel, platform: platform, revision: 8, releasedAt: rounded)], version: 6)
        #expect(json.differences(to: moved).map(\.channel).contains(channel), "another revision is a change")
        let rereleased = ChannelMap(releases: [ChannelRelease(channel: channel, platform: platform, revision: 7,
                                                              releasedAt: time.addingTimeInterval(1))], version: 6)
        #expect(json.differences(to: rereleased).map(\.channel).contains(channel), "a release one second later is a change")
    }

    @Test func timesEitherSideOfAHalfMicrosecondAreNoChange() throws {
        let channel = try Channel(parsing: "latest/edge")
        let platform = Platform(architecture: .amd64)
        let below = Date(timeIntervalSince1970: 1_764_633_600.000_000_4)
        let above = Date(timeIntervalSince1970: 1_764_633_600.000_000_6)
        let json = ChannelMap(releases: [ChannelRelease(channel: channel, platform: platform, revision: 3, releasedAt: below)], version: 1)
        let database = ChannelMap(releases: [ChannelRelease(channel: channel, platform: platform, revision: 3, releasedAt: above)], version: 2)
        #expect(json.differences(to: database).isEmpty, "rounding each to the microsecond would part these")
    }
}

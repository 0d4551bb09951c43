import Testing
import StoreModels
@testable import StoreTUI

/// Channel completion in the release form matches any part of a channel, and fuzzily (issue #13:
/// `be` Tab jumped away, `st` offered nothing, branches came without their track, `esr/*` never).
@Suite struct ChannelCompletionTests {
    static let map = ChannelMap(releases: [
        ChannelRelease(channel: Channel(track: "latest", risk: .candidate, branch: "fix-2201"), platform: Platform(architecture: .amd64),
                       revision: 3, releasedAt: TestCatalogue.now),
    ], tracks: ["latest", "esr"])

    static func completions(_ typed: String) -> [String] {
        var field = FormState.Field("Channels", options: PublishReducer.channelOptions(map, tracks: ["latest", "esr"]), isList: true,
                                    matchesParts: true)
        field.text = typed
        return field.completions
    }

    @Test func aRiskPrefixFindsItInEveryTrack() {
        #expect(Array(Self.completions("be").prefix(2)) == ["latest/beta", "esr/beta"])
        #expect(Self.completions("st").first == "latest/stable")
        #expect(Self.completions("latest/st") == ["latest/stable"])
    }

    @Test func branchesComeWithTheirTrackAndEveryTrackIsOffered() {
        #expect(Self.completions("fix") == ["latest/candidate/fix-2201"])
        #expect(Self.completions("esr").count == 4)
        #expect(Self.completions("latest/stable, e").contains("latest/edge"))
    }

    @Test func lettersInOrderMatchWhenNothingElseDoes() {
        #expect(Self.completions("lcf") == ["latest/candidate/fix-2201"])
        #expect(Self.completions("zz").isEmpty)
    }
}

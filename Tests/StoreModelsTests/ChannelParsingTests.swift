import Testing
@testable import StoreModels

@Suite struct ChannelParsingTests {
    @Test(arguments: [
        ("stable", "latest/stable"),
        ("candidate", "latest/candidate"),
        ("beta", "latest/beta"),
        ("edge", "latest/edge"),
        ("latest/stable", "latest/stable"),
        ("edge/hotfix-1", "latest/edge/hotfix-1"),
        ("2.0", "2.0/stable"),
        ("2.0/beta", "2.0/beta"),
        ("2.0/beta/fix.1", "2.0/beta/fix.1"),
        ("latest/edge/fix", "latest/edge/fix"),
        ("1_x", "1_x/stable"),
    ])
    func parsesShortAndFullForms(text: String, full: String) throws {
        #expect(try Channel(parsing: text).fullName == full)
    }

    @Test func shortAndFullFormsAreTheSameChannel() throws {
        #expect(try Channel(parsing: "stable") == Channel(parsing: "latest/stable"))
        #expect(try Channel(parsing: "edge/x") == Channel(parsing: "latest/edge/x"))
    }

    @Test func shortNameDropsLatestOnly() throws {
        #expect(try Channel(parsing: "latest/stable").shortName == "stable")
        #expect(try Channel(parsing: "latest/edge/fix").shortName == "edge/fix")
        #expect(try Channel(parsing: "2.0/stable").shortName == "2.0/stable")
    }

    @Test func emptyStringIsRejected() {
        #expect(throws: ChannelParseError.empty) { try Channel(parsing: "") }
    }

    @Test(arguments: ["latest//edge", "/edge", "edge/", "latest/stable/"])
    func emptyComponentsAreRejected(text: String) {
        #expect {
            try Channel(parsing: text)
        } throws: { error in
            if case .emptyComponent = error as? ChannelParseError { return true }
            return false
        }
    }

    @Test func fourComponentsAreRejected() {
        #expect(throws: ChannelParseError.tooManyComponents("1.0/stable/fix/extra")) {
            try Channel(parsing: "1.0/stable/fix/extra")
        }
    }

    @Test(arguments: ["latest/unstable", "2.0/production", "2.0/stabel/fix"])
    func unknownRiskInTrackFormIsNamed(text: String) {
        #expect {
            try Channel(parsing: text)
        } throws: { error in
            guard case .unknownRisk(let word, let whole) = error as? ChannelParseError else { return false }
            return whole == text && !word.isEmpty && (error as? ChannelParseError)?.description.contains("is not a risk") == true
        }
    }

    @Test(arguments: ["-2.0", "2.0-", "a..b", "trä", "with space", String(repeating: "a", count: 29)])
    func invalidTracksAreRejected(track: String) {
        #expect {
            try Channel(parsing: "\(track)/stable")
        } throws: { error in
            if case .invalidTrack = error as? ChannelParseError { return true }
            return false
        }
    }

    @Test func trackOfTwentyEightCharactersIsAccepted() throws {
        let track = String(repeating: "a", count: 28)
        #expect(try Channel(parsing: "\(track)/edge").track == track)
    }

    @Test(arguments: ["edge/fix_1", "edge/-x", "edge/x--y", "edge/\u{1B}[2J"])
    func invalidBranchesAreRejected(text: String) {
        #expect {
            try Channel(parsing: text)
        } throws: { error in
            if case .invalidBranch = error as? ChannelParseError { return true }
            return false
        }
    }

    @Test func risksAreOrderedSafestFirst() {
        #expect(Risk.stable < .candidate && Risk.candidate < .beta && Risk.beta < .edge)
        #expect(Risk.edge.safer == .beta)
        #expect(Risk.stable.safer == nil)
    }

    @Test func fallbackGoesToSaferRiskAndBranchesToTheirRisk() throws {
        #expect(try Channel(parsing: "2.0/edge").fallback == Channel(parsing: "2.0/beta"))
        #expect(try Channel(parsing: "stable").fallback == nil)
        #expect(try Channel(parsing: "stable/fix").fallback == Channel(parsing: "latest/stable"))
    }

    @Test func channelsSortLatestFirstThenTrackThenRisk() throws {
        let sorted = try ["2.0/edge", "edge", "2.0/stable", "stable", "stable/fix"].map(Channel.init(parsing:)).sorted()
        #expect(sorted.map(\.fullName) == ["latest/stable", "latest/stable/fix", "latest/edge", "2.0/stable", "2.0/edge"])
    }

    @Test func channelRoundTripsThroughJSONInFullForm() throws {
        let channel = try Channel(parsing: "edge/fix")
        let data = try JSONEncoder().encode([channel])
        #expect(String(decoding: data, as: UTF8.self) == #"["latest\/edge\/fix"]"#)
        #expect(try JSONDecoder().decode([Channel].self, from: data) == [channel])
    }
}

import Foundation

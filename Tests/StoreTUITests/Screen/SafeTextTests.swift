import Testing
@testable import StoreTUI

struct SafeTextTests {
    /// Whether any scalar could drive a terminal: C0, DEL or C1.
    static func hasTerminalControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    @Test func printableASCIIPassesThroughUnchanged() {
        let text = SafeText(untrusted: "hello-world 1.0")
        #expect(text.string == "hello-world 1.0")
        #expect(text.width == 15)
        #expect(text.isASCII)
    }

    @Test(arguments: Array(UInt32(0)...0x1F) + [0x7F] + Array(UInt32(0x80)...0x9F))
    func everyControlBecomesVisible(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let text = SafeText(untrusted: "a" + String(Character(scalar)) + "b")
        #expect(!Self.hasTerminalControl(text.string))
        #expect(text.string.hasPrefix("a") && text.string.hasSuffix("b"))
        #expect(text.width >= 3)
    }

    @Test func controlsBecomeTheirPictures() {
        #expect(SafeText(untrusted: "\u{1B}").string == "␛")
        #expect(SafeText(untrusted: "\u{0}").string == "␀")
        #expect(SafeText(untrusted: "\u{7}").string == "␇")
        #expect(SafeText(untrusted: "\u{7F}").string == "␡")
        #expect(SafeText(untrusted: "\u{9B}").string == "\u{FFFD}")
        #expect(SafeText(untrusted: "a\tb").string == "a b")
        #expect(SafeText(untrusted: "a\nb").string == "a␤b")
        #expect(SafeText(untrusted: "a\rb").string == "a␍b")
        #expect(SafeText(untrusted: "a\r\nb").string == "a␍␤b")
    }

    @Test(arguments: ["\u{1B}]52;c;SGVsbG8=\u{07}", "\u{1B}[2J", "\u{9B}31m", "\u{1B}]0;title\u{1B}\\", "\u{90}q\u{9C}",
                      "\u{1B}[6n", "\u{1B}c", "\u{1B}]8;;http://evil\u{7}click\u{1B}]8;;\u{7}", "ok\rEVIL"])
    func escapeSequencesLoseTheirControls(_ attack: String) {
        let text = SafeText(untrusted: attack)
        #expect(!Self.hasTerminalControl(text.string))
        #expect(!text.string.unicodeScalars.contains("\u{1B}"))
        #expect(!text.string.unicodeScalars.contains("\u{7}"))
    }

    @Test func osc52ShowsAsVisibleText() {
        #expect(SafeText(untrusted: "\u{1B}]52;c;SGVsbG8=\u{07}").string == "␛]52;c;SGVsbG8=␇")
        #expect(SafeText(untrusted: "\u{9B}31m").string == "\u{FFFD}31m")
    }

    @Test(arguments: [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C] as [UInt32])
    func bidiControlsAreNeutralised(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let text = SafeText(untrusted: "admin" + String(Character(scalar)) + "txt.exe")
        #expect(!text.string.unicodeScalars.contains(scalar))
        #expect(text.string == "admin\u{FFFD}txt.exe")
    }

    @Test func trojanSourceLineShowsEveryOverride() {
        let text = SafeText(untrusted: "access\u{202E}\u{2066}// check\u{2069}\u{2066}")
        #expect(text.string == "access\u{FFFD}\u{FFFD}// check\u{FFFD}\u{FFFD}")
    }

    @Test func invisibleFormatCharactersAreDropped() {
        #expect(SafeText(untrusted: "pay\u{200B}pal").string == "paypal")
        #expect(SafeText(untrusted: "pay\u{200C}pal\u{2060}\u{FEFF}").string == "paypal")
        #expect(SafeText(untrusted: "soft\u{AD}hyphen").string == "softhyphen")
        #expect(SafeText(untrusted: "a\u{200D}b").string == "ab")
        #expect(SafeText(untrusted: "\u{3164}\u{115F}\u{FFA0}").isEmpty)
    }

    @Test func tagCharactersAreDroppedOutsideFlags() {
        #expect(SafeText(untrusted: "hi\u{E0041}\u{E0042}\u{E007F}").string == "hi")
        let scotland = "🏴󠁧󠁢󠁳󠁣󠁴󠁿"
        #expect(SafeText(untrusted: scotland).string.unicodeScalars.elementsEqual(scotland.unicodeScalars))
    }

    @Test(arguments: ["👩‍💻", "🏳️‍🌈", "👨‍👩‍👧‍👦", "❤️‍🔥", "🧑🏽‍💻", "1️⃣", "👍🏽"])
    func emojiSequencesSurviveIntact(_ emoji: String) {
        let text = SafeText(untrusted: emoji)
        #expect(text.string.unicodeScalars.elementsEqual(emoji.unicodeScalars))
        #expect(text.width == 2)
    }

    @Test func lineSeparatorsBecomeSpaces() {
        #expect(SafeText(untrusted: "a\u{2028}b\u{2029}c").string == "a b c")
    }

    @Test func loneCombiningMarkGetsADottedCircle() {
        let text = SafeText(untrusted: "\u{301}x")
        #expect(text.string == "\u{25CC}\u{301}x")
        #expect(text.width == 2)
    }

    @Test func loneSkinToneAndLoneJamoAreDropped() {
        #expect(SafeText(untrusted: "\u{1F3FD}a").string == "a")
        #expect(SafeText(untrusted: "x\u{1F3FD}").string == "x")
        #expect(SafeText(untrusted: "\u{1161}a").string == "a")
    }

    @Test func combiningStormIsCut() throws {
        let text = SafeText(untrusted: "Z" + String(repeating: "\u{301}\u{316}", count: 200) + "!")
        let first = try #require(text.string.first)
        #expect(text.string.count == 2)
        #expect(first.unicodeScalars.count == 1 + SafeText.maxCombiningMarks)
        #expect(text.width == 2)
    }

    @Test(arguments: [
        String(repeating: "\u{111C2}", count: 30) + String(repeating: "🇫", count: 25) + "abc",
        String(repeating: "\u{0D4E}", count: 40) + "\u{1B}abc",
        String(repeating: "\u{0915}\u{094D}", count: 30) + "abc",
        String(repeating: "\u{1100}", count: 50) + "abc",
    ])
    func graphemeStormsAreCutWithoutSwallowingWhatFollows(_ storm: String) {
        let text = SafeText(untrusted: storm)
        #expect(text.string.hasSuffix("abc"))
        #expect(text.string.allSatisfy { $0.unicodeScalars.count <= SafeText.maxScalarsPerGrapheme })
        #expect(SafeText(untrusted: text.string).string.unicodeScalars.elementsEqual(text.string.unicodeScalars))
    }

    @Test func noncharactersBecomeReplacementCharacters() throws {
        let scalar = try #require(Unicode.Scalar(0xFFFE as UInt32))
        #expect(SafeText(untrusted: "a" + String(Character(scalar))).string == "a\u{FFFD}")
    }

    @Test func invalidUTF8BytesAreReplaced() {
        #expect(SafeText(untrustedBytes: [0x66, 0xFF, 0x6F]).string == "f\u{FFFD}o")
        #expect(SafeText(untrustedBytes: [0xC0, 0x80]).string.unicodeScalars.allSatisfy { $0 == "\u{FFFD}" })
        #expect(SafeText(untrustedBytes: [0x1B, 0x5B, 0x32, 0x4A]).string == "␛[2J")
        #expect(SafeText(untrustedBytes: [0xC2, 0x9B]).string == "\u{FFFD}")
        #expect(SafeText(untrustedBytes: Array("蛇".utf8)).string == "蛇")
    }

    @Test func trustedTextIsStillSanitized() {
        #expect(SafeText(trusted: "Search").string == "Search")
        #expect(SafeText(trusted: "a\u{1B}b").string == "a␛b")
    }

    @Test func longTextIsCappedAtTheGraphemeLimit() {
        let text = SafeText(untrusted: String(repeating: "a", count: 10_000))
        #expect(text.width == SafeText.maxGraphemes)
        let mixed = SafeText(untrusted: String(repeating: "蛇\u{1B}", count: 10_000))
        #expect(mixed.string.count == SafeText.maxGraphemes)
    }

    @Test(arguments: [10_000, 100_000])
    func hugeHostileTextIsQuick(_ length: Int) {
        var random = ScreenTestRandom(seed: UInt64(length))
        var input = ""
        while input.unicodeScalars.count < length { input += HostileText.string(using: &random, maxPieces: 64) }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<5 { _ = SafeText(untrusted: input) }
        }
        #expect(elapsed < .seconds(2), "5 sanitizations of \(length) scalars took \(elapsed)")
    }

    @Test func appendingSanitizesTheJoin() {
        let joined = SafeText(untrusted: "🇫").appending(SafeText(untrusted: "🇷"))
        #expect(joined.string == "FR")
        #expect(joined.width == 2)
        #expect(SafeText(untrusted: "a").appending(SafeText(untrusted: "\u{1B}")).string == "a␛")
    }

    @Test func graphemesCarryTheirWidths() {
        let graphemes = SafeText(untrusted: "a蛇👩‍💻").graphemes
        #expect(graphemes.map(\.width) == [1, 2, 2])
        #expect(graphemes.map(\.character) == ["a", "蛇", "👩‍💻"])
    }
}

/// Flags: pairs of regional indicators, whose width terminals disagree on.
@Suite struct RegionalIndicatorTests {
    @Test func flagsAreDrawnAsTheirLettersSoEveryTerminalAgreesOnTheWidth() {
        let flags = SafeText(untrusted: "🇺🇦🇯🇵 ok")
        #expect(flags.string == "UAJP ok")
        #expect(flags.width == 7)
        let lone = SafeText(untrusted: "x🇺y")
        #expect(lone.string == "xUy" && lone.width == 3)
    }
}

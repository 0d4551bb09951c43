import Testing
@testable import StoreTUI

struct SafeTextLinesTests {
    @Test func splitsOnEveryKindOfNewline() {
        let lines = SafeText.lines(untrusted: "one\ntwo\r\nthree\u{2028}four\u{2029}five")
        #expect(lines.map(\.string) == ["one", "two", "three", "four", "five"])
    }

    @Test func keepsEmptyLinesAndShowsLoneCarriageReturns() {
        #expect(SafeText.lines(untrusted: "a\n\nb").map(\.string) == ["a", "", "b"])
        #expect(SafeText.lines(untrusted: "ok\rEVIL").map(\.string) == ["ok␍EVIL"])
        #expect(SafeText.lines(untrusted: "").map(\.string) == [""])
        #expect(SafeText.lines(untrusted: "end\n").map(\.string) == ["end", ""])
    }

    @Test func linesAreSanitized() {
        let lines = SafeText.lines(untrusted: "\u{1B}[2Jtitle\n\u{202E}body")
        #expect(lines.map(\.string) == ["␛[2Jtitle", "\u{FFFD}body"])
    }

    @Test func stopsAtMaxLines() {
        let lines = SafeText.lines(untrusted: String(repeating: "x\n", count: 100_000), maxLines: 50)
        #expect(lines.count == 50)
    }

    @Test func wrapsAtSpaces() {
        let lines = SafeText(untrusted: "the quick brown fox jumps").wrapped(toWidth: 10)
        #expect(lines.map(\.string) == ["the quick", "brown fox", "jumps"])
    }

    @Test func breaksWordsLongerThanTheWidth() {
        let lines = SafeText(untrusted: "abcdefghij klm").wrapped(toWidth: 4)
        #expect(lines.map(\.string) == ["abcd", "efgh", "ij", "klm"])
    }

    @Test func wrapsWideCharactersWithoutSplittingThem() {
        let lines = SafeText(untrusted: "日本語のテキスト").wrapped(toWidth: 5)
        #expect(lines.map(\.string) == ["日本", "語の", "テキ", "スト"])
        #expect(lines.allSatisfy { $0.width <= 5 })
    }

    @Test func graphemeWiderThanTheWidthBecomesAnEllipsis() {
        #expect(SafeText(untrusted: "蛇a").wrapped(toWidth: 1).map(\.string) == ["…", "a"])
    }

    @Test func emptyTextIsOneEmptyLineAndNoWidthIsNoLines() {
        #expect(SafeText.empty.wrapped(toWidth: 10).map(\.string) == [""])
        #expect(SafeText(untrusted: "abc").wrapped(toWidth: 0).isEmpty)
    }

    @Test func wrappedUntrustedKeepsParagraphs() {
        let lines = SafeText.wrapped(untrusted: "aaa bbb\n\nccc", width: 3)
        #expect(lines.map(\.string) == ["aaa", "bbb", "", "ccc"])
        #expect(SafeText.wrapped(untrusted: "a b c d e f", width: 1, maxLines: 3).count == 3)
    }

    @Test func wrappedLinesNeverExceedTheWidthAndKeepEveryVisibleGrapheme() {
        var random = ScreenTestRandom(seed: 99)
        for _ in 0..<300 {
            let text = SafeText(untrusted: HostileText.string(using: &random))
            for width in 2...9 {
                let lines = text.wrapped(toWidth: width)
                #expect(lines.allSatisfy { $0.width <= width && $0.width == DisplayWidth.of($0.string) })
                let kept = lines.map { $0.string.filter { $0 != " " } }.joined()
                #expect(kept == text.string.filter { $0 != " " })
            }
        }
    }
}

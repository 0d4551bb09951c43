import Testing
@testable import StoreTUI

struct SafeTextTruncationTests {
    @Test func textThatFitsIsUnchanged() {
        let text = SafeText(untrusted: "hello")
        #expect(text.truncated(toWidth: 5) == text)
        #expect(text.truncated(toWidth: 80) == text)
    }

    @Test func asciiIsCutWithAnEllipsis() {
        let cut = SafeText(untrusted: "hello world").truncated(toWidth: 6)
        #expect(cut.string == "hello…")
        #expect(cut.width == 6)
    }

    @Test func wideCharacterIsNeverSplit() {
        let cut = SafeText(untrusted: "蛇蛇蛇").truncated(toWidth: 4)
        #expect(cut.string == "蛇…")
        #expect(cut.width == 3)
        #expect(SafeText(untrusted: "蛇蛇").truncated(toWidth: 2).string == "…")
    }

    @Test func zeroOrNegativeLimitGivesEmptyText() {
        #expect(SafeText(untrusted: "abc").truncated(toWidth: 0).isEmpty)
        #expect(SafeText(untrusted: "abc").truncated(toWidth: -3).isEmpty)
        #expect(SafeText(untrusted: "abc").truncated(toWidth: 1).string == "…")
    }

    @Test func truncationNeverExceedsTheLimit() {
        var random = ScreenTestRandom(seed: 7)
        for _ in 0..<300 {
            let text = SafeText(untrusted: HostileText.string(using: &random))
            for limit in 0...12 {
                let cut = text.truncated(toWidth: limit)
                #expect(cut.width <= max(limit, 0))
                #expect(cut.width == DisplayWidth.of(cut.string))
                if text.width <= limit { #expect(cut == text) }
                if text.width > limit && limit > 0 {
                    #expect(cut.string.hasSuffix("…"))
                    #expect(text.string.hasPrefix(cut.string.dropLast()))
                }
            }
        }
    }
}

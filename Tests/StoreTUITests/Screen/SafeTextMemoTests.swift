import Testing
@testable import StoreTUI

/// ``SafeTextMemo``: a kept line is exactly the line sanitized afresh, and the memo stays small.
struct SafeTextMemoTests {
    static let lines = [
        "Hyun Fernández", "Canonical ✓", "–", "e\u{301}\u{301}\u{301}", "\u{1B}[31mred\u{1B}[0m é", "a\u{202E}b é", "日本語のスナップ",
        "👩‍👩‍👧‍👦 family", "tab\tand\nnewline é", "\u{85}C1 é", "a" + String(repeating: "\u{300}", count: 40), "🇺🇸🇺", "\u{AD}soft é",
    ]

    @Test func aLineDrawnAgainIsTheLineSanitizedAfresh() {
        for line in Self.lines {
            let fresh = SafeText.sanitizingUnicode(Substring(line))
            #expect(SafeText(untrusted: line) == fresh, "first: \(line.debugDescription)")
            #expect(SafeText(untrusted: line) == fresh, "kept: \(line.debugDescription)")
        }
    }

    @Test func aSliceIsKeptByItsTextAlone() {
        let memo = SafeTextMemo(capacity: 16)
        let whole = "prefix é suffix"
        let slice = whole[whole.index(whole.startIndex, offsetBy: 7)...]
        #expect(memo.text(slice, sanitize: SafeText.sanitizingUnicode) == SafeText.sanitizingUnicode("é suffix"))
        var calls = 0
        let again = memo.text("é suffix", sanitize: { calls += 1; return SafeText.sanitizingUnicode($0) })
        #expect(calls == 0, "the same text, from a string of its own, is found")
        #expect(again.string == "é suffix")
    }

    @Test func theMemoIsEmptiedWhenFullAndLongLinesAreNotKept() {
        let memo = SafeTextMemo(capacity: 8)
        for index in 0..<20 { _ = memo.text(Substring("é \(index)"), sanitize: SafeText.sanitizingUnicode) }
        #expect(memo.count <= 8)
        #expect(memo.count > 0)
        let before = memo.count
        let long = String(repeating: "é", count: SafeTextMemo.maxKeyBytes)
        #expect(memo.text(Substring(long), sanitize: SafeText.sanitizingUnicode) == SafeText.sanitizingUnicode(Substring(long)))
        #expect(memo.count == before, "a line over \(SafeTextMemo.maxKeyBytes) bytes is sanitized each time, not kept")
    }
}

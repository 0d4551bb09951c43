import Testing
@testable import StoreTUI

struct ScreenBufferTests {
    static let accent = Style(foreground: .ansi(2), attributes: .bold)

    @Test func newBufferIsBlank() {
        let buffer = ScreenBuffer(width: 3, height: 2)
        #expect(buffer.cells.count == 6)
        #expect(buffer.cells.allSatisfy { $0 == .blank })
        #expect(buffer.textDump() == "   \n   ")
        #expect(ScreenBuffer(width: -1, height: 5).cells.isEmpty)
    }

    @Test func writesASCIIAndReturnsColumnsUsed() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        let used = buffer.write(SafeText(untrusted: "hello"), x: 2, y: 0, style: Self.accent)
        #expect(used == 5)
        #expect(buffer.textDump() == "  hello   ")
        #expect(buffer[x: 2, y: 0] == Cell(text: "h", width: 1, style: Self.accent))
        #expect(buffer[x: 7, y: 0] == .blank)
    }

    @Test func clipsAtTheRightEdge() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        #expect(buffer.write(SafeText(untrusted: "abcdefgh"), x: 2, y: 0, style: .plain) == 3)
        #expect(buffer.textDump() == "  abc")
    }

    @Test func clipsToMaxWidth() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        #expect(buffer.write(SafeText(untrusted: "abcdef"), x: 1, y: 0, style: .plain, maxWidth: 3) == 3)
        #expect(buffer.textDump() == " abc      ")
        #expect(buffer.write(SafeText(untrusted: "zz"), x: 1, y: 0, style: .plain, maxWidth: 0) == 0)
        #expect(buffer.write(SafeText(untrusted: "zz"), x: 1, y: 0, style: .plain, maxWidth: -4) == 0)
        #expect(buffer.textDump() == " abc      ")
    }

    @Test func clipsAtTheLeftEdge() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        #expect(buffer.write(SafeText(untrusted: "abc"), x: -1, y: 0, style: .plain) == 3)
        #expect(buffer.textDump() == "bc   ")
        #expect(buffer.write(SafeText(untrusted: "abc"), x: -9, y: 0, style: .plain) == 3)
        #expect(buffer.textDump() == "bc   ")
    }

    @Test func rowsOutsideTheBufferAreIgnored() {
        var buffer = ScreenBuffer(width: 4, height: 2)
        #expect(buffer.write(SafeText(untrusted: "x"), x: 0, y: -1, style: .plain) == 0)
        #expect(buffer.write(SafeText(untrusted: "x"), x: 0, y: 2, style: .plain) == 0)
        #expect(buffer.write(SafeText(untrusted: "x"), x: 4, y: 0, style: .plain) == 0)
        #expect(buffer == ScreenBuffer(width: 4, height: 2))
    }

    @Test func wideCharacterTakesALeadAndAContinuationCell() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        #expect(buffer.write(SafeText(untrusted: "a蛇b"), x: 0, y: 0, style: Self.accent) == 4)
        #expect(buffer[x: 1, y: 0] == Cell(text: "蛇", width: 2, style: Self.accent))
        #expect(buffer[x: 2, y: 0] == Cell(text: "", width: 0, style: Self.accent))
        #expect(buffer[x: 2, y: 0].isContinuation)
        #expect(buffer.textDump() == "a蛇b  ")
    }

    @Test func wideCharacterAtTheLastColumnBecomesASpace() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        #expect(buffer.write(SafeText(untrusted: "abc"), x: 0, y: 0, style: .plain) == 3)
        #expect(buffer.write(SafeText(untrusted: "x蛇"), x: 3, y: 0, style: Self.accent) == 2)
        #expect(buffer.textDump() == "abcx ")
        #expect(buffer[x: 4, y: 0] == .blank(style: Self.accent))
        #expect(buffer.hasWholeWideCharacters)
    }

    @Test func wideCharacterPastMaxWidthBecomesASpace() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        #expect(buffer.write(SafeText(untrusted: "蛇蛇"), x: 0, y: 0, style: .plain, maxWidth: 3) == 3)
        #expect(buffer.textDump() == "蛇      ")
        #expect(buffer.hasWholeWideCharacters)
    }

    @Test func wideCharacterCutByTheLeftEdgeLeavesASpace() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        #expect(buffer.write(SafeText(untrusted: "abcd"), x: 0, y: 0, style: .plain) == 4)
        #expect(buffer.write(SafeText(untrusted: "蛇x"), x: -1, y: 0, style: .plain) == 3)
        #expect(buffer.textDump() == " xcd")
        #expect(buffer.hasWholeWideCharacters)
    }

    @Test func overwritingTheSecondHalfOfAWideCharacterBlanksTheFirst() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.write(SafeText(untrusted: "蛇"), x: 0, y: 0, style: Self.accent)
        buffer.write(SafeText(untrusted: "x"), x: 1, y: 0, style: .plain)
        #expect(buffer[x: 0, y: 0] == .blank(style: Self.accent))
        #expect(buffer.textDump() == " x  ")
        #expect(buffer.hasWholeWideCharacters)
    }

    @Test func overwritingTheFirstHalfOfAWideCharacterBlanksTheSecond() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.write(SafeText(untrusted: "蛇"), x: 1, y: 0, style: .plain)
        buffer.write(SafeText(untrusted: "x"), x: 1, y: 0, style: .plain)
        #expect(buffer.textDump() == " x  ")
        #expect(buffer.hasWholeWideCharacters)
    }

    @Test func wideOverWideShiftedByOneBlanksBothOrphans() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.write(SafeText(untrusted: "蛇龍"), x: 0, y: 0, style: .plain)
        buffer.write(SafeText(untrusted: "한"), x: 1, y: 0, style: .plain)
        #expect(buffer.textDump() == " 한 " + "  ")
        #expect(buffer.hasWholeWideCharacters)
    }

    @Test func emojiSequencesFillOneWideCell() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        #expect(buffer.write(SafeText(untrusted: "👩‍💻👍🏽"), x: 0, y: 0, style: .plain) == 4)
        #expect(buffer[x: 0, y: 0].text == "👩‍💻")
        #expect(buffer[x: 2, y: 0].text == "👍🏽")
    }

    @Test func literalWriteTakesTheAppsOwnText() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        #expect(buffer.write("Search", x: 0, y: 0, style: .plain) == 6)
        #expect(buffer.textDump() == "Search  ")
    }

    @Test func fillPaintsARectangleClippedToTheBuffer() {
        var buffer = ScreenBuffer(width: 4, height: 3)
        buffer.write(SafeText(untrusted: "abcd"), x: 0, y: 1, style: .plain)
        buffer.fill(Rect(x: 2, y: 1, width: 10, height: 10), style: Self.accent)
        #expect(buffer.textDump() == "    \nab  \n    ")
        #expect(buffer[x: 3, y: 2].style == Self.accent)
        #expect(buffer[x: 1, y: 1].style == .plain)
        #expect(buffer[x: 1, y: 0].style == .plain)
    }

    @Test func fillBlanksWideCharactersCutByItsEdges() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.write(SafeText(untrusted: "蛇龍한"), x: 0, y: 0, style: .plain)
        buffer.fill(Rect(x: 1, y: 0, width: 2, height: 1), style: Self.accent)
        #expect(buffer.textDump() == "    한")
        #expect(buffer[x: 0, y: 0] == .blank)
        #expect(buffer[x: 3, y: 0] == .blank)
        #expect(buffer.hasWholeWideCharacters)
    }

    @Test func clearBlanksEverything() {
        var buffer = ScreenBuffer(width: 3, height: 2)
        buffer.write(SafeText(untrusted: "蛇x"), x: 0, y: 1, style: Self.accent)
        buffer.clear()
        #expect(buffer == ScreenBuffer(width: 3, height: 2))
    }

    @Test func randomWritesKeepWideCharactersWhole() {
        var random = ScreenTestRandom(seed: 2024)
        var buffer = ScreenBuffer(width: 13, height: 3)
        let texts = ["蛇", "ab", "한국어", "x", "👩‍💻", "ｶﾀ", "Ａ b", "\u{301}", "e\u{301}"].map { SafeText(untrusted: $0) }
        for step in 0..<3000 {
            let text = texts[Int.random(in: 0..<texts.count, using: &random)]
            let x = Int.random(in: -3...14, using: &random)
            let y = Int.random(in: 0..<3, using: &random)
            let maxWidth = Bool.random(using: &random) ? Int.random(in: 0...5, using: &random) : nil
            if step % 17 == 0 {
                buffer.fill(Rect(x: x, y: y, width: Int.random(in: 0...4, using: &random), height: 1), style: Self.accent)
            } else {
                let used = buffer.write(text, x: x, y: y, style: .plain, maxWidth: maxWidth)
                #expect(used <= max(0, min(maxWidth ?? .max, 13 - x)))
            }
            #expect(buffer.hasWholeWideCharacters, "after step \(step)")
            #expect(buffer.textDump().split(separator: "\n").allSatisfy { DisplayWidth.of($0) == 13 })
        }
    }
}

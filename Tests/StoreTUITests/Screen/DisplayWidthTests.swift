import Testing
@testable import StoreTUI

struct DisplayWidthTests {
    @Test func asciiIsOneColumnPerCharacter() {
        #expect(DisplayWidth.of("a" as Character) == 1)
        #expect(DisplayWidth.of("hello, world") == 12)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func controlsTakeNoColumns() {
        #expect(DisplayWidth.of("\u{1B}" as Character) == 0)
        #expect(DisplayWidth.of("\t" as Character) == 0)
        #expect(DisplayWidth.of("\r\n" as Character) == 0)
        #expect(DisplayWidth.of("\u{9B}" as Character) == 0)
        #expect(DisplayWidth.of("a\u{1B}b") == 2)
    }

    @Test func composedAndDecomposedAccentsMatch() {
        #expect(DisplayWidth.of("\u{E9}" as Character) == 1)
        #expect(DisplayWidth.of("e\u{301}" as Character) == 1)
        #expect(DisplayWidth.of("caf\u{E9}") == DisplayWidth.of("cafe\u{301}"))
    }

    @Test(arguments: ["蛇", "한", "\u{1112}\u{1161}\u{11AB}", "ア", "Ａ", "\u{3000}", "\u{20000}", "\u{2EBF0}"])
    func eastAsianWideIsTwoColumns(_ text: String) throws {
        let character = try #require(text.first)
        #expect(text.count == 1)
        #expect(DisplayWidth.of(character) == 2)
    }

    @Test func halfwidthKatakanaIsNarrowAndFullwidthFormsAreWide() {
        #expect(DisplayWidth.of("ｶ" as Character) == 1)
        #expect(DisplayWidth.of("カ" as Character) == 2)
        #expect(DisplayWidth.of("ＡＢ") == 4)
    }

    @Test(arguments: ["🚀", "❤️", "👩‍💻", "🇫🇷", "👍🏽", "☝🏽", "1️⃣", "🏳️‍🌈", "👨‍👩‍👧‍👦", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "©️"])
    func emojiAreTwoColumns(_ text: String) throws {
        let character = try #require(text.first)
        #expect(text.count == 1)
        #expect(DisplayWidth.of(character) == 2)
    }

    @Test func textPresentationSymbolsAreNarrow() {
        #expect(DisplayWidth.of("\u{2764}" as Character) == 1)
        #expect(DisplayWidth.of("1\u{20E3}" as Character) == 1)
        #expect(DisplayWidth.of("©" as Character) == 1)
        #expect(DisplayWidth.of("a\u{FE0F}" as Character) == 1)
    }

    @Test func combiningStormIsOneColumn() {
        let storm = "e" + String(repeating: "\u{301}\u{316}\u{334}", count: 100)
        #expect(storm.count == 1)
        #expect(DisplayWidth.of(storm) == 1)
    }

    @Test func loneMarksAndFormatCharactersTakeNoColumns() {
        #expect(DisplayWidth.of("\u{301}" as Character) == 0)
        #expect(DisplayWidth.of("\u{301}\u{302}" as Character) == 0)
        #expect(DisplayWidth.of("\u{200B}" as Character) == 0)
        #expect(DisplayWidth.of("\u{FEFF}" as Character) == 0)
        #expect(DisplayWidth.of("\u{1161}" as Character) == 0)
    }

    @Test func mixedStringSumsItsGraphemes() {
        #expect(DisplayWidth.of("日本語abc") == 9)
        #expect(DisplayWidth.of("a👩‍💻b🇫🇷") == 6)
    }

    @Test func ambiguousWidthCountsAsNarrow() {
        #expect(DisplayWidth.of("…" as Character) == 1)
        #expect(DisplayWidth.of("α" as Character) == 1)
    }

    @Test(arguments: [("wide", DisplayWidth.wideRanges), ("zero", DisplayWidth.zeroWidthRanges)])
    func tablesAreSortedDisjointRanges(_ name: String, _ table: [UInt32]) {
        #expect(table.count % 2 == 0, "\(name)")
        var previousUpper: UInt32?
        for pair in stride(from: 0, to: table.count, by: 2) {
            #expect(table[pair] <= table[pair + 1], "\(name) range at \(pair)")
            if let previousUpper { #expect(table[pair] > previousUpper, "\(name) range at \(pair)") }
            previousUpper = table[pair + 1]
        }
    }

    @Test func everyEmojiPresentationScalarIsWide() {
        var narrow: [UInt32] = []
        for value in UInt32(0x2000)...0x1FAFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isEmojiPresentation else { continue }
            if DisplayWidth.of(scalar: scalar) != 2 && !(0x1F3FB...0x1F3FF).contains(value) { narrow.append(value) }
        }
        #expect(narrow.isEmpty, "narrow emoji: \(narrow.map { String($0, radix: 16) })")
    }

    @Test func everyMarkAndFormatScalarIsZeroWidth() {
        var wrong: [UInt32] = []
        for value in UInt32(0x300)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format:
                if DisplayWidth.of(scalar: scalar) != 0 { wrong.append(value) }
            default: break
            }
        }
        #expect(wrong.isEmpty, "not zero width: \(wrong.prefix(20).map { String($0, radix: 16) })")
    }
}

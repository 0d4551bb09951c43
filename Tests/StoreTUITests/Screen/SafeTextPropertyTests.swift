import Testing
@testable import StoreTUI

/// Properties that must hold for any input, checked over seeded hostile strings.
struct SafeTextPropertyTests {
    static let samples: [String] = {
        var random = ScreenTestRandom(seed: 0x5AFE_7E77)
        return (0..<600).map { _ in HostileText.string(using: &random) }
    }()

    @Test func sanitizingIsIdempotent() {
        for input in Self.samples {
            let once = SafeText(untrusted: input)
            let twice = SafeText(untrusted: once.string)
            #expect(twice == once, "input scalars: \(input.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(twice.string.unicodeScalars.elementsEqual(once.string.unicodeScalars))
        }
    }

    @Test func outputHasNoTerminalControlsBidiOrInvisibleFormatCharacters() {
        for input in Self.samples {
            for scalar in SafeText(untrusted: input).string.unicodeScalars {
                let value = scalar.value
                #expect(value >= 0x20 && !(0x7F...0x9F).contains(value))
                #expect(![0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(value))
                #expect(!(0x202A...0x202E).contains(value) && !(0x2066...0x2069).contains(value))
                if scalar.properties.generalCategory == .format {
                    #expect(value == 0x200D || (0xE0020...0xE007F).contains(value), "format \(String(value, radix: 16))")
                }
            }
        }
    }

    @Test func everyGraphemeIsVisibleAndBounded() {
        for input in Self.samples {
            let text = SafeText(untrusted: input)
            var total = 0
            for character in text.string {
                let width = DisplayWidth.of(character)
                #expect(width == 1 || width == 2, "\(character.unicodeScalars.map { String($0.value, radix: 16) })")
                #expect(character.unicodeScalars.count <= SafeText.maxScalarsPerGrapheme)
                let marks = character.unicodeScalars.filter {
                    [.nonspacingMark, .spacingMark, .enclosingMark].contains($0.properties.generalCategory)
                }
                #expect(marks.count <= SafeText.maxCombiningMarks)
                total += width
            }
            #expect(text.width == total)
        }
    }

    @Test func truncatedAndWrappedTextStaysSanitized() {
        for input in Self.samples.prefix(200) {
            let text = SafeText(untrusted: input)
            let cut = text.truncated(toWidth: 7)
            #expect(SafeText(untrusted: cut.string) == cut)
            for line in text.wrapped(toWidth: 5) {
                #expect(SafeText(untrusted: line.string) == line)
            }
        }
    }

    @Test func byteInputNeverYieldsControls() {
        var random = ScreenTestRandom(seed: 42)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let text = SafeText(untrustedBytes: bytes)
            #expect(!SafeTextTests.hasTerminalControl(text.string))
            #expect(SafeText(untrusted: text.string) == text)
        }
    }
}

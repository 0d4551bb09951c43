@testable import StoreTUI

/// A small deterministic random generator (SplitMix64) so property tests replay exactly.
struct ScreenTestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates hostile strings: controls, C1, bidi, joiners, marks, jamo, emoji pieces, tags.
enum HostileText {
    /// Pieces that each stress one sanitizing rule.
    static let pieces: [String] = [
        "a", "Z", "0", "#", " ", "~", "é", "e\u{301}", "\u{301}", "\u{302}\u{303}", "\u{903}", "\u{20E3}",
        "\u{0}", "\u{7}", "\t", "\n", "\r", "\r\n", "\u{1B}", "\u{1B}[2J", "\u{1B}]52;c;SGVsbG8=\u{7}", "\u{7F}",
        "\u{80}", "\u{85}", "\u{9B}", "\u{9D}", "\u{9F}", "\u{AD}",
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
        "\u{200E}", "\u{200F}", "\u{61C}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}",
        "\u{2028}", "\u{2029}", "\u{FE0F}", "\u{FE0E}", "\u{E0100}",
        "\u{1100}", "\u{1161}", "\u{11A8}", "\u{AC00}", "\u{D7B0}", "\u{3164}", "\u{115F}", "\u{FFA0}",
        "蛇", "한", "ｶ", "Ａ", "\u{FF9E}", "\u{0E01}", "\u{0E33}", "\u{0600}", "\u{0D4E}", "\u{111C2}",
        "\u{0915}", "\u{094D}", "\u{0915}\u{094D}", "\u{0930}\u{094D}\u{200D}",
        "🚀", "❤", "👩", "💻", "👍", "\u{1F3FD}", "🇫", "🇷", "\u{1F3F4}", "\u{E0067}", "\u{E0062}", "\u{E007F}",
        "\u{E0001}", scalar(0xFDD0), scalar(0xFFFF), scalar(0x10FFFF), "\u{E000}", "\u{0378}", "\u{FFF0}", "\u{E0080}",
        "\u{2400}", "\u{FFFD}", "\u{25CC}", "…",
    ]

    /// A one-scalar string for scalars Swift refuses in literals (noncharacters).
    static func scalar(_ value: UInt32) -> String {
        Unicode.Scalar(value).map { String(Character($0)) } ?? "?"
    }

    /// A string of up to `maxPieces` random pieces, with occasional runs of one piece (storms).
    static func string(using random: inout ScreenTestRandom, maxPieces: Int = 24) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...maxPieces, using: &random) {
            let piece = pieces[Int.random(in: 0..<pieces.count, using: &random)]
            let repeats = Int.random(in: 0..<10, using: &random) == 0 ? Int.random(in: 2...30, using: &random) : 1
            text += String(repeating: piece, count: repeats)
        }
        return text
    }
}

extension ScreenBuffer {
    /// Whether every wide lead is followed by its continuation and every continuation follows a lead.
    var hasWholeWideCharacters: Bool {
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x: x, y: y]
                switch cell.width {
                case 2: if x + 1 >= width || self[x: x + 1, y: y].width != 0 { return false }
                case 0: if x == 0 || self[x: x - 1, y: y].width != 2 { return false }
                default: break
                }
            }
        }
        return true
    }

    /// This buffer with `runs` copied over its cells, as a terminal would show them.
    func applying(_ runs: [CellRun]) -> [Cell] {
        var result = cells
        for run in runs {
            for (offset, cell) in run.cells.enumerated() { result[run.y * width + run.x + offset] = cell }
        }
        return result
    }
}

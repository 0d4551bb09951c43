/// Text that is safe to draw in a terminal: the only way text reaches a `Cell`.
///
/// Sanitizing (security.md §4) turns C0 controls into Control Pictures (ESC → ␛, NUL → ␀, LF → ␤),
/// DEL into ␡, and C1 controls, bidi controls and noncharacters into U+FFFD "�"; a tab becomes a
/// space, as do U+2028 and U+2029. Zero-width and other format characters are dropped, except a
/// ZWJ between two emoji and the tags of an emoji tag sequence (🏴 subdivision flags). A grapheme
/// keeps at most `maxCombiningMarks` marks and `maxScalarsPerGrapheme` scalars, a line at most
/// `maxGraphemes` graphemes, and a lone combining mark gets the dotted circle ◌ as its base, so every
/// grapheme is at least one column wide. Sanitizing is idempotent: sanitizing `string` again gives
/// the same text.
public struct SafeText: Hashable, Sendable, CustomStringConvertible {
    /// One grapheme cluster of a `SafeText` and the columns it occupies (1 or 2).
    public struct Grapheme: Hashable, Sendable {
        /// The grapheme cluster.
        public let character: Character
        /// Its display width in columns.
        public let width: Int
    }

    /// The sanitized text.
    public let string: String
    /// The display width of `string` in terminal columns.
    public let width: Int
    /// Whether `string` is printable ASCII only, so each byte is one cell.
    let isASCII: Bool

    /// The most grapheme clusters kept from one line of untrusted text.
    public static let maxGraphemes = 4096
    /// The most combining marks kept on one grapheme cluster (longer "Zalgo" storms are cut).
    public static let maxCombiningMarks = 8
    /// The most Unicode scalars kept in one grapheme cluster.
    public static let maxScalarsPerGrapheme = 24

    /// Text with nothing in it.
    public static let empty = SafeText(verified: "", width: 0, isASCII: true)

    /// Sanitizes text from outside the app (the store, the network, files) for one line of display.
    ///
    /// - Complexity: O(n) in the length of `text`, reading at most about `maxGraphemes` graphemes.
    public init(untrusted text: String) {
        self = Self.sanitizing(Substring(text))
    }

    /// Decodes bytes as UTF-8, replacing invalid sequences with U+FFFD, then sanitizes them.
    public init(untrustedBytes bytes: [UInt8]) {
        let cap = Self.maxGraphemes * Self.maxScalarsPerGrapheme * 4
        self.init(untrusted: String(decoding: bytes.prefix(cap), as: UTF8.self))
    }

    /// Wraps the app's own UI text (labels, key hints); it is sanitized all the same, so a stray
    /// control character shows as a visible placeholder rather than reaching the terminal.
    public init(trusted literal: String) {
        self = Self.sanitizing(Substring(literal))
    }

    /// Wraps text already known to be sanitized, such as a slice of another `SafeText`.
    init(verified string: String, width: Int, isASCII: Bool) {
        self.string = string
        self.width = width
        self.isASCII = isASCII
    }

    /// The sanitized text.
    public var description: String { string }

    /// Whether there is no text.
    public var isEmpty: Bool { string.isEmpty }

    /// The grapheme clusters with their widths, in order.
    ///
    /// - Complexity: O(n).
    public var graphemes: [Grapheme] {
        string.map { Grapheme(character: $0, width: DisplayWidth.of($0)) }
    }

    /// Returns this text followed by `other`, sanitized again as one line.
    public func appending(_ other: SafeText) -> SafeText {
        SafeText(untrusted: string + other.string)
    }

    /// Returns the text cut to at most `limit` columns, ending in "…" when anything was cut.
    ///
    /// A wide character is never split: if it would straddle the limit it is dropped with the rest.
    /// - Complexity: O(n).
    public func truncated(toWidth limit: Int) -> SafeText {
        guard width > limit else { return self }
        guard limit > 0 else { return .empty }
        var used = 0
        var end = string.startIndex
        if isASCII {
            end = string.utf8.index(string.startIndex, offsetBy: limit - 1)
            used = limit - 1
        } else {
            var index = string.startIndex
            while index < string.endIndex {
                let next = string.index(after: index)
                let graphemeWidth = DisplayWidth.of(string[index])
                guard used + graphemeWidth <= limit - 1 else { break }
                used += graphemeWidth
                end = next
                index = next
            }
        }
        return SafeText(verified: String(string[..<end]) + "…", width: used + 1, isASCII: false)
    }
}

// MARK: - Sanitizing

extension SafeText {
    /// How many times the per-grapheme rules are reapplied until the text stops changing.
    private static let maxPasses = 8

    /// Runs the whole recipe on one line: ASCII fast path, per-scalar mapping, per-grapheme rules.
    ///
    /// Reads input graphemes lazily and stops after `maxGraphemes` of them (and after a few times
    /// `maxScalarsPerGrapheme` scalars within one), so huge inputs cost little more than small ones.
    static func sanitizing(_ text: Substring) -> SafeText {
        if let ascii = printableASCII(text) { return ascii }
        return SafeTextMemo.shared.text(text, sanitize: sanitizingUnicode)
    }

    /// The recipe past the ASCII fast path (kept by ``SafeTextMemo``).
    static func sanitizingUnicode(_ text: Substring) -> SafeText {
        var draft = String.UnicodeScalarView()
        var graphemes = 0
        for character in text {
            guard graphemes < maxGraphemes else { break }
            var kept = false
            for scalar in character.unicodeScalars.prefix(maxScalarsPerGrapheme * 4) {
                if let mapped = mapped(scalar) {
                    draft.append(mapped)
                    kept = true
                }
            }
            if kept { graphemes += 1 }
        }
        return normalizingGraphemes(String(draft))
    }

    /// The text itself when it is short printable ASCII, which needs no work.
    private static func printableASCII(_ text: Substring) -> SafeText? {
        var count = 0
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7F && count < maxGraphemes else { return nil }
            count += 1
        }
        return SafeText(verified: String(text), width: count, isASCII: true)
    }

    /// The scalar to draw for `scalar`, or nil to drop it.
    private static func mapped(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        switch value {
        case 0x20..<0x7F: return scalar
        case 0x09, 0x2028, 0x2029: return " "
        case 0x0A: return "\u{2424}"  // ␤
        case 0x00..<0x20: return Unicode.Scalar(0x2400 + value)  // Control Pictures: ␀ … ␛ …
        case 0x7F: return "\u{2421}"  // ␡
        case 0x80...0x9F: return "\u{FFFD}"  // C1 controls, including 8-bit CSI/OSC/DCS
        case 0xAD: return nil  // soft hyphen
        case 0xA0..<0x300: return scalar
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return "\u{FFFD}"  // bidi controls
        case 0x200D, 0xE0020...0xE007F: return scalar  // ZWJ and tags: judged per grapheme
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF: return scalar  // variation selectors are marks
        case 0x1F1E6...0x1F1FF:
            // Regional indicators (flags are pairs of them) as their letters: terminals, ncurses and
            // wcwidth disagree on their width (1 or 2 each, a pair 2 or 4), so "🇺🇦" is drawn "UA".
            return Unicode.Scalar(0x41 + value - 0x1F1E6)
        default:
            let properties = scalar.properties
            if properties.generalCategory == .format || properties.isDefaultIgnorableCodePoint { return nil }
            if properties.isNoncharacterCodePoint { return "\u{FFFD}" }
            return scalar
        }
    }

    /// Applies the per-grapheme rules until the text is stable, and measures it.
    private static func normalizingGraphemes(_ draft: String) -> SafeText {
        var current = draft
        for _ in 0..<maxPasses {
            var output: String.UnicodeScalarView?
            var width = 0
            var index = current.startIndex
            while index < current.endIndex {
                let next = current.index(after: index)
                let character = current[index]
                let following = next < current.endIndex ? current[next] : nil
                if let replacement = normalizedGrapheme(character, isFirst: index == current.startIndex, following: following) {
                    if output == nil { output = String.UnicodeScalarView(current.unicodeScalars[..<index]) }
                    output?.append(contentsOf: replacement)
                } else {
                    output?.append(contentsOf: character.unicodeScalars)
                    width += DisplayWidth.of(character)
                }
                index = next
            }
            guard let output else {
                return SafeText(verified: current, width: width, isASCII: isPrintableASCII(current))
            }
            current = String(output)
        }
        return SafeText(verified: current, width: DisplayWidth.of(current), isASCII: isPrintableASCII(current))
    }

    /// The scalars that should replace one grapheme, or nil when it is fine as it is.
    ///
    /// A changed grapheme is also shortened until it no longer joins `following`, so that a capped
    /// grapheme (say, a run of prepended marks) cannot swallow the next one on the next pass.
    private static func normalizedGrapheme(
        _ character: Character, isFirst: Bool, following: Character?
    ) -> [Unicode.Scalar]? {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return nil }
        let isSingle = scalars.index(after: scalars.startIndex) == scalars.endIndex
        if isSingle {
            if first.value < 0x300 { return nil }
            let isSpecial = first.value == 0x200D || (0x1F3FB...0x1F3FF).contains(first.value)
                || (0xE0020...0xE007F).contains(first.value)
            if !isSpecial && DisplayWidth.of(scalar: first) > 0 && !needsBase(first, isFirst: isFirst) { return nil }
        }

        var kept: [Unicode.Scalar] = []
        var marks = 0
        for scalar in scalars {
            guard kept.count < maxScalarsPerGrapheme else { break }
            if isMark(scalar) {
                guard marks < maxCombiningMarks else { continue }
                marks += 1
            }
            kept.append(scalar)
        }
        keepValidTagSequence(&kept)
        var result = emojiJoinersInContext(kept)
        if let base = result.first, needsBase(base, isFirst: isFirst) {
            result.insert("\u{25CC}", at: 0)
        }
        if DisplayWidth.clusterWidth(of: result) == 0 { result = [] }
        if result.elementsEqual(scalars) { return nil }
        if let following {
            while !result.isEmpty && joins(result, following) { result.removeLast() }
        }
        return result
    }

    /// Whether appending `following` to `scalars` would move a grapheme boundary (the last grapheme
    /// of `scalars` absorbing it, or regional indicators pairing up differently).
    private static func joins(_ scalars: [Unicode.Scalar], _ following: Character) -> Bool {
        var text = String(String.UnicodeScalarView(scalars))
        let count = text.count
        let joint = text.utf8.count
        text.append(following)
        guard text.count == count + 1 else { return true }
        let boundary = text.index(text.startIndex, offsetBy: count)
        return text.utf8.distance(from: text.startIndex, to: boundary) != joint
    }

    /// Drops tag characters unless they form an emoji tag sequence: 🏴, tags, cancel tag.
    private static func keepValidTagSequence(_ scalars: inout [Unicode.Scalar]) {
        func isTag(_ scalar: Unicode.Scalar) -> Bool { (0xE0020...0xE007F).contains(scalar.value) }
        guard scalars.contains(where: isTag) else { return }
        let isValid = scalars.count > 2 && scalars[0].value == 0x1F3F4 && scalars.last?.value == 0xE007F
            && scalars.dropFirst().allSatisfy(isTag)
        if !isValid { scalars.removeAll(where: isTag) }
    }

    /// Keeps a ZWJ only between two emoji and a skin-tone modifier only after an emoji.
    private static func emojiJoinersInContext(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        for (offset, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x200D:
                guard let previous = result.last, isEmoji(previous) || previous.value == 0xFE0F,
                    offset + 1 < scalars.count, isEmoji(scalars[offset + 1])
                else { continue }
            case 0x1F3FB...0x1F3FF:
                guard let previous = result.last, isEmoji(previous) else { continue }
            default:
                break
            }
            result.append(scalar)
        }
        return result
    }

    /// Whether `scalar` only extends a grapheme, so a grapheme starting with it needs a visible base.
    private static func needsBase(_ scalar: Unicode.Scalar, isFirst: Bool) -> Bool {
        guard scalar.value >= 0x300, isFirst || isMark(scalar) else { return false }
        var probe = String.UnicodeScalarView(["\u{25CC}"])
        probe.append(scalar)
        return String(probe).count == 1
    }

    /// Whether `scalar` is a combining mark (Mn, Mc or Me).
    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300 else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether `scalar` is a non-ASCII emoji (digits, `#` and `*` only count inside keycaps).
    private static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x7F && scalar.properties.isEmoji
    }

    /// Whether `text` is printable ASCII only.
    static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}

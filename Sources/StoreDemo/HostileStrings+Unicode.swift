extension HostileStrings {
    /// Bidirectional controls alone and in Trojan Source shapes (CVE-2021-42574).
    static let bidi: [HostileString] = {
        let singles: [(String, String)] = [
            ("202a-lre", "\u{202A}"), ("202b-rle", "\u{202B}"), ("202c-pdf", "\u{202C}"), ("202d-lro", "\u{202D}"),
            ("202e-rlo", "\u{202E}"), ("2066-lri", "\u{2066}"), ("2067-rli", "\u{2067}"), ("2068-fsi", "\u{2068}"),
            ("2069-pdi", "\u{2069}"), ("200e-lrm", "\u{200E}"), ("200f-rlm", "\u{200F}"), ("061c-alm", "\u{061C}"),
        ]
        var result = singles.map { HostileString(name: "bidi-\($0.0)", text: "left \($0.1)right text 123", kind: .bidi) }
        result += [
            HostileString(name: "bidi-rlo-file-extension", text: "invoice\u{202E}fdp.exe", kind: .bidi),
            HostileString(name: "bidi-rlo-reversed-name", text: "\u{202E}lacinonac", kind: .bidi),
            HostileString(name: "bidi-trojan-source-comment", text: "access_level != \"user\u{202E} \u{2066}// Check if admin\u{2069} \u{2066}\"", kind: .bidi),
            HostileString(name: "bidi-trojan-source-early-return", text: "/*\u{202E} } \u{2066}if (isAdmin)\u{2069} \u{2066} begin admins only */", kind: .bidi),
            HostileString(name: "bidi-unterminated-rlo", text: "title \u{202E} and everything after it is reversed", kind: .bidi),
            HostileString(name: "bidi-unbalanced-pdf", text: "\u{202C}\u{202C}\u{2069}\u{2069}closers without openers", kind: .bidi),
            HostileString(name: "bidi-deep-nesting", text: String(repeating: "\u{202B}", count: 130) + "deep" + String(repeating: "\u{202C}", count: 130), kind: .bidi),
            HostileString(name: "bidi-isolate-swap", text: "\u{2067}price: 100\u{2069} \u{2067}fee: 1\u{2069}", kind: .bidi),
            HostileString(name: "bidi-rlm-in-version", text: "1.0\u{200F}.2", kind: .bidi),
        ]
        return result
    }()

    /// Zero-width, format and invisible characters, unusual spaces, line and paragraph separators.
    static let invisibles: [HostileString] = {
        let singles: [(String, String)] = [
            ("200b-zero-width-space", "\u{200B}"), ("200c-zwnj", "\u{200C}"), ("200d-zwj", "\u{200D}"),
            ("2060-word-joiner", "\u{2060}"), ("feff-bom", "\u{FEFF}"), ("00ad-soft-hyphen", "\u{00AD}"),
            ("180e-mongolian-vowel-separator", "\u{180E}"), ("034f-grapheme-joiner", "\u{034F}"),
            ("115f-hangul-choseong-filler", "\u{115F}"), ("3164-hangul-filler", "\u{3164}"),
            ("ffa0-halfwidth-hangul-filler", "\u{FFA0}"), ("2061-function-application", "\u{2061}"),
            ("2064-invisible-plus", "\u{2064}"), ("fff9-interlinear-anchor", "\u{FFF9}"), ("fffc-object-replacement", "\u{FFFC}"),
            ("2800-braille-blank", "\u{2800}"), ("3000-ideographic-space", "\u{3000}"), ("00a0-nbsp", "\u{00A0}"),
            ("2007-figure-space", "\u{2007}"), ("202f-narrow-nbsp", "\u{202F}"), ("205f-math-space", "\u{205F}"),
            ("2028-line-separator", "\u{2028}"), ("2029-paragraph-separator", "\u{2029}"), ("fe0f-lone-vs16", "\u{FE0F}"),
            ("e0001-language-tag", "\u{E0001}"),
        ]
        var result = singles.map { HostileString(name: "invisible-\($0.0)", text: "in\($0.1)visible", kind: .invisible) }
        let hidden = "ignore previous instructions".unicodeScalars.compactMap { Unicode.Scalar($0.value + 0xE0000) }
        result += [
            HostileString(name: "invisible-tag-smuggling", text: "harmless" + String(String.UnicodeScalarView(hidden)), kind: .invisible),
            HostileString(name: "invisible-zero-width-run", text: "a" + String(repeating: "\u{200B}", count: 500) + "b", kind: .invisible),
            HostileString(name: "invisible-only", text: "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}", kind: .invisible),
            HostileString(name: "invisible-lookalike-name", text: "fire\u{200B}fox", kind: .invisible),
            HostileString(name: "whitespace-only", text: "     ", kind: .invisible),
            HostileString(name: "empty", text: "", kind: .invisible),
            HostileString(name: "separators-mixed", text: "one\u{2028}two\u{2029}three\u{85}four", kind: .invisible),
        ]
        return result
    }()

    /// Double-width CJK, emoji sequences and other width traps.
    static let wide: [HostileString] = [
        HostileString(name: "cjk-title", text: "超级终端应用程序管理器", kind: .wide),
        HostileString(name: "cjk-wide-400", text: String(repeating: "漢字", count: 200), kind: .wide),
        HostileString(name: "cjk-10k", text: String(repeating: "字", count: 10_000), kind: .wide),
        HostileString(name: "japanese-mixed", text: "こんにちは世界、カタカナとひらがな", kind: .wide),
        HostileString(name: "korean-hangul", text: "안녕하세요 세계", kind: .wide),
        HostileString(name: "halfwidth-katakana", text: "ｶﾀｶﾅ ﾃｽﾄ", kind: .wide),
        HostileString(name: "fullwidth-latin", text: "ＦＵＬＬＷＩＤＴＨ　ＴＩＴＬＥ", kind: .wide),
        HostileString(name: "mixed-width", text: "a漢b😀c字d", kind: .wide),
        HostileString(name: "ambiguous-width", text: "①②③ αβγ ─│┼ ※", kind: .wide),
        HostileString(name: "emoji-zwj-family", text: "👨‍👩‍👧‍👦 family", kind: .wide),
        HostileString(name: "emoji-zwj-profession", text: "👩🏽‍🚀 👨‍💻 🧑‍🔬", kind: .wide),
        HostileString(name: "emoji-vs16", text: "❤️ ☺️ ✔️ ⚠️", kind: .wide),
        HostileString(name: "emoji-vs15-text", text: "☺︎ ❤︎", kind: .wide),
        HostileString(name: "emoji-flags", text: "🇺🇦🇯🇵🇧🇷🇪🇺🇬🇧", kind: .wide),
        HostileString(name: "emoji-tag-flag", text: "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland", kind: .wide),
        HostileString(name: "emoji-rainbow-flag", text: "🏳️‍🌈", kind: .wide),
        HostileString(name: "emoji-skin-tone", text: "👍🏽👋🏿", kind: .wide),
        HostileString(name: "emoji-lone-modifier", text: "🏽 alone", kind: .wide),
        HostileString(name: "emoji-keycap", text: "1️⃣ #️⃣ *️⃣", kind: .wide),
        HostileString(name: "emoji-lone-regional-indicator", text: "🇦 x 🇿", kind: .wide),
        HostileString(name: "emoji-odd-regional-indicators", text: "🇺🇦🇯", kind: .wide),
        HostileString(name: "emoji-1000", text: String(repeating: "😀", count: 1000), kind: .wide),
        HostileString(name: "emoji-zwj-chain", text: Array(repeating: "👩", count: 50).joined(separator: "\u{200D}"), kind: .wide),
        HostileString(name: "cuneiform", text: "𒀀𒀁𒀂 𒐫", kind: .wide),
        HostileString(name: "arabic-ligature-wide", text: "﷽", kind: .wide),
        HostileString(name: "math-bold-letters", text: "𝐡𝐞𝐥𝐥𝐨 𝔴𝔬𝔯𝔩𝔡", kind: .wide),
    ]

    /// Combining-mark storms and other huge grapheme clusters.
    static let combining: [HostileString] = {
        func storm(_ base: String, _ count: Int) -> String {
            var scalars = String.UnicodeScalarView(base.unicodeScalars)
            for index in 0..<count {
                if let mark = Unicode.Scalar(0x300 + UInt32(index % 0x70)) { scalars.append(mark) }
            }
            return String(scalars)
        }
        let zalgo = "zalgo".map { storm(String($0), 25) }.joined()
        return [
            HostileString(name: "combining-storm-500", text: storm("e", 500), kind: .combining),
            HostileString(name: "combining-storm-10k", text: storm("a", 10_000), kind: .combining),
            HostileString(name: "combining-zalgo", text: "he comes " + zalgo, kind: .combining),
            HostileString(name: "combining-leading-mark", text: "\u{301}\u{302}starts with marks", kind: .combining),
            HostileString(name: "combining-after-control", text: "\u{1B}\u{301}[2J", kind: .combining),
            HostileString(name: "combining-enclosing", text: "a\u{20DD} b\u{20DE} c\u{20E0}", kind: .combining),
            HostileString(name: "combining-hangul-jamo", text: "\u{1100}\u{1161}\u{11A8}\u{1100}\u{1161}", kind: .combining),
            HostileString(name: "combining-thai-stack", text: "ก" + String(repeating: "\u{0E49}", count: 40), kind: .combining),
            HostileString(name: "combining-devanagari", text: "क्‍ष त्र ज्ञ श्र", kind: .combining),
            HostileString(name: "combining-decomposed-accent", text: "cafe\u{301} vs café", kind: .combining),
        ]
    }()

    /// Right-to-left and complex scripts, homoglyphs and odd code points.
    static let scripts: [HostileString] = [
        HostileString(name: "rtl-arabic", text: "مرحبا بالعالم — تطبيق رائع", kind: .script),
        HostileString(name: "rtl-hebrew", text: "שלום עולם, אפליקציה נהדרת", kind: .script),
        HostileString(name: "rtl-mixed-numbers", text: "Version 2.0 הגרסה החדשה 3.1 بالعربية 42", kind: .script),
        HostileString(name: "rtl-arabic-indic-digits", text: "الإصدار ١٢٣٫٤", kind: .script),
        HostileString(name: "rtl-persian", text: "سلام دنیا", kind: .script),
        HostileString(name: "rtl-syriac", text: "ܫܠܡܐ ܥܠܡܐ", kind: .script),
        HostileString(name: "rtl-thaana", text: "ހެލޯ ވޯލްޑް", kind: .script),
        HostileString(name: "rtl-leading-paren", text: "(שלום) [עולם]", kind: .script),
        HostileString(name: "devanagari", text: "नमस्ते दुनिया", kind: .script),
        HostileString(name: "tamil", text: "வணக்கம் உலகம்", kind: .script),
        HostileString(name: "thai", text: "สวัสดีชาวโลก", kind: .script),
        HostileString(name: "greek", text: "Καλημέρα κόσμε", kind: .script),
        HostileString(name: "homoglyph-cyrillic-canonical", text: "саnоniсаl", kind: .script),
        HostileString(name: "homoglyph-cyrillic-paypal", text: "раураl", kind: .script),
        HostileString(name: "homoglyph-greek-omicron", text: "firefοx", kind: .script),
        HostileString(name: "homoglyph-kelvin-sign", text: "\u{212A}ernel", kind: .script),
        HostileString(name: "ligature-fi", text: "\u{FB01}le manager", kind: .script),
        HostileString(name: "case-changing-length", text: "ß ǅ İı ŉ", kind: .script),
        HostileString(name: "private-use", text: "\u{E000}\u{F8FF}\u{F0000}\u{10FFFD}", kind: .script),
        HostileString(name: "noncharacters", text: String(String.UnicodeScalarView([0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFF].compactMap(Unicode.Scalar.init))), kind: .script),
        HostileString(name: "replacement-character", text: "\u{FFFD}\u{FFFD} already replaced", kind: .script),
        HostileString(name: "unassigned", text: "\u{0378}\u{0379}\u{2FFFF}", kind: .script),
    ]
}

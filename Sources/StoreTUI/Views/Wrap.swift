/// Word-wraps untrusted text into lines of at most `width` display columns.
enum Wrap {
    /// Splits on line breaks, sanitizes each paragraph, then wraps at spaces (hard-breaking words
    /// longer than a line). At most `maxLines` lines are produced.
    static func lines(_ untrusted: String, width: Int, maxLines: Int = 2000) -> [SafeText] {
        guard width > 0 else { return [] }
        var result: [SafeText] = []
        let paragraphs = untrusted.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for paragraph in paragraphs {
            if result.count >= maxLines { break }
            let clean = SafeText(untrusted: String(paragraph)).string
            if clean.isEmpty {
                result.append(SafeText(trusted: ""))
                continue
            }
            var line = ""
            var lineWidth = 0
            var word = ""
            var wordWidth = 0
            func flushLine() {
                result.append(SafeText(trusted: line))
                line = ""
                lineWidth = 0
            }
            func placeWord() {
                if lineWidth > 0 && lineWidth + 1 + wordWidth > width { flushLine() }
                if lineWidth > 0 {
                    line.append(" ")
                    lineWidth += 1
                }
                // Hard-break a word wider than the line.
                for character in word {
                    let w = DisplayWidth.of(character)
                    if lineWidth + w > width { flushLine() }
                    line.append(character)
                    lineWidth += w
                }
                word = ""
                wordWidth = 0
            }
            for character in clean {
                if character == " " {
                    if !word.isEmpty { placeWord() }
                } else {
                    word.append(character)
                    wordWidth += DisplayWidth.of(character)
                }
            }
            if !word.isEmpty { placeWord() }
            if lineWidth > 0 { flushLine() }
        }
        return Array(result.prefix(maxLines))
    }
}

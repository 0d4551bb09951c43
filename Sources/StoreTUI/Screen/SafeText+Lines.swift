// SafeText over several lines: split, wrapped, measured.

// MARK: - Several lines

extension SafeText {
    /// Splits untrusted text into sanitized lines at "\n", "\r\n", U+2028 and U+2029, for panes
    /// that show several lines (a lone "\r" stays visible as ␍).
    ///
    /// - Parameters:
    ///   - text: The untrusted text.
    ///   - maxLines: The most lines returned; the rest of the text is ignored.
    /// - Complexity: O(n) in the length of `text`.
    public static func lines(untrusted text: String, maxLines: Int = 4096) -> [SafeText] {
        var lines: [SafeText] = []
        let scalars = text.unicodeScalars
        var lineStart = scalars.startIndex
        var index = lineStart
        while index < scalars.endIndex && lines.count < maxLines {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if scalar == "\n" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                var lineEnd = index
                if scalar == "\n", lineEnd > lineStart, scalars[scalars.index(before: lineEnd)] == "\r" {
                    lineEnd = scalars.index(before: lineEnd)
                }
                lines.append(sanitizing(Substring(scalars[lineStart..<lineEnd])))
                lineStart = next
            }
            index = next
        }
        if lines.count < maxLines {
            lines.append(sanitizing(Substring(scalars[lineStart...])))
        }
        return lines
    }

    /// Splits untrusted text into lines as `lines(untrusted:maxLines:)` does, then word-wraps each
    /// to `width` columns with `wrapped(toWidth:)`.
    ///
    /// - Parameters:
    ///   - text: The untrusted text.
    ///   - width: The widest a line may be, in columns.
    ///   - maxLines: The most lines returned.
    /// - Complexity: O(n) in the length of `text`.
    public static func wrapped(untrusted text: String, width: Int, maxLines: Int = 4096) -> [SafeText] {
        var result: [SafeText] = []
        for line in lines(untrusted: text, maxLines: maxLines) {
            for piece in line.wrapped(toWidth: width) {
                guard result.count < maxLines else { return result }
                result.append(piece)
            }
        }
        return result
    }

    /// Returns the text word-wrapped into lines no wider than `width` columns.
    ///
    /// Lines break after spaces where possible, otherwise between graphemes (never inside a wide
    /// character); the spaces at a break are dropped. A grapheme wider than `width` becomes "…".
    /// Empty text gives one empty line; a `width` below 1 gives no lines.
    /// - Complexity: O(n).
    public func wrapped(toWidth width: Int) -> [SafeText] {
        guard width > 0 else { return [] }
        guard self.width > width else { return [self] }
        let indices = Array(string.indices) + [string.endIndex]
        let widths = string.map { DisplayWidth.of($0) }
        let isSpace = string.map { $0 == " " }
        var lines: [SafeText] = []
        func emit(_ start: Int, _ end: Int) {
            var last = end
            while last > start && isSpace[last - 1] { last -= 1 }
            let lineWidth = widths[start..<last].reduce(0, +)
            let line = String(string[indices[start]..<indices[last]])
            lines.append(SafeText(verified: line, width: lineWidth, isASCII: isASCII || Self.isPrintableASCII(line)))
        }
        var start = 0
        while start < widths.count {
            if !lines.isEmpty {
                while start < widths.count && isSpace[start] { start += 1 }
                guard start < widths.count else { break }
            }
            var end = start
            var used = 0
            var lastSpace = -1
            while end < widths.count && used + widths[end] <= width {
                if isSpace[end] { lastSpace = end }
                used += widths[end]
                end += 1
            }
            if end == widths.count || isSpace[end] {
                emit(start, end)
                start = end
            } else if lastSpace > start {
                emit(start, lastSpace)
                start = lastSpace + 1
            } else if end > start {
                emit(start, end)
                start = end
            } else {
                lines.append(SafeText(verified: "…", width: 1, isASCII: false))
                start += 1
            }
        }
        return lines
    }
}

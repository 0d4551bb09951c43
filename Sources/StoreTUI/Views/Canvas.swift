/// Drawing helpers over a `ScreenBuffer` used by every view: truncation with an ellipsis,
/// right alignment, padding and fixed-width columns. All text arrives as `SafeText`.
///
/// Every write is clipped to ``clip``: a view given a rectangle (``within(_:_:)``) cannot draw
/// outside it, whatever its coordinates say.
struct Canvas {
    var buffer: ScreenBuffer
    /// The cells writes may touch; the whole screen unless a view was given less.
    private(set) var clip: Rect

    init(_ buffer: ScreenBuffer) {
        self.buffer = buffer
        self.clip = Rect(x: 0, y: 0, width: buffer.width, height: buffer.height)
    }

    /// Runs `draw` with writes clipped to `rect` (and to the clip already in force).
    mutating func within(_ rect: Rect, _ draw: (inout Canvas) -> Void) {
        let saved = clip
        clip = clip.intersection(rect)
        defer { clip = saved }
        draw(&self)
    }

    var width: Int { buffer.width }
    var height: Int { buffer.height }

    /// Draws untrusted store text, truncated with `…` to `width` columns.
    @discardableResult
    mutating func text(_ untrusted: String, x: Int, y: Int, width: Int, style: Style) -> Int {
        put(SafeText(untrusted: untrusted), x: x, y: y, width: width, style: style)
    }

    /// Draws untrusted store text like ``text(_:x:y:width:style:)``, with every part matching one
    /// of `words` (ignoring case) in `emphasis`: search matches in the results.
    @discardableResult
    mutating func text(_ untrusted: String, highlighting words: [String], x: Int, y: Int, width: Int, style: Style, emphasis: Style) -> Int {
        let safe = SafeText(untrusted: untrusted)
        let fitted = safe.width > width ? safe.truncated(toWidth: width) : safe
        let string = fitted.string
        var marked: [Range<String.Index>] = []
        for word in words where !word.isEmpty {
            var from = string.startIndex
            while let found = string.range(of: word, options: [.caseInsensitive, .diacriticInsensitive], range: from..<string.endIndex) {
                if !found.isEmpty, !marked.contains(where: { $0.overlaps(found) }) { marked.append(found) }
                from = found.upperBound
            }
        }
        guard !marked.isEmpty else { return put(fitted, x: x, y: y, width: width, style: style) }
        marked.sort { $0.lowerBound < $1.lowerBound }
        var used = 0
        var position = string.startIndex
        // The pieces are slices of text already sanitized: each is written as it is.
        for range in marked {
            if position < range.lowerBound { used += put(SafeText(trusted: String(string[position..<range.lowerBound])), x: x + used, y: y, width: width - used, style: style) }
            used += put(SafeText(trusted: String(string[range])), x: x + used, y: y, width: width - used, style: emphasis)
            position = range.upperBound
        }
        if position < string.endIndex { used += put(SafeText(trusted: String(string[position...])), x: x + used, y: y, width: width - used, style: style) }
        return used
    }

    /// Draws the app's own text.
    @discardableResult
    mutating func label(_ trusted: String, x: Int, y: Int, width: Int? = nil, style: Style) -> Int {
        put(SafeText(trusted: trusted), x: x, y: y, width: width ?? (self.width - x), style: style)
    }

    /// Draws safe text, truncated with `…` to `width` columns; returns the columns used.
    @discardableResult
    mutating func put(_ text: SafeText, x: Int, y: Int, width: Int, style: Style) -> Int {
        // Text may start left of the screen (the buffer drops what falls off), not left of a clip.
        guard y >= clip.y, y < clip.maxY, x >= clip.x || clip.x == 0, x < clip.maxX else { return 0 }
        let width = min(width, clip.maxX - x)
        guard width > 0 else { return 0 }
        let fitted = text.width > width ? text.truncated(toWidth: width) : text
        return buffer.write(fitted, x: x, y: y, style: style, maxWidth: width)
    }

    /// Draws the app's own text right-aligned so it ends at column `right` (exclusive).
    mutating func labelRight(_ trusted: String, right: Int, y: Int, style: Style) {
        let text = SafeText(trusted: trusted)
        let x = max(0, right - text.width)
        put(text, x: x, y: y, width: right - x, style: style)
    }

    /// Fills a row segment with a style (backgrounds of bars and selected rows).
    mutating func fill(x: Int, y: Int, width: Int, style: Style) {
        let area = Rect(x: x, y: y, width: width, height: 1).intersection(clip)
        guard !area.isEmpty else { return }
        buffer.fill(area, style: style)
    }
}

/// A table column: a title, a width (and a wider one for wide screens), and the x position
/// ``layout(_:totalWidth:)`` gives it.
struct Column {
    /// Screens this wide or wider use each column's wide width.
    static let wideScreen = 120

    var title: String
    var width: Int
    /// The width on a wide screen (``wideScreen`` columns or more).
    var wideWidth: Int
    var x = 0

    init(_ title: String, _ width: Int, wide: Int? = nil) {
        self.title = title
        self.width = width
        self.wideWidth = wide ?? width
    }

    /// Lays columns out left to right with one space between them, wide widths on a wide screen;
    /// the last takes what is left.
    static func layout(_ columns: [Column], totalWidth: Int) -> [Column] {
        var result = columns
        var x = 1
        for index in result.indices {
            if totalWidth >= wideScreen { result[index].width = result[index].wideWidth }
            result[index].x = x
            if index == result.count - 1 { result[index].width = max(1, totalWidth - x - 1) }
            x += result[index].width + 1
        }
        return result
    }
}

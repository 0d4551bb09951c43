/// Drawing helpers over a `ScreenBuffer` used by every view: truncation with an ellipsis,
/// right alignment, padding and fixed-width columns. All text arrives as `SafeText`.
struct Canvas {
    var buffer: ScreenBuffer

    init(_ buffer: ScreenBuffer) { self.buffer = buffer }

    var width: Int { buffer.width }
    var height: Int { buffer.height }

    /// Draws untrusted store text, truncated with `…` to `width` columns.
    @discardableResult
    mutating func text(_ untrusted: String, x: Int, y: Int, width: Int, style: Style) -> Int {
        put(SafeText(untrusted: untrusted), x: x, y: y, width: width, style: style)
    }

    /// Draws the app's own text.
    @discardableResult
    mutating func label(_ trusted: String, x: Int, y: Int, width: Int? = nil, style: Style) -> Int {
        put(SafeText(trusted: trusted), x: x, y: y, width: width ?? (self.width - x), style: style)
    }

    /// Draws safe text, truncated with `…` to `width` columns; returns the columns used.
    @discardableResult
    mutating func put(_ text: SafeText, x: Int, y: Int, width: Int, style: Style) -> Int {
        guard width > 0, y >= 0, y < height, x < self.width else { return 0 }
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
        guard width > 0 else { return }
        buffer.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
    }
}

/// A table column: a title, a width, and the x position ``layout(_:totalWidth:)`` gives it.
struct Column {
    var title: String
    var width: Int
    var x = 0

    init(_ title: String, _ width: Int) {
        self.title = title
        self.width = width
    }

    /// Lays columns out left to right with one space between them; the last takes what is left.
    static func layout(_ columns: [Column], totalWidth: Int) -> [Column] {
        var result = columns
        var x = 1
        for index in result.indices {
            result[index].x = x
            if index == result.count - 1 { result[index].width = max(1, totalWidth - x - 1) }
            x += result[index].width + 1
        }
        return result
    }
}

/// A grid of cells the views draw into; the `Terminal` diffs two of them and writes the changes.
///
/// Cells are stored row by row. A wide character is a lead cell of width 2 followed by a
/// continuation cell of width 0; writes keep that pairing intact, blanking the orphaned half when
/// they overwrite one half of a wide character.
public struct ScreenBuffer: Hashable, Sendable {
    /// The number of columns.
    public let width: Int
    /// The number of rows.
    public let height: Int
    /// All cells, row by row: the cell at (x, y) is at index `y * width + x`.
    public private(set) var cells: [Cell]

    /// Creates a buffer of blank cells; negative sizes count as zero.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle at the origin.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x` of row `y`.
    ///
    /// - Precondition: (x, y) lies inside the buffer.
    public subscript(x x: Int, y y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) is outside \(width)×\(height)")
        return cells[y * width + x]
    }

    /// Draws `text` on row `y` from column `x`, clipped to the buffer and to `maxWidth` columns.
    ///
    /// A wide character that does not fit before the right edge is drawn as a space instead;
    /// characters left of column 0 are skipped (the visible half of a clipped wide character
    /// becomes a space). Writing over one half of an existing wide character blanks its other half.
    /// - Parameters:
    ///   - text: The sanitized text to draw.
    ///   - x: The column of the first grapheme; may be negative.
    ///   - y: The row; nothing is drawn when it is outside the buffer.
    ///   - style: The style of every cell written.
    ///   - maxWidth: The most columns to use from `x`, if less than the rest of the row.
    /// - Returns: The columns advanced from `x` (clipped ones included), never past the right edge
    ///   or `maxWidth`; 0 when `y` is outside the buffer.
    /// - Complexity: O(n) in the length of `text`.
    @discardableResult
    public mutating func write(_ text: SafeText, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        var limit = width
        if let maxWidth, maxWidth < width - x { limit = x + max(0, maxWidth) }
        guard x < limit else { return 0 }
        var column = x
        if text.isASCII {
            for byte in text.string.utf8 {
                guard column < limit else { break }
                if column >= 0 { place(.ascii(byte, style: style), at: column, y: y) }
                column += 1
            }
            return column - x
        }
        for character in text.string {
            let graphemeWidth = min(DisplayWidth.of(character), 2)
            guard graphemeWidth > 0 else { continue }
            guard column + graphemeWidth <= limit else {
                while column < limit {
                    if column >= 0 { place(.blank(style: style), at: column, y: y) }
                    column += 1
                }
                break
            }
            if column >= 0 {
                place(Cell(text: String(character), width: UInt8(graphemeWidth), style: style), at: column, y: y)
            } else if column + graphemeWidth > 0 {
                place(.blank(style: style), at: 0, y: y)
            }
            column += graphemeWidth
        }
        return column - x
    }

    /// Draws one of the app's own string literals; see `write(_:x:y:style:maxWidth:)`.
    ///
    /// Only literals are accepted, so store text cannot slip in; build other trusted text with
    /// `SafeText(trusted:)`.
    @discardableResult
    public mutating func write(
        _ literal: StaticString, x: Int, y: Int, style: Style, maxWidth: Int? = nil
    ) -> Int {
        write(SafeText(trusted: literal.description), x: x, y: y, style: style, maxWidth: maxWidth)
    }

    /// Sets every cell inside `rect` (clipped to the buffer) to a space in `style`.
    ///
    /// Wide characters cut by the edges of `rect` have their outside half blanked.
    /// - Complexity: O(area of `rect`).
    public mutating func fill(_ rect: Rect, style: Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                place(.blank(style: style), at: x, y: y)
            }
        }
    }

    /// Sets every cell to a plain space.
    public mutating func clear() {
        for index in cells.indices { cells[index] = .blank }
    }

    /// Stores `cell` (width 1 or 2) at (x, y), keeping wide characters whole: a wide character
    /// half-covered by the new cell loses its other half, and a wide cell writes its continuation.
    private mutating func place(_ cell: Cell, at x: Int, y: Int) {
        let row = y * width
        let last = x + Int(cell.width) - 1
        if cells[row + x].width == 0 && x > 0 {
            cells[row + x - 1] = .blank(style: cells[row + x - 1].style)
        }
        if cells[row + last].width == 2 && last + 1 < width {
            cells[row + last + 1] = .blank(style: cells[row + last + 1].style)
        }
        cells[row + x] = cell
        if cell.width == 2 { cells[row + x + 1] = .continuation(style: cell.style) }
    }
}

/// A horizontal run of cells to redraw: `cells[i]` belongs at column `x + i` of row `y`.
///
/// A run starts on a lead or narrow cell, never on the trailing half of a wide character, and it
/// holds both halves of every wide character it touches.
public struct CellRun: Hashable, Sendable {
    /// The column of the first cell.
    public var x: Int
    /// The row.
    public var y: Int
    /// The cells, left to right, continuation cells included.
    public var cells: [Cell]

    /// Creates a run of `cells` starting at column `x` of row `y`.
    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }
}

extension ScreenBuffer {
    /// Runs separated by at most this many unchanged cells are merged: rewriting a few cells
    /// costs fewer bytes than a cursor move.
    static let mergeGap = 3

    /// Returns the runs of cells that differ from `previous`, row by row, left to right.
    ///
    /// With no previous buffer, or one of another size, every row is one whole run. If either half
    /// of a wide character changed, its run covers both halves.
    /// - Complexity: O(width × height).
    public func changes(from previous: ScreenBuffer?) -> [CellRun] {
        guard width > 0 else { return [] }
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).map { y in CellRun(x: 0, y: y, cells: Array(cells[(y * width)..<((y + 1) * width)])) }
        }
        var runs: [CellRun] = []
        cells.withUnsafeBufferPointer { current in
            previous.cells.withUnsafeBufferPointer { old in
                for y in 0..<height {
                    let row = y * width
                    var start = -1
                    var end = -1
                    var x = 0
                    while x < width {
                        guard current[row + x] != old[row + x] else {
                            x += 1
                            continue
                        }
                        let changeStart = current[row + x].width == 0 && x > 0 ? x - 1 : x
                        let changeEnd = current[row + x].width == 2 ? min(x + 2, width) : x + 1
                        if start >= 0 && changeStart - end <= Self.mergeGap {
                            end = max(end, changeEnd)
                        } else {
                            if start >= 0 { runs.append(CellRun(x: start, y: y, cells: Array(current[(row + start)..<(row + end)]))) }
                            start = changeStart
                            end = changeEnd
                        }
                        x = changeEnd
                    }
                    if start >= 0 { runs.append(CellRun(x: start, y: y, cells: Array(current[(row + start)..<(row + end)]))) }
                }
            }
        }
        return runs
    }
}

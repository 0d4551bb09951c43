/// A rectangle of terminal cells: a column `x`, a row `y`, and a size in columns and rows.
public struct Rect: Hashable, Sendable {
    /// How much of a split one part takes.
    public enum Length: Hashable, Sendable {
        /// Exactly this many cells, or what is left if there is less.
        case fixed(Int)
        /// An equal share of what the fixed parts leave.
        case fill
        /// A share of what the fixed parts leave, proportional to the weight (`fill` weighs 1).
        case weighted(Int)
    }

    /// The leftmost column.
    public var x: Int
    /// The top row.
    public var y: Int
    /// The number of columns, never negative.
    public var width: Int
    /// The number of rows, never negative.
    public var height: Int

    /// Creates a rectangle; a negative width or height counts as zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// Whether the rectangle holds no cells.
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The column just right of the rectangle.
    public var maxX: Int { x + width }

    /// The row just below the rectangle.
    public var maxY: Int { y + height }

    /// Whether the cell at (x, y) lies inside.
    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// Returns the part shared with `other`, empty (at this rectangle's origin) if none.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        guard left < right, top < bottom else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Returns the rectangle shrunk by `dx` columns on each side and `dy` rows at top and bottom.
    public func insetBy(dx: Int, dy: Int) -> Rect {
        insetBy(top: dy, left: dx, bottom: dy, right: dx)
    }

    /// Returns the rectangle shrunk by the given margins, never to a negative size.
    public func insetBy(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// Returns the rectangle cut into horizontal bands, top to bottom, one per length.
    ///
    /// Fixed lengths are served first, in order; the rows left are shared among `fill` and
    /// `weighted` parts, any remainder going to the first of them. Parts that get nothing have
    /// height 0, and all parts together never exceed this rectangle.
    /// - Parameter spacing: Rows left empty between neighbouring parts.
    public func rows(_ lengths: [Length], spacing: Int = 0) -> [Rect] {
        Self.sizes(lengths, total: height, spacing: spacing).map { offset, size in
            Rect(x: x, y: y + offset, width: width, height: size)
        }
    }

    /// Returns the rectangle cut into vertical bands, left to right, one per length.
    ///
    /// Lengths are shared out as in `rows(_:spacing:)`.
    /// - Parameter spacing: Columns left empty between neighbouring parts.
    public func columns(_ lengths: [Length], spacing: Int = 0) -> [Rect] {
        Self.sizes(lengths, total: width, spacing: spacing).map { offset, size in
            Rect(x: x + offset, y: y, width: size, height: height)
        }
    }

    /// The offset and size of each part when `total` cells are shared out among `lengths`.
    private static func sizes(_ lengths: [Length], total: Int, spacing: Int) -> [(offset: Int, size: Int)] {
        guard !lengths.isEmpty else { return [] }
        let gap = max(0, spacing)
        var remaining = max(0, total - gap * (lengths.count - 1))
        var sizes = Array(repeating: 0, count: lengths.count)
        var totalWeight = 0
        for (index, length) in lengths.enumerated() {
            switch length {
            case .fixed(let size):
                sizes[index] = min(max(0, size), remaining)
                remaining -= sizes[index]
            case .fill: totalWeight += 1
            case .weighted(let weight): totalWeight += max(0, weight)
            }
        }
        if totalWeight > 0 {
            var shared = 0
            for (index, length) in lengths.enumerated() {
                let weight = length.weight
                guard weight > 0 else { continue }
                sizes[index] = remaining * weight / totalWeight
                shared += sizes[index]
            }
            var leftover = remaining - shared
            for (index, length) in lengths.enumerated() where leftover > 0 && length.weight > 0 {
                sizes[index] += 1
                leftover -= 1
            }
        }
        var offset = 0
        return sizes.map { size in
            let start = min(offset, max(0, total))
            defer { offset += size + gap }
            return (start, min(size, max(0, total - start)))
        }
    }
}

extension Rect.Length {
    /// The share weight of a flexible length; 0 for a fixed one.
    fileprivate var weight: Int {
        switch self {
        case .fixed: 0
        case .fill: 1
        case .weighted(let weight): max(0, weight)
        }
    }
}

extension Rect {
    /// The smallest rectangle holding both (one of them when the other is empty).
    public func union(_ other: Rect) -> Rect {
        if isEmpty { return other }
        if other.isEmpty { return self }
        let left = min(x, other.x), top = min(y, other.y)
        return Rect(x: left, y: top, width: max(maxX, other.maxX) - left, height: max(maxY, other.maxY) - top)
    }
}

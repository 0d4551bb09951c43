/// One terminal column of a `ScreenBuffer`: a grapheme cluster with its display width and style.
///
/// A wide (two-column) grapheme occupies a lead cell of width 2 followed by a continuation cell of
/// width 0 whose text is empty. Cells are only filled through `ScreenBuffer`, whose text comes from
/// `SafeText`, so a cell never holds a control character.
public struct Cell: Hashable, Sendable {
    /// One grapheme cluster, or "" for the trailing half of a wide character.
    public internal(set) var text: String
    /// The columns the text occupies: 1 or 2, or 0 for the trailing half of a wide character.
    public internal(set) var width: UInt8
    /// How the cell is drawn.
    public var style: Style

    init(text: String, width: UInt8, style: Style) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A plain space.
    public static let blank = Cell(text: " ", width: 1, style: .plain)

    /// Returns a space drawn in `style`.
    public static func blank(style: Style) -> Cell {
        Cell(text: " ", width: 1, style: style)
    }

    /// Returns the trailing half of a wide character drawn in `style`.
    static func continuation(style: Style) -> Cell {
        Cell(text: "", width: 0, style: style)
    }

    /// Returns a cell for the ASCII byte `byte` (0x20–0x7E) without building a new string.
    static func ascii(_ byte: UInt8, style: Style) -> Cell {
        Cell(text: asciiText[Int(byte & 0x7F)], width: 1, style: style)
    }

    /// Whether this is the trailing half of a wide character.
    public var isContinuation: Bool { width == 0 }

    /// One small string per ASCII code, shared by every ASCII cell.
    private static let asciiText: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
}

/// A terminal colour: the terminal's own default, one of the 16 ANSI colours, or a 256-colour index.
public enum Color: Hashable, Sendable {
    /// The terminal's default foreground or background.
    case `default`
    /// One of the 16 ANSI colours: 0–7 normal, 8–15 bright. Larger values are taken modulo 16 when drawn.
    case ansi(UInt8)
    /// One of the 256 colours of a 256-colour terminal (0–15 ANSI, 16–231 colour cube, 232–255 greys).
    case indexed(UInt8)
}

/// How a cell is drawn: its foreground and background colours and its text attributes.
public struct Style: Hashable, Sendable {
    /// Text attributes that can be combined (bold, dim, reverse video, underline, italic).
    public struct Attributes: OptionSet, Hashable, Sendable {
        /// The bit pattern of the set attributes.
        public let rawValue: UInt8

        /// Creates attributes from their bit pattern.
        public init(rawValue: UInt8) {
            self.rawValue = rawValue
        }

        /// Heavier text.
        public static let bold = Attributes(rawValue: 1 << 0)
        /// Fainter text.
        public static let dim = Attributes(rawValue: 1 << 1)
        /// Foreground and background swapped.
        public static let reverse = Attributes(rawValue: 1 << 2)
        /// Underlined text.
        public static let underline = Attributes(rawValue: 1 << 3)
        /// Slanted text (where the terminal supports it).
        public static let italic = Attributes(rawValue: 1 << 4)
    }

    /// The colour of the text.
    public var foreground: Color
    /// The colour behind the text.
    public var background: Color
    /// The text attributes.
    public var attributes: Attributes

    /// Creates a style; every part defaults to the terminal's default.
    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default colours and no attributes.
    public static let plain = Style()

    /// Returns this style with `attributes` added to its own.
    public func adding(_ attributes: Attributes) -> Style {
        var style = self
        style.attributes.formUnion(attributes)
        return style
    }
}

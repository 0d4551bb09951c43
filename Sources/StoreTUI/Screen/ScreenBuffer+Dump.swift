extension ScreenBuffer {
    /// Returns the text of every row, rows joined by "\n", for snapshot tests.
    ///
    /// Trailing spaces are kept so alignment stays visible; the trailing half of a wide character
    /// adds nothing, so each row shows exactly what a terminal shows.
    /// - Complexity: O(width × height).
    public func textDump() -> String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for cell in cells[(y * width)..<((y + 1) * width)] where cell.width > 0 {
                line += cell.text
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Returns the style runs of every row, rows joined by "\n", for snapshot tests of colour
    /// against NO_COLOR.
    ///
    /// Each row lists `column:style` at every column where the style changes, starting at 0; a
    /// style is `-` when plain, else comma-separated parts such as `fg=a1` (ANSI colour 1),
    /// `bg=i236` (256-colour index 236) and the attribute names, e.g. `0:- 4:fg=a2,bold 10:-`.
    /// - Complexity: O(width × height).
    public func styleDump() -> String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var parts: [String] = []
            var current: Style?
            for x in 0..<width {
                let style = cells[y * width + x].style
                if style != current {
                    parts.append("\(x):\(Self.dumpCode(for: style))")
                    current = style
                }
            }
            lines.append(parts.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    /// The compact text of one style used by `styleDump()`.
    static func dumpCode(for style: Style) -> String {
        var parts: [String] = []
        if let color = dumpCode(for: style.foreground) { parts.append("fg=\(color)") }
        if let color = dumpCode(for: style.background) { parts.append("bg=\(color)") }
        let names: [(Style.Attributes, String)] = [
            (.bold, "bold"), (.dim, "dim"), (.reverse, "reverse"), (.underline, "underline"), (.italic, "italic"),
        ]
        for (attribute, name) in names where style.attributes.contains(attribute) { parts.append(name) }
        return parts.isEmpty ? "-" : parts.joined(separator: ",")
    }

    /// The compact text of one colour, or nil for the terminal default.
    private static func dumpCode(for color: Color) -> String? {
        switch color {
        case .default: nil
        case .ansi(let number): "a\(number)"
        case .indexed(let number): "i\(number)"
        }
    }
}

/// Untrusted text made safe to keep and show anywhere: every control character becomes a visible
/// placeholder, as the console draws store text.
///
/// C0 controls become their Control Pictures (`ESC` → `␛`, NUL → `␀`, newline → `␤`), DEL becomes
/// `␡`, C1 controls (8-bit CSI, OSC, DCS …) and bidirectional overrides become U+FFFD. Everything else
/// is kept, so the text still says what the sender wrote.
public enum VisibleText {
    /// `text` with every control character replaced by a visible placeholder.
    public static func replacingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isControl(scalar) ? placeholder(for: scalar) : scalar)
        }
        return String(scalars)
    }

    /// Whether `scalar` is a control character or a bidirectional control.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func placeholder(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x0A: "\u{2424}"
        case 0x00..<0x20: Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
        case 0x7F: "\u{2421}"
        default: "\u{FFFD}"
        }
    }
}

extension String {
    /// This text without NUL (U+FFFD instead), cut to at most `bytes` bytes of UTF-8 at a character
    /// boundary: what a store keeps of a free-text field read from an uploaded file.
    public func storable(maximumBytes bytes: Int) -> String {
        var result = ""
        var count = 0
        for character in replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") {
            count += character.utf8.count
            if count > bytes { break }
            result.append(character)
        }
        return result
    }
}

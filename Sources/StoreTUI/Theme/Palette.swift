/// Colour arithmetic for terminals with fewer colours than a theme asks for.
enum Palette {
    /// The nearest of the 16 ANSI colours to a 256-colour index.
    static func nearestANSI(toIndexed index: UInt8) -> UInt8 {
        if index < 16 { return index }
        if index >= 232 { return index < 244 ? 8 : 7 }
        let cube = Int(index) - 16
        let r = cube / 36, g = (cube / 6) % 6, b = cube % 6
        let bright = max(r, g, b) >= 4
        let bits = (r >= 2 ? 1 : 0) | (g >= 2 ? 2 : 0) | (b >= 2 ? 4 : 0)
        if bits == 0 { return bright ? 8 : 0 }
        return UInt8(bits + (bright ? 8 : 0))
    }
}

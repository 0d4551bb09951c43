/// The two built-in colour schemes.
public enum ThemeName: String, Hashable, Sendable, CaseIterable {
    case dark, light
}

/// Semantic styles the views draw with. Works on dark and light terminals, in 16 and 256
/// colours, and without colour (attributes only) for NO_COLOR and `--no-color`.
public struct Theme: Hashable, Sendable {
    public var text: Style
    public var dim: Style
    public var title: Style
    public var header: Style
    public var selected: Style
    public var tabActive: Style
    public var tabInactive: Style
    public var field: Style
    public var verified: Style
    public var starred: Style
    public var error: Style
    public var warning: Style
    public var success: Style
    public var following: Style
    public var progressive: Style
    public var statusBar: Style
    public var storeBadge: Style
    public var key: Style
    public var border: Style
    /// A chart's series, in order (the last is "other"): colours, or attributes without colour.
    public var series: [Style]
    /// What fills each series' area: one solid block in colour; patterns without colour, so the
    /// series stay apart in NO_COLOR.
    public var seriesFill: [Character]

    /// Builds a theme.
    /// - Parameters:
    ///   - storeColor: the store's identity colour (256-colour index), so a production server
    ///     never looks like the demo.
    public static func make(_ name: ThemeName, useColor: Bool, storeColor: UInt8) -> Theme {
        guard useColor else { return monochrome }
        let fg: Color = .default
        let accent: Color = name == .dark ? .ansi(14) : .ansi(4)
        let muted: Color = name == .dark ? .indexed(245) : .indexed(242)
        let barBackground: Color = name == .dark ? .indexed(236) : .indexed(254)
        return Theme(
            text: Style(foreground: fg),
            dim: Style(foreground: muted),
            title: Style(foreground: accent, attributes: .bold),
            header: Style(foreground: fg, attributes: [.bold, .underline]),
            selected: Style(foreground: fg, attributes: .reverse),
            tabActive: Style(foreground: accent, attributes: [.bold, .reverse]),
            tabInactive: Style(foreground: muted),
            field: Style(foreground: fg, attributes: .underline),
            verified: Style(foreground: name == .dark ? .ansi(10) : .ansi(2), attributes: .bold),
            starred: Style(foreground: name == .dark ? .ansi(11) : .ansi(3), attributes: .bold),
            error: Style(foreground: name == .dark ? .ansi(9) : .ansi(1), attributes: .bold),
            warning: Style(foreground: name == .dark ? .ansi(11) : .ansi(3)),
            success: Style(foreground: name == .dark ? .ansi(10) : .ansi(2)),
            following: Style(foreground: muted),
            progressive: Style(foreground: name == .dark ? .ansi(13) : .ansi(5)),
            statusBar: Style(foreground: fg, background: barBackground),
            storeBadge: Style(foreground: .ansi(15), background: .indexed(storeColor), attributes: .bold),
            key: Style(foreground: accent, attributes: .bold),
            border: Style(foreground: muted),
            series: [accent, name == .dark ? .ansi(11) : .ansi(3), name == .dark ? .ansi(13) : .ansi(5),
                     name == .dark ? .ansi(10) : .ansi(2), muted].map { Style(foreground: $0) },
            seriesFill: ["█", "█", "█", "█", "█"])
    }

    /// Attributes only: what NO_COLOR and `--no-color` get.
    public static let monochrome = Theme(
        text: .plain,
        dim: Style(attributes: .dim),
        title: Style(attributes: .bold),
        header: Style(attributes: [.bold, .underline]),
        selected: Style(attributes: .reverse),
        tabActive: Style(attributes: [.bold, .reverse]),
        tabInactive: .plain,
        field: Style(attributes: .underline),
        verified: Style(attributes: .bold),
        starred: Style(attributes: .bold),
        error: Style(attributes: [.bold, .reverse]),
        warning: Style(attributes: .bold),
        success: .plain,
        following: Style(attributes: .dim),
        progressive: Style(attributes: .underline),
        statusBar: Style(attributes: .reverse),
        storeBadge: Style(attributes: [.bold, .reverse]),
        key: Style(attributes: .bold),
        border: .plain,
        series: [.plain, .plain, .plain, .plain, Style(attributes: .dim)],
        seriesFill: ["█", "▓", "▒", "░", "·"])

    /// A stable colour per store location; the embedded demo store is always teal.
    public static func storeColor(for location: String, isRemote: Bool) -> UInt8 {
        guard isRemote else { return 30 }
        let palette: [UInt8] = [124, 130, 94, 90, 54, 25, 22, 88]
        var hash: UInt32 = 2_166_136_261
        for byte in location.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return palette[Int(hash % UInt32(palette.count))]
    }
}

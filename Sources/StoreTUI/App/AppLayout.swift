/// The screen's fixed sizes; ``PaneLayout`` cuts each screen from them.
public enum AppLayout {
    /// Below this size the console shows a "too small" notice instead of the panes.
    public static let minimumWidth = 50
    public static let minimumHeight = 12

    /// Title/breadcrumb row, then a toolbar row (search field or tabs), body, status bar.
    public static let headerRows = 2
    public static let statusRows = 1

    /// Whether the terminal is big enough to draw the panes.
    public static func fits(width: Int, height: Int) -> Bool { width >= minimumWidth && height >= minimumHeight }
}

/// Keeps a selection inside a list and visible in a window of `rows` rows.
public struct ListCursor {
    /// Scrolls so `selection` is visible, without leaving empty rows at the bottom.
    public static func follow(selection: Int, scroll: inout Int, count: Int, rows: Int) {
        if selection < scroll { scroll = selection }
        if selection >= scroll + rows { scroll = selection - rows + 1 }
        scroll = max(0, min(scroll, max(0, count - rows)))
    }
}

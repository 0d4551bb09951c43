/// The rectangles of one screen: where each part of a pane is drawn.
///
/// One pure function gives them (``PaneLayout/of(_:width:height:)``); the views draw inside them
/// and the reducers take their page sizes and mouse hit-tests from the same values, so what is
/// drawn and what a key or click does cannot drift apart.
public struct PaneLayout: Hashable, Sendable {
    /// The title row: the breadcrumb and the version.
    public var title: Rect
    /// The row under the title: a search or filter field, tabs, or the pane's own title.
    public var toolbar: Rect
    /// Everything between the toolbar and the status bar.
    public var body: Rect
    /// A list's column titles (empty for panes without a table).
    public var header: Rect
    /// A list's rows: one row per item shown.
    public var list: Rect
    /// Under the list: a separator row, then the highlighted item in full (empty when the pane has none).
    public var detail: Rect
    /// A last row inside the body (the revisions table's download line), or empty.
    public var footer: Rect
    /// A long status message's own rows above the status bar (empty when it fits in the bar).
    public var message: Rect
    /// The status bar.
    public var status: Rect

    /// What a pane's body holds, which decides how it is cut.
    public enum Shape: Hashable, Sendable {
        /// Free text or a drawing over the whole body (detail, channel map, preview, publisher page).
        case plain
        /// A table: column titles, then rows.
        case table
        /// A table whose rows take about half the body; the highlighted item shows below.
        case tableOverHalfDetail
        /// A table over a detail box of `rows` rows (and its separator).
        case tableOverDetail(rows: Int)
        /// A table with one footer row under it.
        case tableWithFooter
    }

    /// The rows a list shows (at least 1).
    public var listRows: Int { max(1, list.height) }

    /// The row of the list a screen row `y` falls on, if it falls on the list.
    public func listRow(atScreenRow y: Int) -> Int? {
        y >= list.y && y < list.maxY ? y - list.y : nil
    }

    /// Whether a screen row is the toolbar's.
    public func isToolbar(row y: Int) -> Bool { y == toolbar.y }

    /// The layout of a `width`×`height` screen whose pane has `shape`, with `messageRows` rows
    /// above the status bar for a message too long for it.
    public static func of(_ shape: Shape, width: Int, height: Int, messageRows: Int = 0) -> PaneLayout {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let bands = screen.rows([.fixed(1), .fixed(1), .fill, .fixed(messageRows), .fixed(AppLayout.statusRows)])
        let body = bands[2]
        let empty = Rect(x: 0, y: body.maxY, width: width, height: 0)
        var layout = PaneLayout(title: bands[0], toolbar: bands[1], body: body, header: empty, list: empty,
                                detail: empty, footer: empty, message: bands[3], status: bands[4])
        switch shape {
        case .plain:
            layout.list = body
        case .table:
            let parts = body.rows([.fixed(1), .fill])
            layout.header = parts[0]
            layout.list = parts[1]
        case .tableOverHalfDetail:
            let rows = max(3, (body.height - 1) / 2 - 1)
            let parts = body.rows([.fixed(1), .fixed(rows), .fill])
            layout.header = parts[0]
            layout.list = parts[1]
            layout.detail = parts[2]
        case .tableOverDetail(let detailRows):
            let rows = max(2, body.height - 1 - detailRows - 1)
            let parts = body.rows([.fixed(1), .fixed(rows), .fill])
            layout.header = parts[0]
            layout.list = parts[1]
            layout.detail = parts[2]
        case .tableWithFooter:
            let parts = body.rows([.fixed(1), .fill, .fixed(1)])
            layout.header = parts[0]
            layout.list = parts[1]
            layout.footer = parts[2]
        }
        return layout
    }
}

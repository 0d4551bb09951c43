import StoreModels
import StoreService

/// The publishers list: a search field, then username, name, badge and status.
enum PublishersView {
    /// The publishers table: username, name, badge, status.
    static let table = [Column("USERNAME", 16, wide: 24), Column("NAME", 22, wide: 30), Column("BADGE", 11), Column("STATUS", 10)]

    static func columns(width: Int) -> [Column] { Column.layout(table, totalWidth: width) }

    static func render(_ state: AppState, layout: PaneLayout, into canvas: inout Canvas, theme: Theme) {
        let list = state.publishers
        let fieldY = layout.toolbar.y
        FilterFieldView.drawTitled("Publishers", list.query, isEditing: list.isEditing, hint: "f to search by name",
                                   y: fieldY, width: max(10, min(30, canvas.width / 3)), into: &canvas, theme: theme)
        canvas.labelRight(list.list.place("publisher", "publishers") + " ", right: canvas.width, y: fieldY, style: theme.dim)

        let columns = columns(width: canvas.width)
        let empty = TableView.placeholder(list.list, loading: "Searching publishers…", none: "No publisher matches this search.")
        TableView.draw(list.list, columns: columns, layout: layout, empty: empty, into: &canvas, theme: theme) { publisher, row, canvas in
            let (y, base, isSelected) = (row.y, row.base, row.isHighlighted)
            canvas.text(publisher.username, x: columns[0].x, y: y, width: columns[0].width, style: base.adding(.bold))
            canvas.text(publisher.displayName, x: columns[1].x, y: y, width: columns[1].width, style: base)
            drawBadge(publisher.validation, x: columns[2].x, y: y, width: columns[2].width, base: base, isSelected: isSelected, into: &canvas, theme: theme)
            drawStatus(publisher.status, x: columns[3].x, y: y, width: columns[3].width, base: base, isSelected: isSelected, into: &canvas, theme: theme)
        }
    }

    static func drawBadge(_ validation: Publisher.Validation, x: Int, y: Int, width: Int, base: Style, isSelected: Bool, into canvas: inout Canvas, theme: Theme) {
        let badge = Badge.of(validation)
        let style: Style
        switch validation {
        case .verified: style = isSelected ? base : theme.verified
        case .starred: style = isSelected ? base : theme.starred
        case .unproven: style = isSelected ? base : theme.dim
        }
        canvas.label((badge.isEmpty ? "" : badge + " ") + validation.rawValue, x: x, y: y, width: width, style: style)
    }

    static func drawStatus(_ status: Publisher.AccountStatus, x: Int, y: Int, width: Int, base: Style, isSelected: Bool, into canvas: inout Canvas, theme: Theme) {
        switch status {
        case .active:
            canvas.label("active", x: x, y: y, width: width, style: isSelected ? base : theme.dim)
        case .suspended(let reason):
            let used = canvas.label("suspended: ", x: x, y: y, width: width, style: isSelected ? base : theme.error)
            canvas.text(reason, x: x + used, y: y, width: width - used, style: isSelected ? base : theme.error)
        }
    }
}

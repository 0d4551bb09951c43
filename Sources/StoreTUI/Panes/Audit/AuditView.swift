import Foundation
import StoreModels

/// The audit log: the filter line, every change newest first, and the highlighted one in full.
enum AuditView {
    /// The log's table: when, who, what, on which object, and the change.
    static let table = [Column("WHEN", 8), Column("ACTOR", 10, wide: 16), Column("ACTION", 16, wide: 20), Column("OBJECT", 16, wide: 26), Column("CHANGE", 10)]

    static func columns(width: Int) -> [Column] { Column.layout(table, totalWidth: width) }

    static func render(_ state: AppState, layout: PaneLayout, into canvas: inout Canvas, theme: Theme) {
        let audit = state.audit
        let fieldY = layout.toolbar.y
        let right = FilterFieldView.drawTitled(
            "Audit log", audit.filter, isEditing: audit.isEditing, hint: "/ to filter: words, actor: package: action:",
            y: fieldY, width: max(12, min(44, canvas.width / 2 - 8)), into: &canvas, theme: theme) + 1
        if let error = audit.filterError {
            canvas.text(error, x: right, y: fieldY, width: canvas.width - right - 1, style: theme.error)
        } else {
            let count = audit.list.place("event", "events") + " · newest first "
            if right + SafeText(trusted: count).width < canvas.width { canvas.labelRight(count, right: canvas.width, y: fieldY, style: theme.dim) }
        }

        let columns = columns(width: canvas.width)
        let empty = TableView.placeholder(
            audit.list, loading: "Loading the audit log…",
            none: audit.filter.isEmpty ? "Nothing has changed yet." : "No change matches this filter.")
        TableView.draw(audit.list, columns: columns, layout: layout, empty: empty, into: &canvas, theme: theme) { event, row, canvas in
            drawRow(event, y: row.y, columns: columns, isSelected: row.isHighlighted, now: state.now, into: &canvas, theme: theme)
        }
        guard let event = audit.selected, let detail = TableView.drawSeparator(layout, into: &canvas, theme: theme) else { return }
        canvas.within(detail) { canvas in drawDetail(event, y: detail.y, bottom: detail.maxY, into: &canvas, theme: theme) }
    }

    static func drawRow(_ event: AuditEvent, y: Int, columns: [Column], isSelected: Bool, now: Date, into canvas: inout Canvas, theme: Theme) {
        let base = isSelected ? theme.selected : theme.text
        canvas.label(Formatting.relative(event.at, to: now), x: columns[0].x, y: y, width: columns[0].width, style: isSelected ? base : theme.dim)
        canvas.text(event.actor, x: columns[1].x, y: y, width: columns[1].width, style: base.adding(.bold))
        canvas.text(event.action, x: columns[2].x, y: y, width: columns[2].width, style: isSelected ? base : actionStyle(event.action, theme))
        canvas.text(event.objectID, x: columns[3].x, y: y, width: columns[3].width, style: base)
        var change = AuditSummary.change(event)
        if let reason = event.reason, !reason.isEmpty { change = change.isEmpty ? "“\(reason)”" : change + " · “\(reason)”" }
        canvas.text(change, x: columns[4].x, y: y, width: columns[4].width, style: isSelected ? base : theme.dim)
    }

    static func actionStyle(_ action: String, _ theme: Theme) -> Style {
        if action.hasSuffix("suspend") || action.hasSuffix("reject") || action.hasSuffix("revoke") || action == "close" { return theme.warning }
        if action.hasPrefix("release") || action == "promote" || action.hasSuffix("approve") { return theme.success }
        return theme.text
    }

    static func drawDetail(_ event: AuditEvent, y top: Int, bottom: Int, into canvas: inout Canvas, theme: Theme) {
        var y = top
        let width = canvas.width - 4
        guard y < bottom else { return }
        var x = canvas.label(Formatting.timestamp(event.at) + " · ", x: 2, y: y, style: theme.dim) + 2
        x += canvas.text(event.actor, x: x, y: y, width: 24, style: theme.text.adding(.bold))
        if let role = event.actorRole { x += canvas.label(" (\(role.rawValue))", x: x, y: y, style: theme.dim) }
        x += canvas.label(" · ", x: x, y: y, style: theme.dim)
        x += canvas.text(event.action, x: x, y: y, width: 24, style: actionStyle(event.action, theme))
        x += canvas.label(" · \(event.objectKind.rawValue) ", x: x, y: y, style: theme.dim)
        canvas.text(event.objectID, x: x, y: y, width: max(1, canvas.width - x - 1), style: theme.text)
        y += 1
        if let reason = event.reason, !reason.isEmpty, y < bottom {
            let used = canvas.label("Reason  ", x: 2, y: y, style: theme.dim)
            canvas.text(reason, x: 2 + used, y: y, width: width - used, style: theme.text)
            y += 1
        }
        let change = AuditSummary.change(event)
        guard !change.isEmpty else { return }
        for (index, line) in SafeText.wrapped(untrusted: change, width: max(10, width - 8), maxLines: max(1, bottom - y)).enumerated() where y < bottom {
            if index == 0 { canvas.label("Change  ", x: 2, y: y, style: theme.dim) }
            canvas.put(line, x: 10, y: y, width: width - 8, style: theme.text)
            y += 1
        }
    }
}

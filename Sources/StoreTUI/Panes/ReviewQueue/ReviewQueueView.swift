import Foundation
import StoreModels
import StoreService

/// The review queue: the pending uploads (oldest first) above, the highlighted one's automated
/// check results and what changed since the previous revision below.
enum ReviewQueueView {
    /// The queue's table: age, package, revision, version, publisher, check flags.
    static let table = [
        Column("UPLOADED", 8), Column("PACKAGE", 15, wide: 24), Column("REV", 5), Column("VERSION", 9, wide: 14),
        Column("PUBLISHER", 12, wide: 20), Column("FLAGS", 10),
    ]

    static func columns(width: Int) -> [Column] { Column.layout(table, totalWidth: width) }

    static func render(_ state: AppState, layout: PaneLayout, into canvas: inout Canvas, theme: Theme) {
        let queue = state.reviewQueue
        let toolbarY = layout.toolbar.y
        var x = canvas.label(" Review queue ", x: 1, y: toolbarY, style: theme.tabActive)
        var summary = " \(queue.countText ?? "…") pending · oldest first"
        if !queue.list.items.isEmpty { summary += " · row \(queue.list.highlighted + 1)" }
        if !queue.marked.isEmpty { summary += " · \(queue.marked.count) selected" }
        if !queue.skipped.isEmpty { summary += " · \(queue.skipped.count) skipped" }
        x += canvas.label(summary, x: x, y: toolbarY, style: theme.dim)
        let hints = KeyHints.text([("Space", "select", .toggleSelection), ("a", "approve", .approve), ("d", "reject", .reject),
                                   ("s", "skip", .skip), ("Enter", "open", .open)], in: state)
        if x + SafeText(trusted: hints).width + 2 < canvas.width {
            canvas.labelRight(hints, right: canvas.width, y: toolbarY, style: theme.dim)
        }

        let columns = columns(width: canvas.width)
        let empty = TableView.placeholder(queue.list, loading: "Loading the review queue…", none: "No uploads are waiting for review.")
        TableView.draw(queue.list, columns: columns, layout: layout, empty: empty, into: &canvas, theme: theme) { _, row, canvas in
            drawRow(queue, index: row.index, y: row.y, columns: columns, now: state.now, into: &canvas, theme: theme)
        }
        guard let item = queue.highlighted, let detail = TableView.drawSeparator(layout, into: &canvas, theme: theme) else { return }
        canvas.within(detail) { canvas in drawDetail(item, in: detail, into: &canvas, theme: theme) }
    }

    static func drawRow(_ queue: ReviewQueueState, index: Int, y: Int, columns: [Column], now: Date, into canvas: inout Canvas, theme: Theme) {
        let item = queue.list.items[index]
        let target = ReviewTarget(item)
        let isHighlighted = index == queue.list.highlighted
        let isSkipped = queue.skipped.contains(target)
        let base = isHighlighted ? theme.selected : (isSkipped ? theme.dim : theme.text)
        if queue.marked.contains(target) { canvas.label("●", x: 0, y: y, width: 1, style: isHighlighted ? base : theme.key) }
        else if isSkipped { canvas.label("↷", x: 0, y: y, width: 1, style: base) }
        canvas.label(Formatting.relative(item.revision.createdAt, to: now), x: columns[0].x, y: y, width: columns[0].width, style: isHighlighted ? base : theme.dim)
        canvas.text(item.package.rawValue, x: columns[1].x, y: y, width: columns[1].width, style: base.adding(.bold))
        canvas.label("\(item.revision.number)", x: columns[2].x, y: y, width: columns[2].width, style: base)
        canvas.text(item.revision.version, x: columns[3].x, y: y, width: columns[3].width, style: base)
        canvas.text(item.publisher.username, x: columns[4].x, y: y, width: columns[4].width, style: base)
        let flags = ReviewDiff.flags(item)
        canvas.text(flags, x: columns[5].x, y: y, width: columns[5].width, style: isHighlighted || flags == "–" ? base : theme.warning)
    }

    static func drawDetail(_ item: ReviewItem, in area: Rect, into canvas: inout Canvas, theme: Theme) {
        var y = area.y
        let bottom = area.y + area.height
        let width = canvas.width - 4
        func line(_ draw: (inout Canvas, Int) -> Void) {
            guard y < bottom else { return }
            draw(&canvas, y)
            y += 1
        }
        line { canvas, y in
            var x = canvas.text(item.package.rawValue, x: 2, y: y, width: width / 2, style: theme.title) + 2
            x += canvas.label(" r\(item.revision.number) · \(item.packageType) · ", x: x, y: y, style: theme.dim)
            x += canvas.text(item.revision.version, x: x, y: y, width: 16, style: theme.text.adding(.bold))
            x += canvas.label(" · by ", x: x, y: y, style: theme.dim)
            x += canvas.text(item.publisher.displayName, x: x, y: y, width: max(1, canvas.width - x - 20), style: theme.text)
            let badge = Badge.of(item.publisher.validation)
            if !badge.isEmpty { canvas.label(" " + badge, x: x, y: y, width: 2, style: item.publisher.validation == .verified ? theme.verified : theme.starred) }
        }
        line { canvas, y in canvas.label("Automated checks", x: 2, y: y, style: theme.header) }
        if item.revision.checks.isEmpty {
            line { canvas, y in canvas.label("no findings", x: 4, y: y, style: theme.dim) }
        }
        for check in item.revision.checks.sorted(by: { $0.severity > $1.severity }) {
            line { canvas, y in
                let style: Style = check.severity >= .needsReview ? theme.error : (check.severity == .warning ? theme.warning : theme.dim)
                canvas.label(check.severity.rawValue, x: 4, y: y, width: 13, style: style)
                canvas.text(check.code, x: 18, y: y, width: 22, style: theme.text)
                canvas.text(check.message, x: 41, y: y, width: max(1, canvas.width - 42), style: theme.text)
            }
        }
        let title = item.previous.map { "Changes since r\($0.number)" } ?? "First upload of this package"
        line { canvas, y in canvas.label(title, x: 2, y: y, style: theme.header) }
        for change in ReviewDiff.changes(item) {
            line { canvas, y in
                if change.isConcern { canvas.label("!", x: 2, y: y, width: 1, style: theme.warning) }
                canvas.label(change.label, x: 4, y: y, width: 16, style: theme.dim)
                var x = 21
                if !change.before.isEmpty {
                    x += canvas.text(change.before, x: x, y: y, width: 24, style: theme.dim)
                    x += canvas.label(" → ", x: x, y: y, style: theme.key)
                }
                canvas.text(change.after, x: x, y: y, width: max(1, canvas.width - x - 1), style: change.isConcern ? theme.warning.adding(.bold) : theme.text)
            }
        }
    }
}

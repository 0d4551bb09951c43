import StoreModels
import StoreService

/// One publisher: account (badge, status), their packages, and their audit entries.
enum PublisherDetailView {
    static func render(_ state: AppState, _ detail: PublisherDetailState, body: Rect, into canvas: inout Canvas, theme: Theme) {
        var x = canvas.label(" Publisher ", x: 1, y: body.y - 1, style: theme.tabActive)
        x += canvas.text(" " + detail.username, x: x, y: body.y - 1, width: canvas.width / 2 - x, style: theme.text.adding(.bold))
        let hints = KeyHints.text([("v", "badge", .verify), ("S", "suspend", .suspendPublisher), ("U", "unsuspend", .unsuspendPublisher),
                                   ("Enter", "open", .open)], in: state)
        if x + SafeText(trusted: hints).width + 2 < canvas.width {
            canvas.labelRight(hints, right: canvas.width, y: body.y - 1, style: theme.dim)
        }
        var y = body.y
        let bottom = body.y + body.height
        if let publisher = detail.publisher.value {
            var x = canvas.text(publisher.displayName, x: 1, y: y, width: canvas.width / 2, style: theme.title)
            x += canvas.text(" (\(publisher.username))", x: 1 + x, y: y, width: canvas.width / 3, style: theme.dim) + 2
            PublishersView.drawBadge(publisher.validation, x: x, y: y, width: 14, base: theme.text, isSelected: false, into: &canvas, theme: theme)
            y += 1
            let used = canvas.label("Account  id \(publisher.id) · ", x: 1, y: y, style: theme.dim)
            PublishersView.drawStatus(publisher.status, x: 1 + used, y: y, width: canvas.width - used - 2, base: theme.text, isSelected: false, into: &canvas, theme: theme)
        } else if let error = detail.publisher.error {
            canvas.text(error.description + error.retryHint, x: 1, y: y, width: canvas.width - 2, style: theme.error)
        } else {
            canvas.label("Loading the publisher…", x: 1, y: y, style: theme.dim)
        }
        y += 2
        let remaining = bottom - y
        let packageRows = max(1, min((detail.packages.value?.items.count ?? 1), remaining / 2 - 2))
        y = drawPackages(detail, y: y, rows: packageRows, into: &canvas, theme: theme)
        y += 1
        drawAudit(state, detail, y: y, bottom: bottom, into: &canvas, theme: theme)
    }

    /// The packages section; returns the row after it.
    static func drawPackages(_ detail: PublisherDetailState, y top: Int, rows: Int, into canvas: inout Canvas, theme: Theme) -> Int {
        var y = top
        let packages = detail.packages.value?.items ?? []
        let total = detail.packages.value.map { $0.total.map(String.init) ?? "\($0.items.count)\($0.nextCursor != nil ? "+" : "")" } ?? "…"
        canvas.label("Packages · \(total)", x: 1, y: y, style: theme.title)
        y += 1
        if packages.isEmpty {
            let message: String
            if let error = detail.packages.error { message = error.description }
            else if detail.packages.value == nil { message = "Loading packages…" }
            else { message = "No public packages (a suspended publisher's packages are hidden)." }
            canvas.text(message, x: 3, y: y, width: canvas.width - 4, style: detail.packages.error != nil ? theme.error : theme.dim)
            return y + 1
        }
        let columns = SearchView.columns(width: canvas.width)
        let scroll = max(0, detail.selection - rows + 1)
        for (offset, package) in packages.dropFirst(scroll).prefix(rows).enumerated() {
            let isSelected = scroll + offset == detail.selection
            let base = isSelected ? theme.selected : theme.text
            if isSelected { canvas.fill(x: 0, y: y, width: canvas.width, style: base) }
            SearchView.drawRow(package, y: y, columns: columns, base: base, isSelected: isSelected, into: &canvas, theme: theme)
            y += 1
        }
        return y
    }

    static func drawAudit(_ state: AppState, _ detail: PublisherDetailState, y top: Int, bottom: Int, into canvas: inout Canvas, theme: Theme) {
        var y = top
        guard y < bottom else { return }
        canvas.label("Audit · newest first", x: 1, y: y, style: theme.title)
        y += 1
        let events = detail.audit.value?.items ?? []
        if events.isEmpty {
            guard y < bottom else { return }
            let message: String
            if let error = detail.audit.error { message = error.description }
            else if detail.audit.value == nil { message = "Loading the audit entries…" }
            else { message = "No audit entries for this publisher." }
            canvas.text(message, x: 3, y: y, width: canvas.width - 4, style: detail.audit.error != nil ? theme.error : theme.dim)
            return
        }
        let columns = AuditView.columns(width: canvas.width)
        for event in events where y < bottom {
            AuditView.drawRow(event, y: y, columns: columns, isSelected: false, now: state.now, into: &canvas, theme: theme)
            y += 1
        }
    }
}

/// The `?` overlay: the keys of the current pane, generated from the key map.
enum HelpOverlay {
    static func render(_ state: AppState, into canvas: inout Canvas, theme: Theme) {
        let bindings = entries(state)
        var reasons: [String] = []
        for reason in bindings.compactMap(\.disabledReason) where !reasons.contains(reason) { reasons.append(reason) }
        let reasonRows = reasons.isEmpty ? 0 : min(4, reasons.count) + 1
        // One column while it fits, dropping the blank rows inside the box if that is what it takes.
        let fitsCompact = bindings.count + reasonRows + 2 <= canvas.height - 2
        let padding = bindings.count + reasonRows + 4 > canvas.height - 2 && fitsCompact ? 0 : 1
        let maxRows = max(1, canvas.height - 4 - 2 * padding - reasonRows)
        let columnCount = max(1, min(2, (bindings.count + maxRows - 1) / maxRows))
        let rows = (bindings.count + columnCount - 1) / columnCount
        let columnWidth = columnCount == 1 ? 60 : 48
        let width = min(canvas.width - 2, columnWidth * columnCount + 2)
        let height = min(canvas.height - 2, rows + 2 + 2 * padding + reasonRows)
        let left = max(0, (canvas.width - width) / 2)
        let top = max(1, (canvas.height - height) / 2)
        Box.draw(x: left, y: top, width: width, height: height, title: "Keys — \(contextTitle(state))", into: &canvas, theme: theme)
        let cellWidth = (width - 2) / columnCount
        for (index, binding) in bindings.enumerated() {
            let column = index / rows, row = index % rows
            let y = top + 1 + padding + row
            guard y < top + height - 1 else { continue }
            let x = left + 2 + column * cellWidth
            let keys = binding.binding.keys.map(\.description).joined(separator: " ")
            let isAllowed = binding.disabledReason == nil
            canvas.label(keys, x: x, y: y, width: 15, style: isAllowed ? theme.key : theme.dim)
            canvas.label((isAllowed ? "" : "✗ ") + binding.binding.command.summary, x: x + 16, y: y, width: cellWidth - 18,
                         style: isAllowed ? theme.text : theme.dim)
        }
        // Why the dimmed (✗) keys are not allowed: usually one reason for the whole pane.
        for (index, reason) in reasons.prefix(4).enumerated() {
            let y = top + 2 + padding + rows + index
            guard y < top + height - 1 else { continue }
            canvas.label("✗ not allowed: \(reason)", x: left + 2, y: y, width: width - 4, style: theme.warning)
        }
        canvas.label(" any key closes ", x: left + 2, y: top + height - 1, width: width - 4, style: theme.dim)
    }

    /// One line of help: a binding, and why its command is not allowed here (shown dimmed).
    struct Entry: Hashable {
        var binding: KeyBinding
        var disabledReason: String?
    }

    /// The keys of the current pane. A read-only console leaves out every changing command; other
    /// commands the identity may not run are listed with the reason.
    /// The pane's own keys come first, the keys that work everywhere last.
    static func entries(_ state: AppState) -> [Entry] {
        let contexts = state.keyContexts
        let bindings = state.keyMap.bindings(in: contexts).enumerated().sorted { lhs, rhs in
            let left = contexts.firstIndex(of: lhs.element.context) ?? 0, right = contexts.firstIndex(of: rhs.element.context) ?? 0
            return left != right ? left < right : lhs.offset < rhs.offset
        }
        return bindings.compactMap { _, binding in
            if state.settings.readOnly && binding.command.isChange { return nil }
            return Entry(binding: binding, disabledReason: Availability.disabledReason(binding.command, in: state))
        }
    }

    static func contextTitle(_ state: AppState) -> String {
        switch state.route {
        case .search: "search"
        case .package: state.package?.tab.title.lowercased() ?? "package"
        case .preview: state.preview?.crumb.lowercased() ?? "release preview"
        case .reviewQueue: KeyContext.reviewQueue.title
        case .publishers: KeyContext.publishers.title
        case .publisher: KeyContext.publisher.title
        case .audit: KeyContext.audit.title
        }
    }
}

/// A bordered, filled box for overlays.
enum Box {
    static func draw(x: Int, y: Int, width: Int, height: Int, title: String, into canvas: inout Canvas, theme: Theme) {
        guard width > 2, height > 2 else { return }
        for row in y..<(y + height) { canvas.fill(x: x, y: row, width: width, style: theme.text) }
        let horizontal = String(repeating: "─", count: width - 2)
        canvas.label("┌" + horizontal + "┐", x: x, y: y, width: width, style: theme.border)
        canvas.label("└" + horizontal + "┘", x: x, y: y + height - 1, width: width, style: theme.border)
        for row in (y + 1)..<(y + height - 1) {
            canvas.label("│", x: x, y: row, width: 1, style: theme.border)
            canvas.label("│", x: x + width - 1, y: row, width: 1, style: theme.border)
        }
        canvas.label(" \(title) ", x: x + 2, y: y, width: width - 4, style: theme.title)
    }
}

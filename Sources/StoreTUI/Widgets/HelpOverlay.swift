/// The `?` overlay: the keys of the current pane, generated from the key map.
enum HelpOverlay {
    static func render(_ state: AppState, into canvas: inout Canvas, theme: Theme) {
        var bindings = HelpContent.entries(state)
        var reasons: [String] = []
        for reason in bindings.compactMap(\.disabledReason) where !reasons.contains(reason) { reasons.append(reason) }
        let reasonRows = reasons.isEmpty ? 0 : min(4, reasons.count) + 1
        // One column while it fits, dropping the blank rows inside the box if that is what it takes.
        let fitsCompact = bindings.count + reasonRows + 2 <= canvas.height - 2
        let padding = bindings.count + reasonRows + 4 > canvas.height - 2 && fitsCompact ? 0 : 1
        let maxRows = max(1, canvas.height - 4 - 2 * padding - reasonRows)
        // More keys than two columns hold (a small terminal): one column that scrolls.
        let scrolls = bindings.count > maxRows * 2
        let scroll = scrolls ? min(max(0, state.helpScroll), HelpContent.scrollLimit(entries: bindings.count, rows: maxRows)) : 0
        let total = bindings.count
        if scrolls { bindings = Array(bindings.dropFirst(scroll).prefix(maxRows)) }
        let columnCount = scrolls ? 1 : max(1, min(2, (bindings.count + maxRows - 1) / maxRows))
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
        let footer = scrolls ? " \(scroll + 1)–\(scroll + bindings.count)/\(total) · ↑↓ scroll · any other key closes " : " any key closes "
        canvas.label(footer, x: left + 2, y: top + height - 1, width: width - 4, style: theme.dim)
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
        case .sshKeys: KeyContext.sshKeys.title
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

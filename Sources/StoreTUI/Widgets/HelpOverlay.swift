/// The `?` overlay: the keys of the current pane, generated from the key map.
enum HelpOverlay {
    static func render(_ state: AppState, into canvas: inout Canvas, theme: Theme) {
        let bindings = state.keyMap.bindings(in: state.keyContexts)
        let maxRows = max(1, canvas.height - 6)
        let columnCount = max(1, min(2, (bindings.count + maxRows - 1) / maxRows))
        let rows = (bindings.count + columnCount - 1) / columnCount
        let columnWidth = columnCount == 1 ? 60 : 48
        let width = min(canvas.width - 2, columnWidth * columnCount + 2)
        let height = min(canvas.height - 2, rows + 4)
        let left = max(0, (canvas.width - width) / 2)
        let top = max(1, (canvas.height - height) / 2)
        Box.draw(x: left, y: top, width: width, height: height, title: "Keys — \(contextTitle(state))", into: &canvas, theme: theme)
        let cellWidth = (width - 2) / columnCount
        for (index, binding) in bindings.enumerated() {
            let column = index / rows, row = index % rows
            let y = top + 2 + row
            guard y < top + height - 1 else { continue }
            let x = left + 2 + column * cellWidth
            let keys = binding.keys.map(\.description).joined(separator: " ")
            canvas.label(keys, x: x, y: y, width: 15, style: theme.key)
            canvas.label(binding.command.summary, x: x + 16, y: y, width: cellWidth - 18, style: theme.text)
        }
        canvas.label(" any key closes ", x: left + 2, y: top + height - 1, width: width - 4, style: theme.dim)
    }

    static func contextTitle(_ state: AppState) -> String {
        switch state.route {
        case .search: "search"
        case .package: state.package?.tab.title.lowercased() ?? "package"
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

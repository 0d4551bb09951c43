/// The `:` palette: the typed line above the status bar, completions above it, drawn over the
/// whole width (nothing of the pane below shows through) and scrolled to keep the highlighted one
/// in view, with `↑`/`↓` marks when more lie beyond.
enum PaletteOverlay {
    static func render(_ state: AppState, _ palette: PaletteState, into canvas: inout Canvas, theme: Theme) {
        let y = canvas.height - 2
        let options = PaletteCommands.completions(for: palette.text, state: state)
        let window = min(PaletteCommands.visibleCompletions, max(0, y - 3))
        let scroll = min(palette.scroll, max(0, options.count - window))
        let shown = Array(options.dropFirst(scroll).prefix(window))
        for (index, option) in shown.enumerated() {
            let row = y - shown.count + index
            let selected = scroll + index == min(palette.selection, options.count - 1)
            let style = selected ? theme.selected : theme.text
            canvas.fill(x: 0, y: row, width: canvas.width, style: style)
            canvas.text(option, x: 2, y: row, width: 26, style: style.adding(.bold))
            let verb = String(option.split(separator: " ").first ?? "")
            if let summary = PaletteCommands.verbs.first(where: { $0.name == verb })?.summary {
                canvas.label(summary, x: 29, y: row, width: max(0, canvas.width - 31), style: selected ? style : theme.dim)
            }
            let more = index == 0 && scroll > 0 ? "↑" : (index == shown.count - 1 && scroll + shown.count < options.count ? "↓" : nil)
            if let more { canvas.label(more, x: canvas.width - 1, y: row, width: 1, style: theme.key) }
        }
        canvas.fill(x: 0, y: y, width: canvas.width, style: theme.field)
        let x = canvas.label(":", x: 0, y: y, style: theme.key)
        let used = canvas.text(palette.text, x: x, y: y, width: canvas.width - 2, style: theme.text)
        canvas.label("▏", x: x + used, y: y, width: 1, style: theme.key)
    }
}

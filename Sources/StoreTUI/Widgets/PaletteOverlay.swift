/// The `:` palette: the typed line above the status bar, completions above it.
enum PaletteOverlay {
    static func render(_ state: AppState, _ palette: PaletteState, into canvas: inout Canvas, theme: Theme) {
        let y = canvas.height - 2
        let options = PaletteReducer.completions(for: palette.text, state: state)
        let shown = Array(options.prefix(min(8, max(0, y - 3))))
        for (index, option) in shown.enumerated() {
            let row = y - shown.count + index
            let selected = index == min(palette.selection, shown.count - 1)
            let style = selected ? theme.selected : theme.text
            canvas.fill(x: 0, y: row, width: min(canvas.width, 60), style: style)
            canvas.text(option, x: 2, y: row, width: 26, style: style.adding(.bold))
            let verb = String(option.split(separator: " ").first ?? "")
            if let summary = PaletteReducer.verbs.first(where: { $0.name == verb })?.summary {
                canvas.label(summary, x: 29, y: row, width: min(canvas.width, 60) - 30, style: selected ? style : theme.dim)
            }
        }
        canvas.fill(x: 0, y: y, width: canvas.width, style: theme.field)
        let x = canvas.label(":", x: 0, y: y, style: theme.key)
        let used = canvas.text(palette.text, x: x, y: y, width: canvas.width - 2, style: theme.text)
        canvas.label("▏", x: x + used, y: y, width: 1, style: theme.key)
    }
}

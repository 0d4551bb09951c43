/// Draws a form: a box with its note, labelled fields (the focused one with a cursor), the
/// completions of the focused field and the reason the last Enter was refused.
enum FormOverlay {
    static let labelWidth = 16
    static let maximumCompletionRows = 5

    static func render(_ state: AppState, _ form: FormState, into canvas: inout Canvas, theme: Theme) {
        let completions = form.completions
        let completionRows = min(maximumCompletionRows, completions.count)
        let width = min(canvas.width - 2, 74)
        let wanted = 2 + 2 + form.fields.count * 2 + 1 + completionRows + 1
        let height = min(canvas.height - 2, wanted)
        let left = max(0, (canvas.width - width) / 2)
        let top = max(1, (canvas.height - height) / 2)
        Box.draw(x: left, y: top, width: width, height: height, title: form.title, into: &canvas, theme: theme)
        let inner = width - 4
        let bottom = top + height - 1
        var y = top + 1
        canvas.text(form.note, x: left + 2, y: y, width: inner, style: theme.dim)
        y += 2
        let fieldX = left + 2 + labelWidth
        let fieldWidth = max(4, inner - labelWidth)
        for (index, field) in form.fields.enumerated() where y < bottom {
            let focused = index == form.focus
            canvas.label(field.label, x: left + 2, y: y, width: labelWidth - 1, style: focused ? theme.key : theme.text)
            canvas.fill(x: fieldX, y: y, width: fieldWidth, style: theme.field)
            let shown = tail(field.text, width: fieldWidth - 1)
            let used = canvas.put(shown, x: fieldX, y: y, width: fieldWidth - 1, style: theme.field)
            if focused { canvas.label("▏", x: fieldX + used, y: y, width: 1, style: theme.key) }
            y += 1
            if y < bottom { canvas.label(field.hint, x: fieldX, y: y, width: fieldWidth, style: theme.dim) }
            y += 1
        }
        if completionRows > 0, y < bottom {
            let selected = min(form.completion, completions.count - 1)
            let first = max(0, selected - completionRows + 1)
            canvas.label("Tab ›", x: left + 2, y: y, width: labelWidth - 1, style: theme.dim)
            for (offset, option) in completions.dropFirst(first).prefix(completionRows).enumerated() where y + offset < bottom - 1 {
                let isSelected = first + offset == selected
                let style = isSelected ? theme.selected : theme.text
                canvas.fill(x: fieldX, y: y + offset, width: fieldWidth, style: style)
                canvas.text(option, x: fieldX + 1, y: y + offset, width: fieldWidth - 2, style: style)
            }
        }
        if let error = form.error {
            canvas.text("✗ " + error, x: left + 2, y: bottom - 1, width: inner, style: theme.error)
        }
        canvas.label(" Tab complete · ↑↓ choose · Enter continue · Esc cancel ", x: left + 2, y: bottom, width: inner, style: theme.dim)
    }

    /// The end of `text` that fits in `width` columns (the cursor is at the end).
    static func tail(_ text: String, width: Int) -> SafeText {
        let safe = SafeText(untrusted: text)
        guard safe.width > width, width > 1 else { return safe }
        var characters = Array(safe.string)
        var shown = SafeText(trusted: "…" + String(characters))
        while shown.width > width, !characters.isEmpty {
            characters.removeFirst()
            shown = SafeText(trusted: "…" + String(characters))
        }
        return shown
    }
}

/// The filter field of a list pane's toolbar (search, publishers, audit): a field-coloured box, a
/// dim hint while empty and unfocused, otherwise the end of the text and, when focused, the caret.
enum FilterFieldView {
    /// Draws the field at `x` on row `y`, `width` columns wide.
    static func draw(_ text: String, isEditing: Bool, hint: String, x: Int, y: Int, width: Int, into canvas: inout Canvas, theme: Theme) {
        canvas.fill(x: x, y: y, width: width, style: theme.field)
        if text.isEmpty && !isEditing {
            canvas.label(hint, x: x, y: y, width: width, style: theme.dim.adding(.underline))
            return
        }
        let used = canvas.put(FormOverlay.tail(text, width: width - 1), x: x, y: y, width: width - 1, style: theme.field)
        if isEditing { canvas.label("▏", x: x + used, y: y, width: 1, style: theme.key) }
    }
}

extension FilterFieldView {
    /// A pane's toolbar that opens with its title (`Publishers`, `Audit log`), then the field,
    /// `width` columns wide; returns the column after the field.
    @discardableResult
    static func drawTitled(_ title: String, _ text: String, isEditing: Bool, hint: String, y: Int, width: Int,
                           into canvas: inout Canvas, theme: Theme) -> Int {
        var x = canvas.label(" \(title) ", x: 1, y: y, style: theme.tabActive)
        x += canvas.label(" ", x: x, y: y, style: theme.text)
        draw(text, isEditing: isEditing, hint: hint, x: x, y: y, width: width, into: &canvas, theme: theme)
        return x + width
    }
}

import StoreModels

/// The bottom line: store identity (in its own colour), who you are, connection, spinner, and the
/// message, inline when it fits, else whole on the rows the layout gives it above the bar.
enum StatusBarView {
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func render(_ state: AppState, layout: PaneLayout, into canvas: inout Canvas, theme: Theme) {
        let line = StatusLine(state)
        let y = layout.status.y
        canvas.fill(x: 0, y: y, width: canvas.width, style: theme.statusBar)
        let hintsWidth = SafeText(trusted: StatusLine.hints).width
        let end = canvas.width - hintsWidth - 1
        var x = 0
        for segment in line.segments where x < end {
            let style: Style
            switch segment {
            case .store: style = theme.storeBadge
            case .reviewCount(_, let isZero): style = isZero ? theme.statusBar : theme.statusBar.adding(.bold)
            case .online: style = theme.statusBar.adding(.bold)
            case .offline: style = theme.error
            case .identity, .spinner: style = theme.statusBar
            }
            // Segments never run into the hints: what does not fit is cut.
            x += canvas.text(StatusLine.text(of: segment), x: x, y: y, width: min(line.cap(of: segment), end - x), style: style)
        }
        if let message = state.message {
            let style = message.severity == .error ? theme.error : theme.statusBar
            let lines = line.messageLines
            if lines.isEmpty {
                canvas.text(message.text, x: x, y: y, width: end - x, style: style)
            } else {
                canvas.within(layout.message) { canvas in
                    for (offset, text) in lines.enumerated() {
                        let row = layout.message.y + offset
                        canvas.fill(x: 0, y: row, width: canvas.width, style: style)
                        canvas.put(text, x: 1, y: row, width: canvas.width - 2, style: style)
                    }
                }
            }
        }
        canvas.labelRight(StatusLine.hints, right: canvas.width, y: y, style: theme.statusBar)
    }
}

import StoreModels

/// The bottom line: store identity (in its own colour), who you are, connection, spinner, messages.
enum StatusBarView {
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func render(_ state: AppState, y: Int, into canvas: inout Canvas, theme: Theme) {
        canvas.fill(x: 0, y: y, width: canvas.width, style: theme.statusBar)
        let store = state.settings.isRemote ? state.settings.storeLocation : "embedded " + shortPath(state.settings.storeLocation)
        var x = canvas.text(" \(store) ", x: 0, y: y, width: min(32, canvas.width / 3), style: theme.storeBadge)
        let identity = state.settings.identity
        x += canvas.text(" \(identity.username) (\(identity.isAnonymous ? "anonymous" : identity.role.rawValue))\(state.settings.readOnly ? " · read-only" : "") ",
                         x: x, y: y, width: 28, style: theme.statusBar)
        if Availability.seesReviewQueue(state), let count = state.reviewQueue.countText {
            x += canvas.label("⚑ \(count) to review ", x: x, y: y, style: count == "0" ? theme.statusBar : theme.statusBar.adding(.bold))
        }
        switch state.connection {
        case .online:
            x += canvas.label("● ", x: x, y: y, style: theme.statusBar.adding(.bold))
        case .offline(let since, let attempt):
            let word = state.isStoreUnavailable ? "unavailable" : "offline"
            x += canvas.label("○ \(word) \(Int(state.now.timeIntervalSince(since)))s (try \(attempt)) ", x: x, y: y, style: theme.error)
        }
        if state.isLoading {
            x += canvas.label(spinner[state.spinnerFrame % spinner.count] + " ", x: x, y: y, style: theme.statusBar)
        }
        let hints = "? help  : cmd  q quit "
        let hintsWidth = SafeText(trusted: hints).width
        if let message = state.message {
            canvas.text(message.text, x: x, y: y, width: canvas.width - x - hintsWidth - 1,
                        style: message.severity == .error ? theme.error : theme.statusBar)
        }
        canvas.labelRight(hints, right: canvas.width, y: y, style: theme.statusBar)
    }

    /// `~/.local/share/store-tui/store.sqlite` → `store.sqlite`.
    static func shortPath(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

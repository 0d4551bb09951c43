import StoreModels

/// Draws the whole screen for a state. Same state and size give the same cells.
public enum AppView {
    /// Renders `state` into `buffer` (which must already have the state's size).
    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        buffer.clear()
        var canvas = Canvas(buffer)
        defer { buffer = canvas.buffer }
        let theme = Theme.make(state.settings.theme, useColor: state.settings.useColor,
                               storeColor: Theme.storeColor(for: state.settings.storeLocation, isRemote: state.settings.isRemote))
        guard AppLayout.fits(width: state.width, height: state.height) else {
            drawTooSmall(state, &canvas, theme)
            return
        }
        drawTitle(state, &canvas, theme)
        let layout = state.layout
        let body = layout.body
        // A pane draws its toolbar and body; nothing it writes reaches the title or the status bar.
        canvas.within(layout.toolbar.union(body)) { canvas in
            switch state.screens.last ?? .search(state.search) {
            case .search:
                SearchView.render(state, layout: layout, into: &canvas, theme: theme)
            case .package(let package):
                PackageView.render(state, package, body: body, into: &canvas, theme: theme)
            case .preview(let preview):
                ReleasePreviewView.render(state, preview, body: body, into: &canvas, theme: theme)
            case .reviewQueue:
                ReviewQueueView.render(state, layout: layout, into: &canvas, theme: theme)
            case .publishers:
                PublishersView.render(state, layout: layout, into: &canvas, theme: theme)
            case .publisher(let detail):
                PublisherDetailView.render(state, detail, body: body, into: &canvas, theme: theme)
            case .audit:
                AuditView.render(state, layout: layout, into: &canvas, theme: theme)
            case .sshKeys:
                SSHKeysView.render(state, layout: layout, into: &canvas, theme: theme)
            }
        }
        StatusBarView.render(state, layout: layout, into: &canvas, theme: theme)
        switch state.overlay {
        case .help: HelpOverlay.render(state, into: &canvas, theme: theme)
        case .palette(let palette): PaletteOverlay.render(state, palette, into: &canvas, theme: theme)
        case .form(let form): FormOverlay.render(state, form, into: &canvas, theme: theme)
        case nil: break
        }
    }

    static func drawTitle(_ state: AppState, _ canvas: inout Canvas, _ theme: Theme) {
        var x = canvas.label(" store-tui ", x: 0, y: 0, style: theme.title)
        let version = "v\(StoreTUIVersion.current) "
        let room = canvas.width - x - SafeText(trusted: version).width - 1
        let crumbs = fittedCrumbs(state.crumbs, width: room)
        for (index, crumb) in crumbs.enumerated() {
            if index > 0 { x += canvas.label(" › ", x: x, y: 0, style: theme.dim) }
            let isCurrent = index == crumbs.count - 1
            x += canvas.text(crumb, x: x, y: 0, width: canvas.width - x - SafeText(trusted: version).width - 1,
                             style: isCurrent ? theme.text.adding(.bold) : theme.dim)
        }
        canvas.labelRight(version, right: canvas.width, y: 0, style: theme.dim)
    }

    /// The breadcrumb fitted to `width` columns: the earliest pages give way to `…` first, so the
    /// current page is always shown.
    static func fittedCrumbs(_ crumbs: [String], width: Int) -> [String] {
        func length(_ parts: [String]) -> Int { parts.reduce(0) { $0 + SafeText(untrusted: $1).width } + max(0, parts.count - 1) * 3 }
        var parts = crumbs
        while parts.count > 1, length(parts) > width {
            if parts.first == "…" { parts.remove(at: 1) } else { parts[0] = "…" }
            if parts.count == 2, parts[0] == "…", length(parts) > width { parts.removeFirst() }
        }
        return parts
    }

    static func drawTooSmall(_ state: AppState, _ canvas: inout Canvas, _ theme: Theme) {
        let lines = [
            "Terminal too small",
            "\(state.width)×\(state.height), need at least \(AppLayout.minimumWidth)×\(AppLayout.minimumHeight)",
            "Enlarge the window, or press q to quit.",
        ]
        let top = max(0, state.height / 2 - 1)
        for (offset, line) in lines.enumerated() where top + offset < state.height {
            let text = SafeText(trusted: line)
            let x = max(0, (state.width - text.width) / 2)
            canvas.put(text, x: x, y: top + offset, width: state.width - x, style: offset == 0 ? theme.title : theme.text)
        }
    }
}

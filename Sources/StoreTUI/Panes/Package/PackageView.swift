import StoreModels
import StoreService

/// Draws an opened package: the tab bar and the active tab.
enum PackageView {
    static func render(_ state: AppState, _ package: PackageState, body: Rect, into canvas: inout Canvas, theme: Theme) {
        var x = 1
        for tab in PackageTab.allCases {
            let title = " \(tab.rawValue + 1) \(tab.title) "
            let style = tab == package.tab ? theme.tabActive : theme.tabInactive
            x += canvas.label(title, x: x, y: body.y - 1, style: style)
            x += canvas.label("  ", x: x, y: body.y - 1, style: theme.text)
        }
        if package.detail.isStale || package.channelMap.isStale {
            canvas.labelRight("stale ", right: canvas.width, y: body.y - 1, style: theme.warning)
        }
        switch package.tab {
        case .detail: DetailView.render(state, package, body: body, into: &canvas, theme: theme)
        case .revisions: RevisionsView.render(state, package, layout: state.layout(of: .package(package)), into: &canvas, theme: theme)
        case .channels: ChannelMapView.render(state, package, body: body, into: &canvas, theme: theme)
        case .metrics: MetricsView.render(state, package, body: body, into: &canvas, theme: theme)
        }
    }

    /// Where the tab bar ends: right-aligned toolbar text must start after it.
    static var tabsEnd: Int {
        PackageTab.allCases.reduce(1) { x, tab in x + SafeText(trusted: " \(tab.rawValue + 1) \(tab.title) ").width + 2 }
    }

    /// Right-aligned toolbar text, cut so it never covers the tabs.
    static func toolbarRight(_ text: String, y: Int, into canvas: inout Canvas, style: Style) {
        let room = canvas.width - tabsEnd - 1
        guard room > 1 else { return }
        let safe = SafeText(trusted: text)
        let fitted = safe.width > room ? safe.truncated(toWidth: room) : safe
        canvas.put(fitted, x: canvas.width - fitted.width, y: y, width: fitted.width, style: style)
    }

    /// A one-line message for a pane that has nothing to show yet.
    static func placeholder<Value>(_ loadable: Loadable<Value>, what: String) -> (String, isError: Bool)? {
        if loadable.value != nil { return nil }
        if let error = loadable.error { return (error.description + error.retryHint, true) }
        return ("Loading \(what)…", false)
    }
}

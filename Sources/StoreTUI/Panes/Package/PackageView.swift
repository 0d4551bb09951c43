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
        case .revisions: RevisionsView.render(state, package, body: body, into: &canvas, theme: theme)
        case .channels: ChannelMapView.render(state, package, body: body, into: &canvas, theme: theme)
        }
    }

    /// Versions by revision number, from the loaded revisions.
    static func versions(_ package: PackageState) -> [Int: String] {
        var result: [Int: String] = [:]
        for revision in package.revisions.items { result[revision.number] = revision.version }
        return result
    }

    /// A one-line message for a pane that has nothing to show yet.
    static func placeholder<Value>(_ loadable: Loadable<Value>, what: String) -> (String, isError: Bool)? {
        if loadable.value != nil { return nil }
        if let error = loadable.error { return (error.description + "  (r to retry)", true) }
        return ("Loading \(what)…", false)
    }
}

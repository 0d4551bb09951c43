/// The route stack: push a pane, pop it with Esc, and tidy up what a pane leaves behind.
extension AppReducer {
    /// Shows `route` on top: returns to it when it is already on the stack, else pushes it.
    static func push(_ state: inout AppState, _ route: Route) -> [AppEffect] {
        var effects: [AppEffect] = []
        if state.routes.contains(route) {
            while let top = state.routes.last, top != route {
                effects += pop(&state)
            }
            return effects
        }
        state.routes.append(route)
        return effects
    }

    /// Leaves the pane on top (never the search at the bottom).
    static func pop(_ state: inout AppState) -> [AppEffect] {
        guard state.routes.count > 1, let top = state.routes.popLast() else { return [] }
        return leave(&state, top)
    }

    /// Goes back to the search at the bottom of the stack.
    static func unwind(_ state: inout AppState) -> [AppEffect] {
        var effects: [AppEffect] = []
        while state.routes.count > 1 { effects += pop(&state) }
        return effects
    }

    /// Forgets what a left pane held and cancels its loads. Writes in flight are never cancelled:
    /// their answers still land (and say so in the status bar).
    static func leave(_ state: inout AppState, _ route: Route) -> [AppEffect] {
        switch route {
        case .package:
            state.package = nil
            state.preview = nil
            state.routes.removeAll { $0 == .preview }
            return [.cancel(.package), .cancel(.channelMap), .cancel(.revisions)]
        case .preview:
            state.preview = nil
            return []
        case .publisher:
            state.publisherDetail = nil
            return [.cancel(.publisher), .cancel(.publisherPackages), .cancel(.publisherAudit)]
        case .search, .reviewQueue, .publishers, .audit:
            return []
        }
    }

    /// The breadcrumb of the route stack.
    static func crumbs(_ state: AppState) -> [String] {
        var crumbs: [String] = []
        for route in state.routes {
            switch route {
            case .search: crumbs.append("Search")
            case .package(let name):
                crumbs.append(name.rawValue)
                if let tab = state.package?.tab.title { crumbs.append(tab) }
            case .preview: crumbs.append(state.preview?.crumb ?? "Preview")
            case .reviewQueue: crumbs.append("Review queue")
            case .publishers: crumbs.append("Publishers")
            case .publisher(let username): crumbs.append(username)
            case .audit: crumbs.append("Audit log")
            }
        }
        return crumbs
    }
}

/// The screen stack: push a screen, pop it with Esc, and cancel what a left screen was loading.
extension AppReducer {
    /// Shows `screen` on top: returns to the screen of its kind when one is on the stack (keeping
    /// that screen's state), else pushes it.
    static func push(_ state: inout AppState, _ screen: Screen) -> [AppEffect] {
        var effects: [AppEffect] = []
        if state.routes.contains(screen.route) {
            while let top = state.screens.last, top.route != screen.route {
                effects += pop(&state)
            }
            return effects
        }
        state.screens.append(screen)
        return effects
    }

    /// Replaces the screen of `screen`'s kind (a package, a publisher) with `screen`: pops back to
    /// below the one open, if any, then pushes it.
    static func replace(_ state: inout AppState, with screen: Screen, sameKind: (Route) -> Bool) -> [AppEffect] {
        var effects: [AppEffect] = []
        if let index = state.routes.firstIndex(where: sameKind) {
            while state.screens.count > index, state.screens.count > 1 { effects += pop(&state) }
        }
        state.screens.append(screen)
        return effects
    }

    /// Leaves the screen on top (never the search at the bottom).
    static func pop(_ state: inout AppState) -> [AppEffect] {
        guard state.screens.count > 1, let top = state.screens.popLast() else { return [] }
        // A preview belongs to the package below it: it never outlives it.
        if case .package = top { state.screens.removeAll { $0.route == .preview } }
        return leave(top)
    }

    /// Goes back to the search at the bottom of the stack.
    static func unwind(_ state: inout AppState) -> [AppEffect] {
        var effects: [AppEffect] = []
        while state.screens.count > 1 { effects += pop(&state) }
        return effects
    }

    /// Cancels the loads of a left screen. Writes in flight are never cancelled: their answers
    /// still land (and say so in the status bar).
    static func leave(_ screen: Screen) -> [AppEffect] {
        switch screen {
        case .package: [.cancel(.package), .cancel(.channelMap), .cancel(.revisions)]
        case .publisher: [.cancel(.publisher), .cancel(.publisherPackages), .cancel(.publisherAudit)]
        case .sshKeys: [.cancel(.sshKeys)]
        case .search, .preview, .reviewQueue, .publishers, .audit: []
        }
    }
}

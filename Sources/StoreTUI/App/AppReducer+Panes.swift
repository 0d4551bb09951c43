/// Running a pane reducer on its own state, and routing what it tells the app.
extension AppReducer {
    /// A step for the screen on top, with the state's clock, identity and tickets.
    static func step(_ state: AppState, layout: PaneLayout? = nil) -> PaneStep {
        PaneStep(layout: layout ?? state.layout, now: state.now, identity: state.settings.identity,
                 categories: state.categories, tickets: state.tickets)
    }

    /// Runs `body` on the pane state at `pane` (laid out as `shape`, or as the screen on top), then
    /// writes it back, keeps the tickets it issued and routes its notices.
    static func scoped<Pane>(
        _ state: inout AppState, _ pane: WritableKeyPath<AppState, Pane>, shape: PaneLayout.Shape? = nil,
        _ body: (inout Pane, inout PaneStep) -> Void
    ) -> [AppEffect] {
        var step = step(state, layout: shape.map { PaneLayout.of($0, width: state.width, height: state.height) })
        var value = state[keyPath: pane]
        body(&value, &step)
        state[keyPath: pane] = value
        return finish(&state, step)
    }

    /// Keeps a finished step's tickets, then runs its effects followed by what its notices ask.
    static func finish(_ state: inout AppState, _ step: PaneStep) -> [AppEffect] {
        state.tickets = step.tickets
        var effects = step.effects
        for notice in step.notices { effects += route(notice, &state) }
        return effects
    }

    /// What the app does for one notice.
    static func route(_ notice: PaneNotice, _ state: inout AppState) -> [AppEffect] {
        switch notice {
        case .storeAnswered: return noteSuccess(&state)
        case .storeFailed(let error): return noteFailure(&state, error)
        case .message(let message):
            state.message = message
            return []
        case .openPackage(let name, let tab): return PackageReducer.open(&state, name, tab: tab)
        case .openPublisher(let username): return PublishersReducer.openPublisher(&state, username)
        case .back: return pop(&state)
        case .revisionChanged(let name, let revision):
            if state.package?.name == name, let index = state.package?.revisions.list.items.firstIndex(where: { $0.number == revision.number }) {
                state.package?.revisions.list.items[index] = revision
            }
            return []
        case .undoTo(let name, let step):
            state.pendingUndo = PendingUndo(package: name, step: step)
            return PackageReducer.open(&state, name, tab: .channels)
        case .showForm(let form):
            state.overlay = .form(form)
            return []
        case .refuseForm(let form, let reason):
            return FormReducer.refuse(&state, form, reason)
        case .quit: return run(.quit, in: &state)
        }
    }
}

import StoreModels
import StoreService

/// The search pane's logic.
enum SearchReducer {
    /// How long typing must pause before a search goes out.
    static let debounceMilliseconds = 120
    /// Load the next page when the selection is this close to the end of what is loaded.
    static let prefetchDistance = 30

    /// Keys while the query field has focus.
    static func editKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        FilterLine.editKey(&state, key, text: \.search.query, isEditing: \.search.isEditing) { state in
            state.search.opensWhenLoaded = false
            state.search.list.highlighted = 0
            state.search.list.scroll = 0
            return [AppReducer.startSearch(&state, debounce: debounceMilliseconds)]
        }
    }

    /// Commands on the results list.
    static func run(_ command: Command, in state: inout AppState) -> [AppEffect] {
        let rows = AppLayout.tableRows(screenHeight: state.height)
        if command != .open { state.search.opensWhenLoaded = false }
        if command != .bottom { state.search.list.seeksEnd = false }
        switch command {
        case .moveUp: return move(&state, by: -1, rows: rows)
        case .moveDown: return move(&state, by: 1, rows: rows)
        case .pageUp: return move(&state, by: -rows, rows: rows)
        case .pageDown: return move(&state, by: rows, rows: rows)
        case .top: return move(&state, by: -state.search.list.highlighted, rows: rows)
        case .bottom:
            // The true end: the remaining pages load one after another (see PagedList.seeksEnd).
            state.search.list.seeksEnd = true
            return seekEnd(&state)
        case .open:
            if state.search.list.pending != nil, !state.search.list.isNextPage {
                // The rows shown answer the previous query: act on the answer to this one.
                state.search.opensWhenLoaded = true
                state.message = StatusMessage("Opening the first result for '\(state.search.query)' when it arrives…")
                return []
            }
            guard let selected = state.search.selected else { return [] }
            return PackageReducer.open(&state, selected.name)
        case .cycleType:
            let order: [PackageType?] = [nil, .snap, .charm]
            let index = order.firstIndex(of: state.search.type) ?? 0
            state.search.type = order[(index + 1) % order.count]
            return restart(&state)
        case .toggleVerified:
            state.search.verifiedOnly.toggle()
            return restart(&state)
        case .cycleCategory:
            let order: [String?] = [nil] + state.categories.map { Optional($0) }
            let index = order.firstIndex(of: state.search.category) ?? 0
            state.search.category = order[(index + 1) % order.count]
            return restart(&state)
        default:
            return []
        }
    }

    /// A click on a result row selects it; a click on the selected row opens it.
    static func click(_ state: inout AppState, x: Int, y: Int) -> [AppEffect] {
        if y == 1 {
            state.search.isEditing = true
            return []
        }
        guard let index = state.search.list.index(atVisibleRow: y - (AppLayout.headerRows + 1)) else { return [] }
        if index == state.search.list.highlighted { return run(.open, in: &state) }
        state.search.list.highlighted = index
        return prefetch(&state)
    }

    static func restart(_ state: inout AppState) -> [AppEffect] {
        state.search.list.highlighted = 0
        state.search.list.scroll = 0
        return [AppReducer.startSearch(&state, debounce: 0)]
    }

    static func move(_ state: inout AppState, by delta: Int, rows: Int) -> [AppEffect] {
        state.search.list.move(by: delta, rows: rows)
        return prefetch(&state)
    }

    /// Moves toward the true end: the highlight to the last result loaded, and the next page asked for.
    static func seekEnd(_ state: inout AppState) -> [AppEffect] {
        guard let cursor = state.search.list.continueToEnd(rows: AppLayout.tableRows(screenHeight: state.height)) else { return [] }
        let ticket = state.issueTicket()
        state.search.list.request(ticket, nextPage: true)
        return [.search(state.search.storeQuery(cursor: cursor), ticket, debounceMilliseconds: 0)]
    }

    /// Asks for the next page when the highlight nears the end of the loaded results.
    static func prefetch(_ state: inout AppState) -> [AppEffect] {
        let within = prefetchDistance + AppLayout.tableRows(screenHeight: state.height)
        guard let cursor = state.search.list.cursorToPrefetch(within: within) else { return [] }
        let ticket = state.issueTicket()
        state.search.list.request(ticket, nextPage: true)
        return [.search(state.search.storeQuery(cursor: cursor), ticket, debounceMilliseconds: 0)]
    }

    /// A search answer: replaces or extends the results if it answers the pending request.
    static func loaded(_ state: inout AppState, _ ticket: Ticket, _ result: Result<Page<PackageSummary>, StoreError>) -> [AppEffect] {
        switch state.search.list.take(ticket, result) {
        case .stale:
            return []  // superseded
        case .loaded:
            let effects = AppReducer.noteSuccess(&state)
            if state.search.opensWhenLoaded {
                state.search.opensWhenLoaded = false
                state.message = nil
                guard let first = state.search.list.items.first else {
                    state.message = StatusMessage("No package matches '\(state.search.query)'.", severity: .error)
                    return effects
                }
                return effects + PackageReducer.open(&state, first.name)
            }
            if state.search.list.seeksEnd { return effects + seekEnd(&state) }
            return effects + prefetch(&state)
        case .failed(let error):
            state.search.opensWhenLoaded = false
            return AppReducer.noteFailure(&state, error)
        }
    }
}

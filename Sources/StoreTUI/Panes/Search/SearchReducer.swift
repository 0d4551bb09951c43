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
            state.search.selection = 0
            state.search.scroll = 0
            return [AppReducer.startSearch(&state, debounce: debounceMilliseconds)]
        }
    }

    /// Commands on the results list.
    static func run(_ command: Command, in state: inout AppState) -> [AppEffect] {
        let rows = AppLayout.tableRows(screenHeight: state.height)
        switch command {
        case .moveUp: return move(&state, by: -1, rows: rows)
        case .moveDown: return move(&state, by: 1, rows: rows)
        case .pageUp: return move(&state, by: -rows, rows: rows)
        case .pageDown: return move(&state, by: rows, rows: rows)
        case .top: return move(&state, by: -state.search.selection, rows: rows)
        case .bottom: return move(&state, by: state.search.results.count, rows: rows)
        case .open:
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
        let firstRow = AppLayout.headerRows + 1
        let index = state.search.scroll + (y - firstRow)
        guard y >= firstRow, state.search.results.indices.contains(index) else { return [] }
        if index == state.search.selection { return run(.open, in: &state) }
        state.search.selection = index
        return prefetch(&state)
    }

    static func restart(_ state: inout AppState) -> [AppEffect] {
        state.search.selection = 0
        state.search.scroll = 0
        return [AppReducer.startSearch(&state, debounce: 0)]
    }

    static func move(_ state: inout AppState, by delta: Int, rows: Int) -> [AppEffect] {
        ListCursor.move(selection: &state.search.selection, scroll: &state.search.scroll, by: delta,
                        count: state.search.results.count, rows: rows)
        return prefetch(&state)
    }

    /// Asks for the next page when the selection nears the end of the loaded results.
    static func prefetch(_ state: inout AppState) -> [AppEffect] {
        let search = state.search
        guard let cursor = search.nextCursor, search.pending == nil,
              search.selection + prefetchDistance + AppLayout.tableRows(screenHeight: state.height) >= search.results.count
        else { return [] }
        let ticket = state.issueTicket()
        state.search.pending = ticket
        state.search.pendingIsNextPage = true
        return [.search(search.storeQuery(cursor: cursor), ticket, debounceMilliseconds: 0)]
    }

    /// A search answer: replaces or extends the results if it answers the pending request.
    static func loaded(_ state: inout AppState, _ ticket: Ticket, _ result: Result<Page<PackageSummary>, StoreError>) -> [AppEffect] {
        guard ticket == state.search.pending else { return [] }  // superseded
        state.search.pending = nil
        switch result {
        case .success(let page):
            if state.search.pendingIsNextPage {
                state.search.results += page.items
            } else {
                state.search.results = page.items
                state.search.selection = 0
                state.search.scroll = 0
            }
            state.search.nextCursor = page.nextCursor
            state.search.total = page.total
            state.search.error = nil
            state.search.hasLoaded = true
            return AppReducer.noteSuccess(&state) + prefetch(&state)
        case .failure(let error):
            state.search.error = error
            return AppReducer.noteFailure(&state, error)
        }
    }
}

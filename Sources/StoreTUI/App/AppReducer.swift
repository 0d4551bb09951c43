import Foundation
import StoreModels
import StoreService

/// The console's logic: applies one event to the state and returns the effects to run.
/// Pure and synchronous; the runtime performs the effects and feeds their results back.
public enum AppReducer {
    /// The effects to run once at launch: the first search and the category list.
    public static func start(_ state: inout AppState) -> [AppEffect] {
        [startSearch(&state, debounce: 0), .loadCategories]
    }

    /// Applies `event` to `state`.
    public static func reduce(_ state: inout AppState, _ event: AppEvent) -> [AppEffect] {
        switch event {
        case .key(let key):
            return handleKey(&state, key)
        case .mouse(let mouse):
            return handleMouse(&state, mouse)
        case .resize(let width, let height):
            state.width = width
            state.height = height
            clampScrolling(&state)
            return []
        case .tick(let now):
            state.now = now
            state.spinnerFrame &+= 1
            return []
        case .searchLoaded(let ticket, let result):
            return SearchReducer.loaded(&state, ticket, result)
        case .categoriesLoaded(let result):
            if case .success(let categories) = result { state.categories = categories }
            return []
        case .packageLoaded, .channelMapLoaded, .revisionsLoaded:
            return PackageReducer.loaded(&state, event)
        case .retryDue:
            return retryFailed(&state)
        }
    }

    // MARK: - Keys

    static func handleKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        if let overlay = state.overlay {
            switch overlay {
            case .help:
                state.overlay = nil
                return []
            case .palette(var palette):
                return PaletteReducer.handleKey(&state, &palette, key)
            }
        }
        if state.route == .search, state.search.isEditing {
            return SearchReducer.editKey(&state, key)
        }
        guard let command = state.keyMap.command(for: key, in: state.keyContexts) else { return [] }
        return run(command, in: &state)
    }

    /// Runs a command (from a key, the palette or a mouse click).
    public static func run(_ command: Command, in state: inout AppState) -> [AppEffect] {
        state.message = nil
        switch command {
        case .quit:
            state.isQuitting = true
            return [.quit]
        case .help:
            state.overlay = .help
            return []
        case .palette:
            state.overlay = .palette(PaletteState())
            return []
        case .search:
            state.routes = [.search]
            state.package = nil
            state.search.isEditing = true
            return []
        case .redraw:
            return [.redraw]
        case .suspend:
            return [.suspend]
        case .retry:
            return retryFailed(&state)
        case .toggleTheme:
            state.settings.theme = state.settings.theme == .dark ? .light : .dark
            return []
        default:
            switch state.route {
            case .search: return SearchReducer.run(command, in: &state)
            case .package: return PackageReducer.run(command, in: &state)
            }
        }
    }

    // MARK: - Mouse

    static func handleMouse(_ state: inout AppState, _ mouse: MouseEvent) -> [AppEffect] {
        if state.overlay != nil {
            if mouse.kind == .click { state.overlay = nil }
            return []
        }
        switch mouse.kind {
        case .wheelUp: return run(.moveUp, in: &state) + run(.moveUp, in: &state) + run(.moveUp, in: &state)
        case .wheelDown: return run(.moveDown, in: &state) + run(.moveDown, in: &state) + run(.moveDown, in: &state)
        case .click:
            switch state.route {
            case .search: return SearchReducer.click(&state, x: mouse.x, y: mouse.y)
            case .package: return PackageReducer.click(&state, x: mouse.x, y: mouse.y)
            }
        }
    }

    // MARK: - Helpers

    /// Issues a new search for the current query and filters; results restart at the top.
    static func startSearch(_ state: inout AppState, debounce: Int) -> AppEffect {
        let ticket = state.issueTicket()
        state.search.pending = ticket
        state.search.pendingIsNextPage = false
        return .search(state.search.storeQuery(), ticket, debounceMilliseconds: debounce)
    }

    /// Records a failure: unreachable stores go offline and retry with backoff; others show the error.
    static func noteFailure(_ state: inout AppState, _ error: StoreError) -> [AppEffect] {
        if case .unreachable = error {
            let attempt: Int
            switch state.connection {
            case .online:
                attempt = 1
                state.connection = .offline(since: state.now, attempt: 1)
            case .offline(let since, let previous):
                attempt = previous + 1
                state.connection = .offline(since: since, attempt: attempt)
            }
            let delay = min(30_000, 500 << min(attempt, 6))
            state.message = StatusMessage("\(error.description) Retrying in \(delay / 1000) s — r to retry now.", severity: .error)
            return [.scheduleRetry(afterMilliseconds: delay)]
        }
        state.message = StatusMessage(error.description + " (r to retry)", severity: .error)
        return []
    }

    /// Marks the store reachable again after any success.
    static func noteSuccess(_ state: inout AppState) -> [AppEffect] {
        guard case .offline = state.connection else { return [] }
        state.connection = .online
        state.message = StatusMessage("Reconnected to the store.")
        return [.cancel(.retry)]
    }

    /// Re-issues every request whose last attempt failed.
    static func retryFailed(_ state: inout AppState) -> [AppEffect] {
        var effects: [AppEffect] = []
        if state.search.error != nil || !state.search.hasLoaded, state.search.pending == nil {
            effects.append(startSearch(&state, debounce: 0))
        }
        if state.categories.isEmpty { effects.append(.loadCategories) }
        effects += PackageReducer.retryFailed(&state)
        return effects
    }

    static func clampScrolling(_ state: inout AppState) {
        let rows = AppLayout.tableRows(screenHeight: state.height)
        ListCursor.follow(selection: state.search.selection, scroll: &state.search.scroll, count: state.search.results.count, rows: rows)
        if var package = state.package {
            let count = package.revisions.visible.count
            ListCursor.follow(selection: package.revisions.selection, scroll: &package.revisions.scroll, count: count, rows: rows)
            state.package = package
        }
    }
}

import Foundation
import StoreModels
import StoreService

/// The audit log's logic: the filter line (debounced like the search field) and cursor paging.
enum AuditReducer {
    static let pageSize = 100
    static let debounceMilliseconds = 150
    static let prefetchDistance = 30
    /// Rows of the detail box under the list.
    static let detailRows = 4

    /// Rows of the list.
    static func listRows(screenHeight: Int) -> Int {
        max(2, AppLayout.tableRows(screenHeight: screenHeight) - detailRows - 1)
    }

    /// Shows the audit log (optionally with a new filter) and loads its first page.
    static func open(_ state: inout AppState, filter: String?) -> [AppEffect] {
        let effects = AppReducer.push(&state, .audit)
        if let filter { state.audit.filter = filter }
        return effects + restart(&state, debounce: 0)
    }

    /// Loads the first page for the filter line, unless it does not parse.
    static func restart(_ state: inout AppState, debounce: Int) -> [AppEffect] {
        switch AuditFilter.parse(state.audit.filter) {
        case .failure(let error):
            state.audit.filterError = error.message
            state.audit.list.cancel()
            return [.cancel(.audit)]
        case .success(let filter):
            state.audit.filterError = nil
            let ticket = state.issueTicket()
            state.audit.list.request(ticket)
            return [.loadAudit(filter.query(cursor: nil, limit: pageSize), ticket, debounceMilliseconds: debounce)]
        }
    }

    /// Keys while the filter line has focus.
    static func editKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        FilterLine.editKey(&state, key, text: \.audit.filter, isEditing: \.audit.isEditing) { state in
            state.audit.list.highlighted = 0
            state.audit.list.scroll = 0
            return restart(&state, debounce: debounceMilliseconds)
        }
    }

    static func loaded(_ state: inout AppState, _ ticket: Ticket, _ result: Result<Page<AuditEvent>, StoreError>) -> [AppEffect] {
        let answer = state.audit.list.take(ticket, result) { loaded, page in
            let known = Set(loaded.map(\.id))
            return loaded + page.filter { !known.contains($0.id) || $0.id == 0 }
        }
        switch answer {
        case .stale: return []
        case .loaded:
            if state.audit.list.seeksEnd { return AppReducer.noteSuccess(&state) + seekEnd(&state) }
            return AppReducer.noteSuccess(&state) + prefetch(&state)
        case .failed(let error): return AppReducer.noteFailure(&state, error)
        }
    }

    static func run(_ command: Command, in state: inout AppState) -> [AppEffect] {
        if command != .bottom { state.audit.list.seeksEnd = false }
        let rows = listRows(screenHeight: state.height)
        switch command {
        case .back: return AppReducer.pop(&state)
        case .moveUp: return move(&state, by: -1)
        case .moveDown: return move(&state, by: 1)
        case .pageUp: return move(&state, by: -rows)
        case .pageDown: return move(&state, by: rows)
        case .top: return move(&state, by: -1_000_000_000)
        case .bottom:
            state.audit.list.seeksEnd = true
            return seekEnd(&state)
        case .editFilter:
            state.audit.isEditing = true
            return []
        case .undoRelease:
            return undo(&state)
        default:
            return []
        }
    }

    /// Undoes the selected channel-map change: opens its package and, once the map and revisions
    /// are loaded, previews the plan that restores the map the audit entry recorded as "before".
    static func undo(_ state: inout AppState) -> [AppEffect] {
        guard let event = state.audit.selected, event.objectKind == .channelMap,
              let packageText = event.package, let before = event.before,
              let name = try? PackageName(packageText)
        else {
            state.message = StatusMessage("Select a release, promotion or close to undo it (u).", severity: .error)
            return []
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        guard let releases = try? decoder.decode([ChannelRelease].self, from: Data(before.utf8)) else {
            state.message = StatusMessage("This audit entry does not record the channel map before the change.", severity: .error)
            return []
        }
        state.undoBase[name] = ChannelMap(releases: releases)
        state.pendingUndo = name
        return PackageReducer.open(&state, name, tab: .channels)
    }

    static func move(_ state: inout AppState, by delta: Int) -> [AppEffect] {
        state.audit.list.move(by: delta, rows: listRows(screenHeight: state.height))
        return prefetch(&state)
    }

    /// Moves toward the true end: the highlight to the last event loaded, and the next page asked for.
    static func seekEnd(_ state: inout AppState) -> [AppEffect] {
        guard let cursor = state.audit.list.continueToEnd(rows: listRows(screenHeight: state.height)),
              case .success(let filter) = AuditFilter.parse(state.audit.filter)
        else { return [] }
        let ticket = state.issueTicket()
        state.audit.list.request(ticket, nextPage: true)
        return [.loadAudit(filter.query(cursor: cursor, limit: pageSize), ticket, debounceMilliseconds: 0)]
    }

    /// Asks for the next page when the highlight nears the end of what is loaded.
    static func prefetch(_ state: inout AppState) -> [AppEffect] {
        let within = prefetchDistance + listRows(screenHeight: state.height)
        guard let cursor = state.audit.list.cursorToPrefetch(within: within),
              case .success(let filter) = AuditFilter.parse(state.audit.filter)
        else { return [] }
        let ticket = state.issueTicket()
        state.audit.list.request(ticket, nextPage: true)
        return [.loadAudit(filter.query(cursor: cursor, limit: pageSize), ticket, debounceMilliseconds: 0)]
    }

    static func follow(_ state: inout AppState) {
        state.audit.list.follow(rows: listRows(screenHeight: state.height))
    }

    static func click(_ state: inout AppState, y: Int) -> [AppEffect] {
        if y == 1 {
            state.audit.isEditing = true
            return []
        }
        let row = y - (AppLayout.headerRows + 1)
        guard row < listRows(screenHeight: state.height), let index = state.audit.list.index(atVisibleRow: row) else { return [] }
        state.audit.list.highlighted = index
        return prefetch(&state)
    }
}

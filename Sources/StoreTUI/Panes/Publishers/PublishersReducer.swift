import StoreModels
import StoreService

/// The publishers list (search, paging) and one publisher's page (account, packages, audit).
enum PublishersReducer {
    static let pageSize = 100
    static let debounceMilliseconds = 120
    static let prefetchDistance = 30
    /// Audit entries shown on a publisher's page.
    static let auditPageSize = 50

    // MARK: - List

    static func open(_ state: inout AppState) -> [AppEffect] {
        var effects = AppReducer.push(&state, .publishers)
        if !state.publishers.list.hasLoaded, state.publishers.list.pending == nil { effects += restart(&state, debounce: 0) }
        return effects
    }

    /// Searches again from the first page.
    static func restart(_ state: inout AppState, debounce: Int) -> [AppEffect] {
        let ticket = state.issueTicket()
        state.publishers.list.request(ticket)
        return [.searchPublishers(state.publishers.query, cursor: nil, ticket, debounceMilliseconds: debounce)]
    }

    /// Keys while the search field has focus.
    static func editKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        FilterLine.editKey(&state, key, text: \.publishers.query, isEditing: \.publishers.isEditing) { state in
            state.publishers.list.highlighted = 0
            state.publishers.list.scroll = 0
            return restart(&state, debounce: debounceMilliseconds)
        }
    }

    static func loaded(_ state: inout AppState, _ ticket: Ticket, _ result: Result<Page<Publisher>, StoreError>) -> [AppEffect] {
        switch state.publishers.list.take(ticket, result) {
        case .stale: return []
        case .loaded: return AppReducer.noteSuccess(&state)
        case .failed(let error): return AppReducer.noteFailure(&state, error)
        }
    }

    static func run(_ command: Command, in state: inout AppState) -> [AppEffect] {
        let rows = AppLayout.tableRows(screenHeight: state.height)
        switch command {
        case .back: return AppReducer.pop(&state)
        case .moveUp: return move(&state, by: -1)
        case .moveDown: return move(&state, by: 1)
        case .pageUp: return move(&state, by: -rows)
        case .pageDown: return move(&state, by: rows)
        case .top: return move(&state, by: -1_000_000_000)
        case .bottom: return move(&state, by: 1_000_000_000)
        case .editFilter:
            state.publishers.isEditing = true
            return []
        case .open:
            guard let publisher = state.publishers.selected else { return [] }
            return openPublisher(&state, publisher.username)
        case .verify, .suspendPublisher, .unsuspendPublisher:
            return ModerationReducer.start(command, in: &state)
        default:
            return []
        }
    }

    static func move(_ state: inout AppState, by delta: Int) -> [AppEffect] {
        state.publishers.list.move(by: delta, rows: AppLayout.tableRows(screenHeight: state.height))
        guard let cursor = state.publishers.list.cursorToPrefetch(within: prefetchDistance) else { return [] }
        let ticket = state.issueTicket()
        state.publishers.list.request(ticket, nextPage: true)
        return [.searchPublishers(state.publishers.query, cursor: cursor, ticket, debounceMilliseconds: 0)]
    }

    static func follow(_ state: inout AppState) {
        state.publishers.list.follow(rows: AppLayout.tableRows(screenHeight: state.height))
    }

    static func click(_ state: inout AppState, y: Int) -> [AppEffect] {
        if y == 1 {
            state.publishers.isEditing = true
            return []
        }
        guard let index = state.publishers.list.index(atVisibleRow: y - (AppLayout.headerRows + 1)) else { return [] }
        if index == state.publishers.list.highlighted { return run(.open, in: &state) }
        state.publishers.list.highlighted = index
        return []
    }

    /// The publisher `v`, `S` and `U` act on: the one shown, or the highlighted one in the list.
    static func target(_ state: AppState) -> Publisher? {
        switch state.route {
        case .publisher(let username):
            return state.publisherDetail?.publisher.value ?? state.publishers.list.items.first { $0.username == username }
        case .publishers:
            return state.publishers.selected
        default:
            return nil
        }
    }

    // MARK: - One publisher

    /// Shows a publisher's page and loads its account, packages and audit entries.
    static func openPublisher(_ state: inout AppState, _ username: String) -> [AppEffect] {
        var effects: [AppEffect] = []
        if let index = state.routes.firstIndex(where: { if case .publisher = $0 { true } else { false } }) {
            while state.routes.count > index, state.routes.count > 1 { effects += AppReducer.pop(&state) }
        }
        effects += AppReducer.push(&state, .publisher(username))
        var detail = PublisherDetailState(username: username)
        if let known = state.publishers.list.items.first(where: { $0.username == username }) { detail.publisher.value = known }
        state.publisherDetail = detail
        return effects + loadDetail(&state, publisher: true, packages: true, audit: true)
    }

    static func loadDetail(_ state: inout AppState, publisher: Bool, packages: Bool, audit: Bool) -> [AppEffect] {
        guard let username = state.publisherDetail?.username else { return [] }
        var effects: [AppEffect] = []
        if publisher {
            let ticket = state.issueTicket()
            state.publisherDetail?.publisher.start(ticket)
            effects.append(.loadPublisher(username, ticket))
        }
        if packages {
            let ticket = state.issueTicket()
            state.publisherDetail?.packages.start(ticket)
            effects.append(.loadPublisherPackages(username, ticket))
        }
        if audit {
            let ticket = state.issueTicket()
            state.publisherDetail?.audit.start(ticket)
            effects.append(.loadPublisherAudit(AuditQuery(publisher: username, limit: auditPageSize), ticket))
        }
        return effects
    }

    static func detailLoaded(_ state: inout AppState, _ event: AppEvent) -> [AppEffect] {
        guard var detail = state.publisherDetail else { return [] }
        var failure: StoreError?
        switch event {
        case .publisherLoaded(let ticket, let result):
            guard detail.publisher.finish(ticket, result) else { return [] }
            if case .failure(let error) = result { failure = error }
        case .publisherPackagesLoaded(let ticket, let result):
            guard detail.packages.finish(ticket, result) else { return [] }
            if case .failure(let error) = result { failure = error }
            detail.selection = min(detail.selection, max(0, (detail.packages.value?.items.count ?? 0) - 1))
        case .publisherAuditLoaded(let ticket, let result):
            guard detail.audit.finish(ticket, result) else { return [] }
            if case .failure(let error) = result { failure = error }
        default:
            return []
        }
        state.publisherDetail = detail
        if let failure { return AppReducer.noteFailure(&state, failure) }
        return AppReducer.noteSuccess(&state)
    }

    static func runDetail(_ command: Command, in state: inout AppState) -> [AppEffect] {
        guard let detail = state.publisherDetail else { return AppReducer.pop(&state) }
        let count = detail.packages.value?.items.count ?? 0
        switch command {
        case .back: return AppReducer.pop(&state)
        case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
            let delta: Int
            switch command {
            case .moveUp: delta = -1
            case .moveDown: delta = 1
            case .pageUp: delta = -10
            case .pageDown: delta = 10
            case .top: delta = -1_000_000_000
            default: delta = 1_000_000_000
            }
            state.publisherDetail?.selection = count == 0 ? 0 : min(max(0, detail.selection + delta), count - 1)
            return []
        case .open:
            guard let packages = detail.packages.value?.items, packages.indices.contains(detail.selection) else { return [] }
            return PackageReducer.open(&state, packages[detail.selection].name)
        case .verify, .suspendPublisher, .unsuspendPublisher:
            return ModerationReducer.start(command, in: &state)
        default:
            return []
        }
    }

    /// Re-issues the publisher page's failed loads.
    static func retryDetail(_ state: inout AppState) -> [AppEffect] {
        guard let detail = state.publisherDetail else { return [] }
        return loadDetail(
            &state,
            publisher: detail.publisher.error != nil && !detail.publisher.isLoading,
            packages: detail.packages.error != nil && !detail.packages.isLoading,
            audit: detail.audit.error != nil && !detail.audit.isLoading)
    }
}

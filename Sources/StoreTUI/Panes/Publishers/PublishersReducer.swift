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
        if !state.publishers.hasLoaded, state.publishers.pending == nil { effects += restart(&state, debounce: 0) }
        return effects
    }

    /// Searches again from the first page.
    static func restart(_ state: inout AppState, debounce: Int) -> [AppEffect] {
        let ticket = state.issueTicket()
        state.publishers.pending = ticket
        state.publishers.pendingIsNextPage = false
        return [.searchPublishers(state.publishers.query, cursor: nil, ticket, debounceMilliseconds: debounce)]
    }

    /// Keys while the search field has focus.
    static func editKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        FilterLine.editKey(&state, key, text: \.publishers.query, isEditing: \.publishers.isEditing) { state in
            state.publishers.selection = 0
            state.publishers.scroll = 0
            return restart(&state, debounce: debounceMilliseconds)
        }
    }

    static func loaded(_ state: inout AppState, _ ticket: Ticket, _ result: Result<Page<Publisher>, StoreError>) -> [AppEffect] {
        guard ticket == state.publishers.pending else { return [] }
        state.publishers.pending = nil
        switch result {
        case .success(let page):
            if state.publishers.pendingIsNextPage {
                state.publishers.results += page.items
            } else {
                state.publishers.results = page.items
                state.publishers.selection = 0
                state.publishers.scroll = 0
            }
            state.publishers.pendingIsNextPage = false
            state.publishers.nextCursor = page.nextCursor
            state.publishers.hasLoaded = true
            state.publishers.error = nil
            return AppReducer.noteSuccess(&state)
        case .failure(let error):
            state.publishers.error = error
            return AppReducer.noteFailure(&state, error)
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
        ListCursor.move(selection: &state.publishers.selection, scroll: &state.publishers.scroll, by: delta,
                        count: state.publishers.results.count, rows: AppLayout.tableRows(screenHeight: state.height))
        let list = state.publishers
        guard let cursor = list.nextCursor, list.pending == nil, list.selection + prefetchDistance >= list.results.count else { return [] }
        let ticket = state.issueTicket()
        state.publishers.pending = ticket
        state.publishers.pendingIsNextPage = true
        return [.searchPublishers(list.query, cursor: cursor, ticket, debounceMilliseconds: 0)]
    }

    static func follow(_ state: inout AppState) {
        ListCursor.follow(selection: state.publishers.selection, scroll: &state.publishers.scroll,
                          count: state.publishers.results.count, rows: AppLayout.tableRows(screenHeight: state.height))
    }

    static func click(_ state: inout AppState, y: Int) -> [AppEffect] {
        if y == 1 {
            state.publishers.isEditing = true
            return []
        }
        let firstRow = AppLayout.headerRows + 1
        let index = state.publishers.scroll + (y - firstRow)
        guard y >= firstRow, state.publishers.results.indices.contains(index) else { return [] }
        if index == state.publishers.selection { return run(.open, in: &state) }
        state.publishers.selection = index
        return []
    }

    /// The publisher `v`, `S` and `U` act on: the one shown, or the highlighted one in the list.
    static func target(_ state: AppState) -> Publisher? {
        switch state.route {
        case .publisher(let username):
            return state.publisherDetail?.publisher.value ?? state.publishers.results.first { $0.username == username }
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
        if let known = state.publishers.results.first(where: { $0.username == username }) { detail.publisher.value = known }
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

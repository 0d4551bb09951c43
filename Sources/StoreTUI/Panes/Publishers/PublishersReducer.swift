import StoreModels
import StoreService

extension PublishersState: FilterLinePane {
    static var filterText: WritableKeyPath<Self, String> { \.query }
    static var isEditingFilter: WritableKeyPath<Self, Bool> { \.isEditing }

    static var debounceMilliseconds: Int { PublishersReducer.debounceMilliseconds }

    func pageRequest(cursor: String?, ticket: Ticket, debounceMilliseconds: Int) -> AppEffect? {
        .searchPublishers(query, cursor: cursor, limit: PublishersReducer.pageSize, ticket, debounceMilliseconds: debounceMilliseconds)
    }
}

/// The publishers list (search, paging) on its own state, and one publisher's page (account,
/// packages, audit).
enum PublishersReducer {
    static let pageSize = 100
    static let debounceMilliseconds = 120
    /// Audit entries shown on a publisher's page.
    static let auditPageSize = 50

    // MARK: - List

    /// Shows the publishers and loads the first page.
    static func open(_ state: inout AppState) -> [AppEffect] {
        let effects = AppReducer.push(&state, .publishers(PublishersState()))
        guard !state.publishers.list.hasLoaded, state.publishers.list.pending == nil else { return effects }
        return effects + AppReducer.scoped(&state, \.publishers) { list, step in ListPaneReducer.restart(&list, &step) }
    }

    /// Commands on the list; moderation (`v`, `S`, `U`) is the app's (it spans the list and a publisher's page).
    static func run(_ command: Command, _ list: inout PublishersState, _ step: inout PaneStep) {
        if ListPaneReducer.runCommon(command, &list, &step) { return }
        if command == .open, let publisher = list.selected { step.notice(.openPublisher(publisher.username)) }
    }

    static func click(y: Int, _ list: inout PublishersState, _ step: inout PaneStep) {
        if let clicked = ListPaneReducer.clickFiltered(&list, y: y, &step), clicked.wasHighlighted { run(.open, &list, &step) }
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
        var detail = PublisherDetailState(username: username)
        if let known = state.publishers.list.items.first(where: { $0.username == username }) { detail.publisher.value = known }
        let effects = AppReducer.replace(&state, with: .publisher(detail)) { if case .publisher = $0 { true } else { false } }
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
            effects.append(.loadPublisherPackages(username: username, ticket))
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
            let delta = command.moveDelta(page: 10) ?? 0
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

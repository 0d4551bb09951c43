import StoreModels
import StoreService

/// The logic of an opened package and its tabs.
enum PackageReducer {
    /// Revisions are fetched in pages of this size until all are loaded.
    static let revisionPageSize = 500
    /// Stop fetching more revisions beyond this many (the table says so).
    static let revisionLimit = 50_000

    /// Opens a package: pushes its route and loads its detail and channel map.
    static func open(_ state: inout AppState, _ name: PackageName, tab: PackageTab = .detail) -> [AppEffect] {
        var effects: [AppEffect] = []
        if let index = state.routes.firstIndex(where: { if case .package = $0 { true } else { false } }) {
            while state.routes.count > index, state.routes.count > 1 { effects += AppReducer.pop(&state) }
        }
        effects += AppReducer.push(&state, .package(name))
        var package = PackageState(name: name)
        package.tab = tab
        let detail = state.issueTicket()
        let map = state.issueTicket()
        package.detail.start(detail)
        package.channelMap.start(map)
        state.package = package
        // Revisions load too: the channel map and detail show their versions.
        return effects + [.loadPackage(name, detail), .loadChannelMap(name, map)] + loadRevisions(&state, cursor: nil)
    }

    static func run(_ command: Command, in state: inout AppState) -> [AppEffect] {
        guard var package = state.package else { return [] }
        let rows = AppLayout.tableRows(screenHeight: state.height)
        switch command {
        case .back:
            return AppReducer.pop(&state)
        case .toggleSelection, .release, .promote, .closeChannel, .progressive, .undoRelease:
            return PublishReducer.run(command, in: &state)
        case .nextTab, .previousTab:
            let all = PackageTab.allCases
            let step = command == .nextTab ? 1 : all.count - 1
            return select(&state, tab: all[(package.tab.rawValue + step) % all.count])
        case .showDetail: return select(&state, tab: .detail)
        case .showRevisions: return select(&state, tab: .revisions)
        case .showChannels: return select(&state, tab: .channels)
        case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
            let delta: Int
            switch command {
            case .moveUp: delta = -1
            case .moveDown: delta = 1
            case .pageUp: delta = -rows
            case .pageDown: delta = rows
            case .top: delta = -1_000_000_000
            default: delta = 1_000_000_000
            }
            switch package.tab {
            case .detail: package.detailScroll = max(0, package.detailScroll + delta)
            case .channels: moveChannelSelection(&package, by: delta, screenHeight: state.height)
            case .revisions:
                ListCursor.move(selection: &package.revisions.selection, scroll: &package.revisions.scroll, by: delta,
                                count: package.revisions.visible.count, rows: rows)
            }
            state.package = package
            return []
        case .cycleSort:
            let all = RevisionsState.Sort.allCases
            let index = all.firstIndex(of: package.revisions.sort) ?? 0
            package.revisions.sort = all[(index + 1) % all.count]
            resetRevisionCursor(&package)
            state.package = package
            return []
        case .cycleArchitecture:
            let order: [Architecture?] = [nil] + package.revisions.architectures.map { Optional($0) }
            let index = order.firstIndex(of: package.revisions.architecture) ?? 0
            package.revisions.architecture = order[(index + 1) % order.count]
            resetRevisionCursor(&package)
            state.package = package
            return []
        case .cycleReviewStatus:
            let order: [String?] = [nil, "approved", "pending", "rejected"]
            let index = order.firstIndex(of: package.revisions.reviewStatus) ?? 0
            package.revisions.reviewStatus = order[(index + 1) % order.count]
            resetRevisionCursor(&package)
            state.package = package
            return []
        default:
            return []
        }
    }

    /// Moves the highlighted channel row and scrolls so it (and its platform heading) stays visible.
    static func moveChannelSelection(_ package: inout PackageState, by delta: Int, screenHeight: Int) {
        guard let map = package.channelMap.value else { return }
        let count = ChannelMapRows.targets(map).count
        guard count > 0 else { return }
        package.channelSelection = min(max(0, package.channelSelection + delta), count - 1)
        followChannelSelection(&package, screenHeight: screenHeight)
    }

    static func followChannelSelection(_ package: inout PackageState, screenHeight: Int) {
        guard let map = package.channelMap.value else { return }
        let rows = AppLayout.bodyHeight(screenHeight: screenHeight)
        let total = ChannelMapRows.rowCount(map)
        let row = ChannelMapRows.rowIndex(ofTarget: package.channelSelection, in: map)
        ListCursor.follow(selection: max(0, row - 2), scroll: &package.channelScroll, count: total, rows: rows)
        ListCursor.follow(selection: row, scroll: &package.channelScroll, count: total, rows: rows)
    }

    static func resetRevisionCursor(_ package: inout PackageState) {
        package.revisions.selection = 0
        package.revisions.scroll = 0
    }

    static func select(_ state: inout AppState, tab: PackageTab) -> [AppEffect] {
        guard state.package != nil else { return [] }
        state.package?.tab = tab
        if tab == .revisions, let revisions = state.package?.revisions, !revisions.hasLoaded, revisions.pending == nil {
            return loadRevisions(&state, cursor: nil)
        }
        return []
    }

    /// Reloads the channel map and every revision (after a release, or to rebuild a preview).
    static func reload(_ state: inout AppState) -> [AppEffect] {
        guard let name = state.package?.name else { return [] }
        let ticket = state.issueTicket()
        state.package?.channelMap.start(ticket)
        state.package?.revisions.replaceOnNextPage = true
        return [.loadChannelMap(name, ticket)] + loadRevisions(&state, cursor: nil)
    }

    static func loadRevisions(_ state: inout AppState, cursor: String?) -> [AppEffect] {
        guard let name = state.package?.name else { return [] }
        let ticket = state.issueTicket()
        state.package?.revisions.pending = ticket
        return [.loadRevisions(name, RevisionQuery(cursor: cursor, limit: revisionPageSize), ticket)]
    }

    /// A click on the tab bar switches tabs; a click on a revision row selects it.
    static func click(_ state: inout AppState, x: Int, y: Int) -> [AppEffect] {
        guard let package = state.package else { return [] }
        if y == 1 {
            var column = 1
            for tab in PackageTab.allCases {
                let width = tab.title.count + 6
                if x >= column && x < column + width { return select(&state, tab: tab) }
                column += width
            }
            return []
        }
        if package.tab == .revisions {
            let firstRow = AppLayout.headerRows + 1
            let index = package.revisions.scroll + (y - firstRow)
            if y >= firstRow, index < package.revisions.visible.count { state.package?.revisions.selection = index }
        }
        return []
    }

    /// Store answers for the opened package.
    static func loaded(_ state: inout AppState, _ event: AppEvent) -> [AppEffect] {
        var effects = loadedPart(&state, event)
        // An undo started from an audit entry runs once the map and every revision are in.
        if let pending = state.pendingUndo, let package = state.package, package.name == pending,
           package.channelMap.value != nil, !package.channelMap.isLoading,
           package.revisions.hasLoaded, package.revisions.nextCursor == nil, package.revisions.pending == nil {
            state.pendingUndo = nil
            effects += PublishReducer.undo(&state)
        }
        return effects
    }

    static func loadedPart(_ state: inout AppState, _ event: AppEvent) -> [AppEffect] {
        guard var package = state.package else { return [] }
        var failure: StoreError?
        var effects: [AppEffect] = []
        switch event {
        case .packageLoaded(let ticket, let result):
            guard package.detail.finish(ticket, result) else { return [] }
            if case .failure(let error) = result { failure = error }
        case .channelMapLoaded(let ticket, let result):
            guard package.channelMap.finish(ticket, result) else { return [] }
            if case .failure(let error) = result { failure = error }
            if let map = package.channelMap.value {
                package.channelSelection = min(package.channelSelection, max(0, ChannelMapRows.targets(map).count - 1))
            }
        case .revisionsLoaded(let ticket, let result):
            guard ticket == package.revisions.pending else { return [] }
            package.revisions.pending = nil
            switch result {
            case .success(let page):
                if package.revisions.replaceOnNextPage {
                    package.revisions.items = page.items
                    package.revisions.replaceOnNextPage = false
                } else {
                    package.revisions.items += page.items
                }
                package.revisions.nextCursor = page.nextCursor
                package.revisions.hasLoaded = true
                package.revisions.error = nil
                state.package = package
                if page.nextCursor != nil, package.revisions.items.count < revisionLimit {
                    effects += loadRevisions(&state, cursor: page.nextCursor)
                }
                return AppReducer.noteSuccess(&state) + effects
            case .failure(let error):
                package.revisions.error = error
                failure = error
            }
        default:
            return []
        }
        state.package = package
        if let failure { return AppReducer.noteFailure(&state, failure) }
        return AppReducer.noteSuccess(&state)
    }

    /// Re-issues the package's failed loads.
    static func retryFailed(_ state: inout AppState) -> [AppEffect] {
        guard let package = state.package else { return [] }
        var effects: [AppEffect] = []
        if package.detail.error != nil || package.detail.value == nil, !package.detail.isLoading {
            let ticket = state.issueTicket()
            state.package?.detail.start(ticket)
            effects.append(.loadPackage(package.name, ticket))
        }
        if package.channelMap.error != nil || package.channelMap.value == nil, !package.channelMap.isLoading {
            let ticket = state.issueTicket()
            state.package?.channelMap.start(ticket)
            effects.append(.loadChannelMap(package.name, ticket))
        }
        if package.revisions.error != nil, package.revisions.pending == nil {
            effects += loadRevisions(&state, cursor: package.revisions.replaceOnNextPage ? nil : package.revisions.nextCursor)
        }
        return effects
    }
}

import StoreModels
import StoreService

/// The logic of an opened package and its tabs, on the package's own state. Publishing from it
/// (release, promote, close, undo) is the app's ``PublishReducer``: it opens the preview above.
enum PackageReducer {
    /// Revisions are fetched in pages of this size until all are loaded.
    static let revisionPageSize = 500
    /// Stop fetching more revisions beyond this many (the table says so).
    static let revisionLimit = 50_000

    /// Opens a package (replacing any package open) and loads its detail, channel map and revisions.
    static func open(_ state: inout AppState, _ name: PackageName, tab: PackageTab = .detail) -> [AppEffect] {
        var package = PackageState(name: name)
        package.tab = tab
        var step = AppReducer.step(state)
        let detail = step.ticket(), map = step.ticket()
        package.detail.start(detail)
        package.channelMap.start(map)
        step.run(.loadPackage(name, detail))
        step.run(.loadChannelMap(name, map))
        // Revisions load too: the channel map and detail show their versions.
        loadRevisions(&package, cursor: nil, &step)
        let popped = AppReducer.replace(&state, with: .package(package)) { if case .package = $0 { true } else { false } }
        return popped + AppReducer.finish(&state, step)
    }

    /// Commands on the package's tabs (publishing commands excepted).
    static func run(_ command: Command, _ package: inout PackageState, _ step: inout PaneStep) {
        let rows = step.layout.listRows
        switch command {
        case .back:
            step.notice(.back)
        case .nextTab, .previousTab:
            let all = PackageTab.allCases
            let offset = command == .nextTab ? 1 : all.count - 1
            select(all[(package.tab.rawValue + offset) % all.count], &package, &step)
        case .showDetail: select(.detail, &package, &step)
        case .showRevisions: select(.revisions, &package, &step)
        case .showChannels: select(.channels, &package, &step)
        case .showMetrics: select(.metrics, &package, &step)
        case .cycleRange, .cycleBreakdown:
            if package.tab == .metrics { MetricsReducer.run(command, &package, &step) }
        case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
            let delta = command.moveDelta(page: rows) ?? 0
            switch package.tab {
            case .detail: package.detailScroll = max(0, package.detailScroll + delta)
            case .channels: moveChannelSelection(&package, rows: delta, rowsShown: rows)
            case .revisions: package.revisions.list.move(by: delta, rows: rows, among: package.revisions.visible.count)
            case .metrics: break
            }
        case .moveLeft, .moveRight:
            if package.tab == .channels {
                moveChannelSelection(&package, columns: command == .moveLeft ? -1 : 1, rowsShown: rows)
            } else if package.tab == .metrics {
                MetricsReducer.run(command, &package, &step)
            }
        case .cycleSort:
            let all = RevisionsState.Sort.allCases
            let index = all.firstIndex(of: package.revisions.sort) ?? 0
            package.revisions.sort = all[(index + 1) % all.count]
            resetRevisionCursor(&package)
        case .cycleArchitecture:
            let order: [Architecture?] = [nil] + package.revisions.architectures.map { Optional($0) }
            let index = order.firstIndex(of: package.revisions.architecture) ?? 0
            package.revisions.architecture = order[(index + 1) % order.count]
            resetRevisionCursor(&package)
        case .cycleReviewStatus:
            let order: [String?] = [nil, "approved", "pending", "rejected"]
            let index = order.firstIndex(of: package.revisions.reviewStatus) ?? 0
            package.revisions.reviewStatus = order[(index + 1) % order.count]
            resetRevisionCursor(&package)
        default:
            break
        }
    }

    /// Moves the highlighted cell by channels (`rows`) and platforms (`columns`), scrolling so it
    /// stays among the `rowsShown` rows drawn.
    static func moveChannelSelection(_ package: inout PackageState, rows: Int = 0, columns: Int = 0, rowsShown: Int) {
        guard let grid = package.channelGrid else { return }
        package.channelSelection = grid.moving(package.channelSelection, rows: rows, columns: columns)
        followChannelSelection(&package, rows: rowsShown)
    }

    static func followChannelSelection(_ package: inout PackageState, rows: Int) {
        guard let grid = package.channelGrid else { return }
        let row = grid.drawnRow(ofCell: package.channelSelection)
        ListCursor.follow(selection: row, scroll: &package.channelScroll, count: grid.rows.count, rows: rows)
    }

    /// Keeps the highlighted row of the open tab in view (after a resize).
    static func follow(_ package: inout PackageState, rows: Int) {
        switch package.tab {
        case .revisions: package.revisions.list.follow(rows: rows, among: package.revisions.visible.count)
        case .channels: followChannelSelection(&package, rows: rows)
        case .detail, .metrics: break
        }
    }

    static func resetRevisionCursor(_ package: inout PackageState) {
        package.revisions.list.highlighted = 0
        package.revisions.list.scroll = 0
    }

    static func select(_ tab: PackageTab, _ package: inout PackageState, _ step: inout PaneStep) {
        package.tab = tab
        if tab == .revisions, !package.revisions.list.hasLoaded, package.revisions.list.pending == nil {
            loadRevisions(&package, cursor: nil, &step)
        }
        if tab == .metrics, package.metrics.figures.value == nil, !package.metrics.figures.isLoading {
            MetricsReducer.load(&package, &step)
        }
        if tab == .channels { MetricsReducer.loadReleaseDevices(&package, &step) }
    }

    /// Reloads the channel map and every revision (after a release, or to rebuild a preview); the
    /// reloaded revisions replace the old ones, the highlighted row kept.
    static func reload(_ package: inout PackageState, _ step: inout PaneStep) {
        let ticket = step.ticket()
        package.channelMap.start(ticket)
        step.run(.loadChannelMap(package.name, ticket))
        loadRevisions(&package, cursor: nil, &step)
    }

    /// Asks for the revisions page at `cursor` (`nil`: the first, whose answer replaces the rows).
    static func loadRevisions(_ package: inout PackageState, cursor: String?, _ step: inout PaneStep) {
        let ticket = step.ticket()
        package.revisions.list.request(ticket, nextPage: cursor != nil)
        step.run(.loadRevisions(package.name, RevisionQuery(cursor: cursor, limit: revisionPageSize), ticket))
    }

    /// A click on the tab bar switches tabs; a click on a revision row highlights it.
    static func click(x: Int, y: Int, _ package: inout PackageState, _ step: inout PaneStep) {
        if step.layout.isToolbar(row: y) {
            var column = 1
            for tab in PackageTab.allCases {
                let width = tab.title.count + 6
                if x >= column && x < column + width { return select(tab, &package, &step) }
                column += width
            }
            return
        }
        guard package.tab == .revisions, let row = step.layout.listRow(atScreenRow: y) else { return }
        let index = package.revisions.list.scroll + row
        if index < package.revisions.visible.count { package.revisions.list.highlighted = index }
    }

    /// Store answers for the package: its detail, map and revisions pages (each next page asked
    /// for until all are in, up to ``revisionLimit``).
    static func loaded(_ event: AppEvent, _ package: inout PackageState, _ step: inout PaneStep) {
        switch event {
        case .packageLoaded(let ticket, let result):
            guard package.detail.finish(ticket, result) else { return }
            report(result, &step)
            if package.tab == .channels { MetricsReducer.loadReleaseDevices(&package, &step) }
        case .channelMapLoaded(let ticket, let result):
            guard package.channelMap.finish(ticket, result) else { return }
            if let grid = package.channelGrid {
                package.channelSelection = min(package.channelSelection, max(0, grid.cellCount - 1))
            }
            report(result, &step)
        case .metricsLoaded(let ticket, let result):
            guard package.metrics.figures.finish(ticket, result) else { return }
            report(result, &step)
        case .releaseDevicesLoaded(let ticket, let result):
            // Best effort: without figures the map shows none, and says nothing.
            _ = package.releaseDevices.finish(ticket, result)
        case .revisionsLoaded(let ticket, let result):
            let highlighted = package.revisions.list.highlighted
            let isFirstPage = !package.revisions.list.isNextPage
            switch package.revisions.list.take(ticket, result) {
            case .stale:
                return
            case .loaded:
                if isFirstPage { package.revisions.list.highlighted = highlighted }
                package.revisions.list.follow(rows: step.layout.listRows, among: package.revisions.visible.count)
                step.notice(.storeAnswered)
                if let cursor = package.revisions.list.nextCursor, package.revisions.items.count < revisionLimit {
                    loadRevisions(&package, cursor: cursor, &step)
                }
            case .failed(let error):
                step.notice(.storeFailed(error))
            }
        default:
            return
        }
    }

    private static func report<Value>(_ result: Result<Value, StoreError>, _ step: inout PaneStep) {
        switch result {
        case .success: step.notice(.storeAnswered)
        case .failure(let error): step.notice(.storeFailed(error))
        }
    }

    /// Whether every revision is in and the map has loaded (what an undo or a preview waits for).
    static func isComplete(_ package: PackageState) -> Bool {
        package.channelMap.value != nil && !package.channelMap.isLoading
            && package.revisions.list.hasLoaded && package.revisions.list.nextCursor == nil && package.revisions.list.pending == nil
    }

    /// Re-issues the package's failed loads.
    static func retryFailed(_ package: inout PackageState, _ step: inout PaneStep) {
        if package.detail.error != nil || package.detail.value == nil, !package.detail.isLoading {
            let ticket = step.ticket()
            package.detail.start(ticket)
            step.run(.loadPackage(package.name, ticket))
        }
        if package.channelMap.error != nil || package.channelMap.value == nil, !package.channelMap.isLoading {
            let ticket = step.ticket()
            package.channelMap.start(ticket)
            step.run(.loadChannelMap(package.name, ticket))
        }
        if package.metrics.figures.error != nil, !package.metrics.figures.isLoading {
            MetricsReducer.load(&package, &step)
        }
        if package.revisions.list.error != nil, package.revisions.list.pending == nil {
            loadRevisions(&package, cursor: package.revisions.list.isNextPage ? package.revisions.list.nextCursor : nil, &step)
        }
    }
}

/// The package screen as the app drives it: scoped runs on the open package, and what follows a
/// load (an undo waiting for the data, a preview being rebuilt).
extension PackageReducer {
    /// Runs `body` on the open package, if any.
    static func onOpenPackage(_ state: inout AppState, _ body: (inout PackageState, inout PaneStep) -> Void) -> [AppEffect] {
        guard let package = state.package else { return [] }
        let layout = state.layout(of: .package(package))
        var step = AppReducer.step(state, layout: layout)
        var value = package
        body(&value, &step)
        state.package = value
        return AppReducer.finish(&state, step)
    }

    /// Reloads the open package's map and revisions.
    static func reload(_ state: inout AppState) -> [AppEffect] {
        onOpenPackage(&state) { package, step in reload(&package, &step) }
    }

    /// A store answer for the open package; then an undo started from an audit entry runs once
    /// the map and every revision are in.
    static func loaded(_ state: inout AppState, _ event: AppEvent) -> [AppEffect] {
        // A package that does not exist (or may not be seen) leaves no dead page behind.
        if case .packageLoaded(let ticket, .failure(let error)) = event, case .notFound = error,
           let package = state.package, package.detail.pending == ticket, state.route == .package(package.name) {
            let effects = AppReducer.pop(&state)
            state.message = StatusMessage(error.description, severity: .error)
            return effects
        }
        var effects = onOpenPackage(&state) { package, step in loaded(event, &package, &step) }
        if let pending = state.pendingUndo, let package = state.package, package.name == pending.package, isComplete(package) {
            effects += PublishReducer.undo(&state)
        }
        return effects
    }
}

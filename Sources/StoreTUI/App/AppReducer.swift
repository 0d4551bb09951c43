import Foundation
import StoreModels
import StoreService

/// The console's logic: applies one event to the state and returns the effects to run.
/// Pure and synchronous; the runtime performs the effects and feeds their results back.
public enum AppReducer {
    /// The effects to run once at launch: the first search and the category list.
    /// Reviewers and admins also load the review queue, so its count shows in the status bar.
    public static func start(_ state: inout AppState) -> [AppEffect] {
        var effects = [startSearch(&state, debounce: 0), AppEffect.loadCategories]
        if Availability.seesReviewQueue(state) { effects += ReviewQueueReducer.load(&state, cursor: nil) }
        return effects
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
            let effects = PackageReducer.loaded(&state, event)
            return effects + ReleasePreviewReducer.packageDataChanged(&state)
        case .retryDue:
            state.retryIsScheduled = false
            return retryFailed(&state)
        case .planApplied(let ticket, let result):
            return ReleasePreviewReducer.applied(&state, ticket, result)
        case .reviewQueueLoaded(let ticket, let result):
            return ReviewQueueReducer.loaded(&state, ticket, result)
        case .reviewed(let ticket, let outcomes):
            return ReviewQueueReducer.reviewed(&state, ticket, outcomes)
        case .publishersLoaded(let ticket, let result):
            return PublishersReducer.loaded(&state, ticket, result)
        case .publisherLoaded, .publisherPackagesLoaded, .publisherAuditLoaded:
            return PublishersReducer.detailLoaded(&state, event)
        case .moderated(let ticket, let result):
            return ModerationReducer.moderated(&state, ticket, result)
        case .auditLoaded(let ticket, let result):
            return AuditReducer.loaded(&state, ticket, result)
        case .namesCompleted(let ticket, let result):
            return PaletteReducer.namesCompleted(&state, ticket, result)
        }
    }

    // MARK: - Keys

    static func handleKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        if state.isConfirmingQuit {
            return confirmQuit(&state, key)
        }
        if let overlay = state.overlay {
            switch overlay {
            case .help:
                state.overlay = nil
                return []
            case .palette(var palette):
                return PaletteReducer.handleKey(&state, &palette, key)
            case .form(var form):
                return FormReducer.handleKey(&state, &form, key)
            }
        }
        if state.route == .search, state.search.isEditing {
            return SearchReducer.editKey(&state, key)
        }
        if state.route == .publishers, state.publishers.isEditing {
            return PublishersReducer.editKey(&state, key)
        }
        if state.route == .audit, state.audit.isEditing {
            return AuditReducer.editKey(&state, key)
        }
        guard let command = state.keyMap.command(for: key, in: state.keyContexts) else { return [] }
        return run(command, in: &state)
    }

    /// What quitting now would lose, as a question; `nil` when nothing would be lost.
    static func unsentWorkQuestion(_ state: AppState) -> String? {
        if let pending = state.pendingApply {
            return "\(pending.summary) is still being applied; quit before the store answers? y quits, any other key stays."
        }
        if let preview = state.preview {
            return "\(preview.summary) is not applied yet; quit and discard it? y quits, any other key stays."
        }
        return nil
    }

    /// The key after a quit that would lose a plan: y, q or C-c quit; anything else keeps the plan.
    static func confirmQuit(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        state.isConfirmingQuit = false
        switch key {
        case .character("y"), .character("Y"), .character("q"), .ctrl("c"):
            state.isQuitting = true
            return [.quit]
        default:
            state.message = StatusMessage("Kept the release plan.")
            return []
        }
    }

    /// Runs a command (from a key, the palette or a mouse click).
    /// Commands the identity may not run are refused with the reason ("Not allowed: …").
    public static func run(_ command: Command, in state: inout AppState) -> [AppEffect] {
        state.message = nil
        if let reason = Availability.disabledReason(command, in: state) {
            state.message = StatusMessage("Not allowed: \(reason).", severity: .error)
            return []
        }
        switch command {
        case .quit:
            if let question = unsentWorkQuestion(state) {
                state.isConfirmingQuit = true
                state.message = StatusMessage(question, severity: .error)
                return []
            }
            state.isQuitting = true
            return [.quit]
        case .help:
            state.overlay = .help
            return []
        case .palette:
            state.overlay = .palette(PaletteState())
            return []
        case .search:
            let effects = unwind(&state)
            state.search.isEditing = true
            return effects
        case .redraw:
            return [.redraw]
        case .suspend:
            return [.suspend]
        case .retry:
            if state.route == .preview, let effects = ReleasePreviewReducer.rebuildIfNeeded(&state) { return effects }
            state.retryIsScheduled = false
            return [.cancel(.retry)] + retryFailed(&state)
        case .reviewQueue:
            return ReviewQueueReducer.open(&state)
        case .publishers:
            return PublishersReducer.open(&state)
        case .audit:
            return AuditReducer.open(&state, filter: nil)
        case .toggleTheme:
            state.settings.theme = state.settings.theme == .dark ? .light : .dark
            return []
        default:
            switch state.route {
            case .search: return SearchReducer.run(command, in: &state)
            case .package: return PackageReducer.run(command, in: &state)
            case .preview: return ReleasePreviewReducer.run(command, in: &state)
            case .reviewQueue: return ReviewQueueReducer.run(command, in: &state)
            case .publishers: return PublishersReducer.run(command, in: &state)
            case .publisher: return PublishersReducer.runDetail(command, in: &state)
            case .audit: return AuditReducer.run(command, in: &state)
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
            case .reviewQueue: return ReviewQueueReducer.click(&state, y: mouse.y)
            case .publishers: return PublishersReducer.click(&state, y: mouse.y)
            case .audit: return AuditReducer.click(&state, y: mouse.y)
            case .preview, .publisher: return []
            }
        }
    }

    // MARK: - Helpers

    /// Issues a new search for the current query and filters; results restart at the top.
    static func startSearch(_ state: inout AppState, debounce: Int) -> AppEffect {
        let ticket = state.issueTicket()
        state.search.list.request(ticket)
        return .search(state.search.storeQuery(), ticket, debounceMilliseconds: debounce)
    }

    /// Records a failure: an unreachable store, or one whose database is unavailable, goes offline
    /// and is retried with backoff; other errors are shown.
    static func noteFailure(_ state: inout AppState, _ error: StoreError) -> [AppEffect] {
        // A cancelled call was superseded or abandoned on purpose: nothing to tell.
        if error.isCancellation { return [] }
        let isTransient: Bool
        switch error {
        case .unreachable: isTransient = true
        case .unavailable: isTransient = true
        default: isTransient = false
        }
        if isTransient {
            if case .unavailable = error { state.isStoreUnavailable = true } else { state.isStoreUnavailable = false }
            if state.retryIsScheduled, case .offline = state.connection {
                // Another load of the round already failed: same attempt, same scheduled retry.
                return []
            }
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
            state.retryIsScheduled = true
            return [.scheduleRetry(afterMilliseconds: delay)]
        }
        state.message = StatusMessage(error.description + " (r to retry)", severity: .error)
        return []
    }

    /// Marks the store reachable again after any success.
    static func noteSuccess(_ state: inout AppState) -> [AppEffect] {
        guard case .offline = state.connection else { return [] }
        state.connection = .online
        state.retryIsScheduled = false
        state.message = StatusMessage("Reconnected to the store.")
        return [.cancel(.retry)]
    }

    /// Re-issues every request whose last attempt failed.
    static func retryFailed(_ state: inout AppState) -> [AppEffect] {
        var effects: [AppEffect] = []
        if state.search.list.error != nil || !state.search.list.hasLoaded, state.search.list.pending == nil {
            effects.append(startSearch(&state, debounce: 0))
        }
        if state.categories.isEmpty { effects.append(.loadCategories) }
        effects += PackageReducer.retryFailed(&state)
        if state.reviewQueue.list.error != nil, state.reviewQueue.list.pending == nil, Availability.seesReviewQueue(state) {
            effects += ReviewQueueReducer.load(&state, cursor: state.reviewQueue.list.isNextPage ? state.reviewQueue.list.nextCursor : nil)
        }
        if state.publishers.list.error != nil, state.publishers.list.pending == nil, state.routes.contains(.publishers) {
            effects += PublishersReducer.restart(&state, debounce: 0)
        }
        effects += PublishersReducer.retryDetail(&state)
        if state.audit.list.error != nil, state.audit.list.pending == nil, state.routes.contains(.audit) {
            effects += AuditReducer.restart(&state, debounce: 0)
        }
        return effects
    }

    static func clampScrolling(_ state: inout AppState) {
        let rows = AppLayout.tableRows(screenHeight: state.height)
        state.search.list.follow(rows: rows)
        if var package = state.package {
            let count = package.revisions.visible.count
            ListCursor.follow(selection: package.revisions.selection, scroll: &package.revisions.scroll, count: count, rows: rows)
            if package.tab == .channels { PackageReducer.followChannelSelection(&package, screenHeight: state.height) }
            state.package = package
        }
        ReviewQueueReducer.follow(&state)
        PublishersReducer.follow(&state)
        AuditReducer.follow(&state)
    }
}

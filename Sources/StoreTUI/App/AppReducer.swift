import Foundation
import StoreModels
import StoreService

/// The console's logic: applies one event to the state and returns the effects to run.
/// Pure and synchronous; the runtime performs the effects and feeds their results back.
public enum AppReducer {
    /// The effects to run once at launch: the first search and the category list.
    /// Reviewers and admins also load the review queue, so its count shows in the status bar.
    public static func start(_ state: inout AppState) -> [AppEffect] {
        var effects = startSearch(&state, debounce: 0) + [AppEffect.loadCategories]
        if Availability.seesReviewQueue(state) { effects += loadReviewQueue(&state) }
        return effects
    }

    /// Applies `event` to `state`. Afterwards every list keeps its highlighted row among the rows
    /// the final layout shows (a long message may have taken rows from the list).
    public static func reduce(_ state: inout AppState, _ event: AppEvent) -> [AppEffect] {
        let effects = apply(&state, event)
        clampScrolling(&state)
        return effects
    }

    static func apply(_ state: inout AppState, _ event: AppEvent) -> [AppEffect] {
        switch event {
        case .key(let key):
            return handleKey(&state, key)
        case .mouse(let mouse):
            return handleMouse(&state, mouse)
        case .resize(let width, let height):
            state.width = width
            state.height = height
            return []
        case .tick(let now):
            state.now = now
            state.spinnerFrame &+= 1
            return []
        case .searchLoaded(let ticket, let result):
            return scoped(&state, \.search, shape: .table) { search, step in SearchReducer.loaded(ticket, result, &search, &step) }
        case .categoriesLoaded(let result):
            if case .success(let categories) = result { state.categories = categories }
            return []
        case .packageLoaded, .channelMapLoaded, .revisionsLoaded, .metricsLoaded, .releaseDevicesLoaded:
            let effects = PackageReducer.loaded(&state, event)
            return effects + ReleasePreviewReducer.packageDataChanged(&state)
        case .retryDue:
            state.retryIsScheduled = false
            return retryFailed(&state)
        case .planApplied(let ticket, let result):
            return ReleasePreviewReducer.applied(&state, ticket, result)
        case .reviewQueueLoaded(let ticket, let result):
            return scoped(&state, \.reviewQueue, shape: Screen.reviewQueue.shape) { queue, step in
                ReviewQueueReducer.loaded(ticket, result, &queue, &step)
            }
        case .reviewed(let ticket, let outcomes):
            return scoped(&state, \.reviewQueue, shape: Screen.reviewQueue.shape) { queue, step in
                ReviewQueueReducer.reviewed(ticket, outcomes, &queue, &step)
            }
        case .publishersLoaded(let ticket, let result):
            guard state.routes.contains(.publishers) else { return [] }
            return scoped(&state, \.publishers, shape: .table) { list, step in ListPaneReducer.loaded(&list, ticket, result, &step) }
        case .publisherLoaded, .publisherPackagesLoaded, .publisherAuditLoaded:
            return PublishersReducer.detailLoaded(&state, event)
        case .moderated(let ticket, let result):
            return ModerationReducer.moderated(&state, ticket, result)
        case .auditLoaded(let ticket, let result):
            guard state.routes.contains(.audit) else { return [] }
            return scoped(&state, \.audit, shape: Screen.audit(AuditState()).shape) { audit, step in
                ListPaneReducer.loaded(&audit, ticket, result, &step)
            }
        case .sshKeysLoaded(let ticket, let result):
            guard state.routes.contains(.sshKeys) else { return [] }
            return scoped(&state, \.sshKeys, shape: Screen.sshKeys(SSHKeysState()).shape) { keys, step in
                ListPaneReducer.loaded(&keys, ticket, result, &step)
            }
        case .sshKeyAdded(let ticket, let result):
            return SSHKeysReducer.added(&state, ticket, result)
        case .sshKeyRemoved(let ticket, let result):
            return SSHKeysReducer.removed(&state, ticket, result)
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
                // Moves scroll the keys when they do not all fit; any other key closes.
                switch state.keyMap.command(for: key, in: [.global]) {
                case .moveDown?: state.helpScroll = min(HelpContent.scrollLimit(state), state.helpScroll + 1)
                case .moveUp?: state.helpScroll = max(0, state.helpScroll - 1)
                case .pageDown?: state.helpScroll = min(HelpContent.scrollLimit(state), state.helpScroll + max(1, state.height - 6))
                case .pageUp?: state.helpScroll = max(0, state.helpScroll - max(1, state.height - 6))
                default: state.overlay = nil
                }
                return []
            case .palette(var palette):
                return PaletteReducer.handleKey(&state, &palette, key)
            case .form(var form):
                return FormReducer.handleKey(&state, &form, key)
            }
        }
        if state.route == .search, state.search.isEditing {
            return scoped(&state, \.search) { search, step in ListPaneReducer.editKey(key, &search, &step) }
        }
        if state.route == .publishers, state.publishers.isEditing {
            return scoped(&state, \.publishers) { list, step in ListPaneReducer.editKey(key, &list, &step) }
        }
        if state.route == .audit, state.audit.isEditing {
            return scoped(&state, \.audit) { audit, step in ListPaneReducer.editKey(key, &audit, &step) }
        }
        if state.route == .sshKeys, state.sshKeys.isEditing {
            return scoped(&state, \.sshKeys) { keys, step in ListPaneReducer.editKey(key, &keys, &step) }
        }
        guard let command = state.keyMap.command(for: key, in: state.keyContexts) else { return [] }
        return run(command, in: &state)
    }

    /// What quitting now would lose, as a question; `nil` when nothing would be lost.
    static func unsentWorkQuestion(_ state: AppState) -> String? {
        if let pending = state.pendingApply {
            return "\(pending.summary) is still being applied; quit before the store answers? q quits, any other key stays."
        }
        if let preview = state.preview {
            return "\(preview.summary) is not applied yet; quit and discard it? q quits, any other key stays."
        }
        return nil
    }

    /// The key after a quit that would lose a plan: q or C-c quit; anything else keeps the plan (`y`
    /// too: on the preview it means apply, so it never answers this question).
    static func confirmQuit(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        state.isConfirmingQuit = false
        switch key {
        case .character("q"), .ctrl("c"):
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
            state.helpScroll = 0
            return []
        case .palette:
            state.overlay = .palette(PaletteState())
            return []
        case .search:
            // `/` filters the list in every list pane: publishers and the audit log have their own line.
            switch state.route {
            case .publishers:
                state.publishers.isEditing = true
                return []
            case .audit:
                state.audit.isEditing = true
                return []
            case .sshKeys where SSHKeysReducer.seesEveryAccount(state.settings.identity):
                state.sshKeys.isEditing = true
                return []
            default:
                let effects = unwind(&state)
                state.search.isEditing = true
                return effects
            }
        case .redraw:
            return [.redraw]
        case .suspend:
            return [.suspend]
        case .retry:
            if state.route == .preview, let effects = ReleasePreviewReducer.rebuildIfNeeded(&state) { return effects }
            state.retryIsScheduled = false
            return [.cancel(.retry)] + retryFailed(&state)
        case .reviewQueue:
            return openReviewQueue(&state)
        case .publishers:
            return PublishersReducer.open(&state)
        case .audit:
            return AuditReducer.open(&state, filter: nil)
        case .sshKeys:
            return SSHKeysReducer.open(&state)
        case .toggleTheme:
            state.settings.theme = state.settings.theme == .dark ? .light : .dark
            return []
        default:
            switch state.route {
            case .search:
                return scoped(&state, \.search) { search, step in SearchReducer.run(command, &search, &step) }
            case .package:
                switch command {
                case .toggleSelection, .release, .promote, .closeChannel, .progressive, .undoRelease, .allPlatforms:
                    return PublishReducer.run(command, in: &state)
                default:
                    return PackageReducer.onOpenPackage(&state) { package, step in PackageReducer.run(command, &package, &step) }
                }
            case .preview: return ReleasePreviewReducer.run(command, in: &state)
            case .reviewQueue:
                return scoped(&state, \.reviewQueue) { queue, step in ReviewQueueReducer.run(command, &queue, &step) }
            case .publishers:
                switch command {
                case .verify, .suspendPublisher, .unsuspendPublisher: return ModerationReducer.start(command, in: &state)
                default: return scoped(&state, \.publishers) { list, step in PublishersReducer.run(command, &list, &step) }
                }
            case .publisher: return PublishersReducer.runDetail(command, in: &state)
            case .audit:
                return scoped(&state, \.audit) { audit, step in AuditReducer.run(command, &audit, &step) }
            case .sshKeys:
                switch command {
                case .addSSHKey, .removeSSHKey: return SSHKeysReducer.start(command, in: &state)
                default: return scoped(&state, \.sshKeys) { keys, step in SSHKeysReducer.run(command, &keys, &step) }
                }
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
            case .search: return scoped(&state, \.search) { search, step in SearchReducer.click(y: mouse.y, &search, &step) }
            case .package:
                return PackageReducer.onOpenPackage(&state) { package, step in PackageReducer.click(x: mouse.x, y: mouse.y, &package, &step) }
            case .reviewQueue: return scoped(&state, \.reviewQueue) { queue, step in ReviewQueueReducer.click(y: mouse.y, &queue, &step) }
            case .publishers: return scoped(&state, \.publishers) { list, step in PublishersReducer.click(y: mouse.y, &list, &step) }
            case .audit: return scoped(&state, \.audit) { audit, step in AuditReducer.click(y: mouse.y, &audit, &step) }
            case .sshKeys: return scoped(&state, \.sshKeys) { keys, step in SSHKeysReducer.click(y: mouse.y, &keys, &step) }
            case .preview, .publisher: return []
            }
        }
    }

    // MARK: - Helpers

    /// Issues a new search for the current query and filters; results restart at the top.
    static func startSearch(_ state: inout AppState, debounce: Int) -> [AppEffect] {
        scoped(&state, \.search, shape: .table) { search, step in
            ListPaneReducer.restart(&search, &step, debounceMilliseconds: debounce)
        }
    }

    /// Shows the review queue and loads it afresh, unless a first page is already on its way.
    static func openReviewQueue(_ state: inout AppState) -> [AppEffect] {
        let effects = push(&state, .reviewQueue)
        guard state.reviewQueue.list.pending == nil || state.reviewQueue.list.isNextPage else { return effects }
        return effects + loadReviewQueue(&state)
    }

    /// Loads the review queue's first page (at launch, and on opening its screen).
    static func loadReviewQueue(_ state: inout AppState) -> [AppEffect] {
        scoped(&state, \.reviewQueue, shape: Screen.reviewQueue.shape) { queue, step in
            ListPaneReducer.load(&queue, cursor: nil, &step)
        }
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
        state.message = StatusMessage(error.description + error.retryHint, severity: .error)
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
        var effects = scoped(&state, \.search, shape: .table) { search, step in ListPaneReducer.retry(&search, &step) }
        if state.categories.isEmpty { effects.append(.loadCategories) }
        effects += PackageReducer.onOpenPackage(&state) { package, step in PackageReducer.retryFailed(&package, &step) }
        if state.reviewQueue.list.error != nil, Availability.seesReviewQueue(state) {
            effects += scoped(&state, \.reviewQueue, shape: Screen.reviewQueue.shape) { queue, step in ListPaneReducer.retry(&queue, &step) }
        }
        if state.routes.contains(.publishers) {
            effects += scoped(&state, \.publishers, shape: .table) { list, step in ListPaneReducer.retry(&list, &step) }
        }
        effects += PublishersReducer.retryDetail(&state)
        if state.routes.contains(.audit), state.audit.filterError == nil {
            effects += scoped(&state, \.audit, shape: Screen.audit(AuditState()).shape) { audit, step in ListPaneReducer.retry(&audit, &step) }
        }
        if state.routes.contains(.sshKeys) {
            effects += scoped(&state, \.sshKeys, shape: Screen.sshKeys(SSHKeysState()).shape) { keys, step in ListPaneReducer.retry(&keys, &step) }
        }
        return effects
    }

    /// Keeps every screen's highlighted row in view at the new size.
    static func clampScrolling(_ state: inout AppState) {
        // The status message's rows are the same for every screen: measured once.
        let (width, height) = (state.width, state.height)
        let messageRows = StatusLine(state).messageLines.count
        func rows(_ screen: Screen) -> Int {
            PaneLayout.of(screen.shape, width: width, height: height, messageRows: messageRows).listRows
        }
        state.reviewQueue.list.follow(rows: rows(.reviewQueue))
        state.screens = state.screens.map { screen in
            switch screen {
            case .search(var search):
                search.list.follow(rows: rows(screen))
                return .search(search)
            case .package(var package):
                PackageReducer.follow(&package, rows: rows(screen))
                return .package(package)
            case .publishers(var list):
                list.list.follow(rows: rows(screen))
                return .publishers(list)
            case .audit(var audit):
                audit.list.follow(rows: rows(screen))
                return .audit(audit)
            case .sshKeys(var keys):
                keys.list.follow(rows: rows(screen))
                return .sshKeys(keys)
            case .preview, .reviewQueue, .publisher:
                return screen
            }
        }
    }
}

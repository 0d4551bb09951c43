import StoreModels
import StoreService

/// The review queue's logic: paging, selection, skip, approve and reject (one or in bulk).
enum ReviewQueueReducer {
    /// Uploads fetched per page.
    static let pageSize = 100
    /// Load the next page when the highlight is this close to the end of what is loaded.
    static let prefetchDistance = 20
    /// Rejection reasons offered in the form (any other text can be typed).
    static let rejectionTemplates = [
        "malware",
        "policy violation",
        "broken package",
        "privileged interface without justification",
        "classic confinement without an approved request",
        "trademark or impersonation",
        "misleading metadata",
    ]

    static func target(of item: ReviewItem) -> ReviewTarget {
        ReviewTarget(package: item.package, revision: item.revision.number)
    }

    /// The highlighted upload as a target list.
    static func highlightedTargets(_ state: AppState) -> [ReviewTarget] {
        state.reviewQueue.highlighted.map { [target(of: $0)] } ?? []
    }

    /// What `a`/`d` act on: the selected uploads in queue order, else the highlighted one.
    static func targets(_ state: AppState) -> [ReviewTarget] {
        let queue = state.reviewQueue
        let selected = queue.list.items.map(target(of:)).filter { queue.marked.contains($0) }
        return selected.isEmpty ? highlightedTargets(state) : selected
    }

    /// Rows of the list (the rest of the body shows the highlighted upload).
    static func listRows(screenHeight: Int) -> Int {
        max(3, (AppLayout.bodyHeight(screenHeight: screenHeight) - 1) / 2 - 1)
    }

    // MARK: - Loading

    /// Shows the queue and loads its first page (fresh each time it is opened).
    static func open(_ state: inout AppState) -> [AppEffect] {
        let effects = AppReducer.push(&state, .reviewQueue)
        guard state.reviewQueue.list.pending == nil || state.reviewQueue.list.isNextPage else { return effects }
        return effects + load(&state, cursor: nil)
    }

    static func load(_ state: inout AppState, cursor: String?) -> [AppEffect] {
        let ticket = state.issueTicket()
        state.reviewQueue.list.pending = ticket
        state.reviewQueue.list.isNextPage = cursor != nil
        return [.loadReviewQueue(cursor: cursor, ticket)]
    }

    static func loaded(_ state: inout AppState, _ ticket: Ticket, _ result: Result<Page<ReviewItem>, StoreError>) -> [AppEffect] {
        var queue = state.reviewQueue
        let highlighted = queue.list.highlighted
        let isFirstPage = !queue.list.isNextPage
        let answer = queue.list.take(ticket, result) { loaded, page in
            let known = Set(loaded.map(target(of:)))
            return loaded + page.filter { !known.contains(target(of: $0)) }
        }
        switch answer {
        case .stale:
            return []
        case .loaded:
            if isFirstPage {
                // A first page (a reload) keeps only the marks and skips of uploads still pending.
                let present = Set(queue.list.items.map(target(of:)))
                queue.marked.formIntersection(present)
                queue.skipped.formIntersection(present)
            }
            // A reload keeps the reviewer's place.
            queue.list.highlighted = min(highlighted, max(0, queue.list.items.count - 1))
            state.reviewQueue = queue
            follow(&state)
            return AppReducer.noteSuccess(&state) + seekEnd(&state)
        case .failed(let error):
            state.reviewQueue = queue
            return AppReducer.noteFailure(&state, error)
        }
    }

    /// Moves toward the true end: the highlight to the last upload loaded, and the next page asked for.
    static func seekEnd(_ state: inout AppState) -> [AppEffect] {
        guard let cursor = state.reviewQueue.list.continueToEnd(rows: listRows(screenHeight: state.height)) else { return [] }
        return load(&state, cursor: cursor)
    }

    /// Asks for the next page when the highlight nears the end of what is loaded.
    static func prefetch(_ state: inout AppState) -> [AppEffect] {
        guard let cursor = state.reviewQueue.list.cursorToPrefetch(within: prefetchDistance) else { return [] }
        return load(&state, cursor: cursor)
    }

    // MARK: - Commands

    static func run(_ command: Command, in state: inout AppState) -> [AppEffect] {
        if command != .bottom { state.reviewQueue.list.seeksEnd = false }
        let rows = listRows(screenHeight: state.height)
        switch command {
        case .back: return AppReducer.pop(&state)
        case .moveUp: return move(&state, by: -1)
        case .moveDown: return move(&state, by: 1)
        case .pageUp: return move(&state, by: -rows)
        case .pageDown: return move(&state, by: rows)
        case .top: return move(&state, by: -1_000_000_000)
        case .bottom:
            state.reviewQueue.list.seeksEnd = true
            return seekEnd(&state)
        case .toggleSelection:
            guard let item = state.reviewQueue.highlighted else { return [] }
            let target = target(of: item)
            if state.reviewQueue.marked.remove(target) == nil { state.reviewQueue.marked.insert(target) }
            let count = state.reviewQueue.marked.count
            state.message = StatusMessage(count == 0 ? "Nothing selected." : "\(count) selected · a approves · d rejects them all")
            return move(&state, by: 1)
        case .skip:
            guard let item = state.reviewQueue.highlighted else { return [] }
            state.reviewQueue.skipped.insert(target(of: item))
            if state.reviewQueue.list.highlighted >= state.reviewQueue.list.items.count - 1 {
                state.message = StatusMessage("End of the queue · \(state.reviewQueue.skipped.count) skipped.")
                return prefetch(&state)
            }
            state.message = StatusMessage("Skipped \(target(of: item)).")
            return move(&state, by: 1)
        case .approve:
            return decide(&state, targets: targets(state), decision: .approve(notes: nil))
        case .reject:
            return startRejection(&state)
        case .open:
            guard let item = state.reviewQueue.highlighted else { return [] }
            return PackageReducer.open(&state, item.package, tab: .revisions)
        default:
            return []
        }
    }

    static func move(_ state: inout AppState, by delta: Int) -> [AppEffect] {
        state.reviewQueue.list.move(by: delta, rows: listRows(screenHeight: state.height))
        return prefetch(&state)
    }

    static func follow(_ state: inout AppState) {
        state.reviewQueue.list.follow(rows: listRows(screenHeight: state.height))
    }

    static func click(_ state: inout AppState, y: Int) -> [AppEffect] {
        let row = y - (AppLayout.headerRows + 1)
        guard row < listRows(screenHeight: state.height), let index = state.reviewQueue.list.index(atVisibleRow: row) else { return [] }
        state.reviewQueue.list.highlighted = index
        return prefetch(&state)
    }

    // MARK: - Decisions

    static func startRejection(_ state: inout AppState) -> [AppEffect] {
        if state.reviewQueue.decision != nil {
            state.message = StatusMessage("Wait: the last decision is still being sent.")
            return []
        }
        let targets = targets(state)
        guard !targets.isEmpty else {
            state.message = StatusMessage("Nothing to reject: the queue is empty.")
            return []
        }
        let title = targets.count == 1 ? "Reject \(targets[0])" : "Reject \(targets.count) uploads"
        state.overlay = .form(FormState(
            title: title, purpose: .reject(targets),
            fields: [.init("Reason", hint: "shown to the publisher · Tab picks a template", options: rejectionTemplates)],
            note: "The publisher reads this reason; it is kept in the audit log."))
        return []
    }

    static func submitRejection(_ state: inout AppState, _ form: FormState) -> [AppEffect] {
        guard case .reject(let targets) = form.purpose else { return [] }
        let reason = form.value(0)
        guard !reason.isEmpty else {
            return FormReducer.refuse(&state, form, "a rejection needs a reason the publisher can act on")
        }
        return decide(&state, targets: targets, decision: .reject(reason: reason))
    }

    /// Sends a decision for `targets` (one request after the other, one answer each).
    static func decide(_ state: inout AppState, targets: [ReviewTarget], decision: ReviewDecision) -> [AppEffect] {
        if state.reviewQueue.decision != nil {
            state.message = StatusMessage("Wait: the last decision is still being sent.")
            return []
        }
        guard !targets.isEmpty else {
            state.message = StatusMessage("Nothing to review: the queue is empty.")
            return []
        }
        if let reason = Availability.reviewReason(state, targets: targets) {
            state.message = StatusMessage("Not allowed: \(reason).", severity: .error)
            return []
        }
        let ticket = state.issueTicket()
        state.reviewQueue.decision = .init(ticket: ticket, targets: targets, decision: decision)
        let what = targets.count == 1 ? targets[0].description : "\(targets.count) uploads"
        if case .approve = decision { state.message = StatusMessage("Approving \(what)…") }
        else { state.message = StatusMessage("Rejecting \(what)…") }
        return [.review(targets, decision, ticket)]
    }

    /// The store's answers to a decision: decided uploads leave the queue; failures are reported.
    static func reviewed(_ state: inout AppState, _ ticket: Ticket, _ outcomes: [ReviewOutcome]) -> [AppEffect] {
        guard let pending = state.reviewQueue.decision, pending.ticket == ticket else { return [] }
        state.reviewQueue.decision = nil
        var decided: [ReviewTarget] = []
        var failures: [(ReviewTarget, StoreError)] = []
        for outcome in outcomes {
            switch outcome.result {
            case .success(let revision):
                decided.append(outcome.target)
                if state.package?.name == outcome.target.package,
                   let index = state.package?.revisions.items.firstIndex(where: { $0.number == revision.number }) {
                    state.package?.revisions.items[index] = revision
                }
            case .failure(let error):
                // Already decided by someone else: it has left the queue all the same.
                if case .conflict = error { decided.append(outcome.target) }
                failures.append((outcome.target, error))
            }
        }
        var queue = state.reviewQueue
        let gone = Set(decided)
        // The highlight stays on the upload it was on, or (when that one left) on the next that stays.
        let before = queue.list.items
        let kept = before.indices.filter { !gone.contains(target(of: before[$0])) }
        let highlighted = kept.firstIndex { $0 >= queue.list.highlighted } ?? max(kept.count - 1, 0)
        queue.list.items = kept.map { before[$0] }
        queue.list.highlighted = highlighted
        queue.marked.subtract(gone)
        queue.skipped.subtract(gone)
        queue.list.total = queue.list.total.map { max(0, $0 - gone.count) }
        state.reviewQueue = queue
        follow(&state)
        let verb: String, detail: String
        switch pending.decision {
        case .approve: verb = "Approved"; detail = ""
        case .reject(let reason): verb = "Rejected"; detail = " (\(reason))"
        }
        let succeeded = decided.count - failures.filter { gone.contains($0.0) }.count
        if let (target, error) = failures.first {
            state.message = StatusMessage("\(verb) \(succeeded) of \(outcomes.count); \(target): \(error.description)", severity: .error)
        } else if succeeded == 1, let only = decided.first {
            state.message = StatusMessage("\(verb) \(only)\(detail).")
        } else {
            state.message = StatusMessage("\(verb) \(succeeded) uploads\(detail).")
        }
        return prefetch(&state)
    }
}

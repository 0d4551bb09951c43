import StoreModels
import StoreService

extension ReviewQueueState: ListPane {
    func pageRequest(cursor: String?, ticket: Ticket, debounceMilliseconds: Int) -> AppEffect? {
        .loadReviewQueue(cursor: cursor, limit: ReviewQueueReducer.pageSize, ticket)
    }

    /// Pages of a queue that changes while it is read may overlap: an upload shows once.
    static func merge(_ loaded: [ReviewItem], _ page: [ReviewItem]) -> [ReviewItem] {
        let known = Set(loaded.map(ReviewTarget.init))
        return loaded + page.filter { !known.contains(ReviewTarget($0)) }
    }

    /// A reload keeps the reviewer's place.
    static var reloadKeepsPlace: Bool { true }
    static var prefetchDistance: Int { 20 }
}

/// The review queue's logic, on the queue's own state: paging, marks, skips, approve and reject
/// (one or in bulk).
enum ReviewQueueReducer {
    /// Uploads fetched per page.
    static let pageSize = 100
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

    /// The highlighted upload as a target list.
    static func highlightedTargets(_ queue: ReviewQueueState) -> [ReviewTarget] {
        queue.highlighted.map { [ReviewTarget($0)] } ?? []
    }

    /// What `a`/`d` act on: the marked uploads in queue order, else the highlighted one.
    static func targets(_ queue: ReviewQueueState) -> [ReviewTarget] {
        let marked = queue.list.items.map(ReviewTarget.init).filter { queue.marked.contains($0) }
        return marked.isEmpty ? highlightedTargets(queue) : marked
    }

    // MARK: - Loading

    /// A page answer. A first page (a reload) keeps only the marks and skips of uploads still pending.
    static func loaded(_ ticket: Ticket, _ result: Result<Page<ReviewItem>, StoreError>, _ queue: inout ReviewQueueState, _ step: inout PaneStep) {
        let isFirstPage = !queue.list.isNextPage
        guard ListPaneReducer.loaded(&queue, ticket, result, &step) == .loaded, isFirstPage else { return }
        let present = Set(queue.list.items.map(ReviewTarget.init))
        queue.marked.formIntersection(present)
        queue.skipped.formIntersection(present)
    }

    // MARK: - Commands

    static func run(_ command: Command, _ queue: inout ReviewQueueState, _ step: inout PaneStep) {
        if ListPaneReducer.navigate(command, &queue, &step) { return }
        switch command {
        case .back: step.notice(.back)
        case .toggleSelection:
            guard let item = queue.highlighted else { return }
            let target = ReviewTarget(item)
            if queue.marked.remove(target) == nil { queue.marked.insert(target) }
            let count = queue.marked.count
            step.say(count == 0 ? "Nothing selected." : "\(count) selected · a approves · d rejects them all")
            ListPaneReducer.move(&queue, by: 1, &step)
        case .skip:
            guard let item = queue.highlighted else { return }
            queue.skipped.insert(ReviewTarget(item))
            if queue.list.highlighted >= queue.list.items.count - 1 {
                step.say("End of the queue · \(queue.skipped.count) skipped.")
                ListPaneReducer.prefetch(&queue, &step)
                return
            }
            step.say("Skipped \(ReviewTarget(item)).")
            ListPaneReducer.move(&queue, by: 1, &step)
        case .approve:
            decide(&queue, targets: targets(queue), decision: .approve(notes: nil), &step)
        case .reject:
            startRejection(&queue, &step)
        case .open:
            guard let item = queue.highlighted else { return }
            step.notice(.openPackage(item.package, .revisions))
        default:
            break
        }
    }

    static func click(y: Int, _ queue: inout ReviewQueueState, _ step: inout PaneStep) {
        _ = ListPaneReducer.click(&queue, y: y, &step)
    }

    // MARK: - Decisions

    static func startRejection(_ queue: inout ReviewQueueState, _ step: inout PaneStep) {
        if queue.decision != nil {
            step.say("Wait: the last decision is still being sent.")
            return
        }
        let targets = targets(queue)
        guard !targets.isEmpty else {
            step.say("Nothing to reject: the queue is empty.")
            return
        }
        let title = targets.count == 1 ? "Reject \(targets[0])" : "Reject \(targets.count) uploads"
        step.notice(.showForm(FormState(
            title: title, purpose: .reject(targets),
            fields: [.init("Reason", hint: "shown to the publisher · Tab picks a template", options: rejectionTemplates)],
            note: "The publisher reads this reason; it is kept in the audit log.")))
    }

    /// The rejection form was submitted: sends it, or keeps the form open with why not.
    static func submitRejection(_ form: FormState, _ queue: inout ReviewQueueState, _ step: inout PaneStep) {
        guard case .reject(let targets) = form.purpose else { return }
        let reason = form.value(0)
        guard !reason.isEmpty else {
            step.notice(.refuseForm(form, "a rejection needs a reason the publisher can act on"))
            return
        }
        decide(&queue, targets: targets, decision: .reject(reason: reason), &step)
    }

    /// Sends a decision for `targets` (one request after the other, one answer each).
    static func decide(_ queue: inout ReviewQueueState, targets: [ReviewTarget], decision: ReviewDecision, _ step: inout PaneStep) {
        if queue.decision != nil {
            step.say("Wait: the last decision is still being sent.")
            return
        }
        guard !targets.isEmpty else {
            step.say("Nothing to review: the queue is empty.")
            return
        }
        if let reason = Availability.reviewReason(step.identity, queue, targets: targets) {
            step.say("Not allowed: \(reason).", severity: .error)
            return
        }
        let ticket = step.ticket()
        queue.decision = .init(ticket: ticket, targets: targets, decision: decision)
        let what = targets.count == 1 ? targets[0].description : "\(targets.count) uploads"
        if case .approve = decision { step.say("Approving \(what)…") } else { step.say("Rejecting \(what)…") }
        step.run(.review(targets, decision, ticket))
    }

    /// The store's answers to a decision: decided uploads leave the queue (the highlight stays on
    /// the upload it was on, or the next that stays), each decided revision is passed on to an
    /// open package, and failures are reported.
    static func reviewed(_ ticket: Ticket, _ outcomes: [ReviewOutcome], _ queue: inout ReviewQueueState, _ step: inout PaneStep) {
        guard let pending = queue.decision, pending.ticket == ticket else { return }
        queue.decision = nil
        var decided: [ReviewTarget] = []
        var failures: [(ReviewTarget, StoreError)] = []
        for outcome in outcomes {
            switch outcome.result {
            case .success(let revision):
                decided.append(outcome.target)
                step.notice(.revisionChanged(outcome.target.package, revision))
            case .failure(let error):
                // Already decided by someone else: it has left the queue all the same.
                if case .conflict = error { decided.append(outcome.target) }
                failures.append((outcome.target, error))
            }
        }
        let gone = Set(decided)
        let before = queue.list.items
        let kept = before.indices.filter { !gone.contains(ReviewTarget(before[$0])) }
        let highlighted = kept.firstIndex { $0 >= queue.list.highlighted } ?? max(kept.count - 1, 0)
        queue.list.items = kept.map { before[$0] }
        queue.list.highlighted = highlighted
        queue.marked.subtract(gone)
        queue.skipped.subtract(gone)
        queue.list.total = queue.list.total.map { max(0, $0 - gone.count) }
        queue.list.follow(rows: step.layout.listRows)
        let verb: String, detail: String
        switch pending.decision {
        case .approve: verb = "Approved"; detail = ""
        case .reject(let reason): verb = "Rejected"; detail = " (\(reason))"
        }
        let succeeded = decided.count - failures.filter { gone.contains($0.0) }.count
        if let (target, error) = failures.first {
            step.say("\(verb) \(succeeded) of \(outcomes.count); \(target): \(error.description)", severity: .error)
        } else if succeeded == 1, let only = decided.first {
            step.say("\(verb) \(only)\(detail).")
        } else {
            step.say("\(verb) \(succeeded) uploads\(detail).")
        }
        ListPaneReducer.prefetch(&queue, &step)
    }
}

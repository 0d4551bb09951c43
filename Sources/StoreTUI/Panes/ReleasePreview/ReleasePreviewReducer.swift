import Foundation
import StoreModels
import StoreService

/// plan → preview → confirm: builds the preview with the same pure `ChannelMap.applying` the
/// store uses, sends the plan with the map version it was built on, and turns a stale-map refusal
/// into a conflict view that rebuilds the same plan on the fresh map.
enum ReleasePreviewReducer {
    /// Opens the preview of `plan` on the open package's loaded channel map.
    static func open(_ state: inout AppState, plan: ReleasePlan, summary: String, done: String, isUndo: Bool = false,
                     undoesSessionStep: Bool = false) -> [AppEffect] {
        guard let package = state.package, let map = package.channelMap.value, let detail = package.detail.value else {
            state.message = StatusMessage("Wait until the package and its channel map have loaded.")
            return []
        }
        if state.pendingApply != nil {
            state.message = StatusMessage("A release is still being applied; wait for the store's answer.", severity: .error)
            return []
        }
        let outcome = compute(plan, on: map, package: package, type: detail.package.type, now: state.now)
        var preview = ReleasePreviewState(
            package: package.name, plan: plan, summary: summary, doneMessage: done, isUndo: isUndo,
            base: map, outcome: outcome, versions: package.versions)
        preview.undoesSessionStep = undoesSessionStep
        preview.devices = package.devicesOnCells
        if package.revisions.list.pending != nil || package.channelMap.isLoading {
            // Built again once every revision is in, so a revision on a later page is not "unknown".
            preview.phase = .rebuilding
            preview.isWaitingForFirstLoad = true
        }
        return AppReducer.push(&state, .preview(preview))
    }

    /// Applies `plan` to `map` locally: what the store would do.
    static func compute(_ plan: ReleasePlan, on map: ChannelMap, package: PackageState, type: PackageType, now: Date) -> Result<PlanOutcome, PlanError> {
        do throws(PlanError) {
            return .success(try map.applying(plan, revisions: package.revisions.byNumber, type: type, now: now))
        } catch {
            return .failure(error)
        }
    }

    static func run(_ command: Command, in state: inout AppState) -> [AppEffect] {
        guard var preview = state.preview else { return AppReducer.pop(&state) }
        switch command {
        case .apply:
            return apply(&state)
        case .activate:
            return preview.focus == .apply ? apply(&state) : cancel(&state)
        case .switchFocus:
            preview.focus = preview.focus == .cancel ? .apply : .cancel
        case .back:
            return cancel(&state)
        case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
            let page = state.layout.body.height - 2
            let lines = ReleasePreviewLines.wrapped(ReleasePreviewLines.lines(preview), width: state.width - 3).count
            let delta = command.moveDelta(page: page) ?? 0
            preview.scroll = min(max(0, preview.scroll + delta), max(0, lines - page))
        default: return []
        }
        state.preview = preview
        return []
    }

    /// Sends the plan, expecting the map version the preview was built on.
    static func apply(_ state: inout AppState) -> [AppEffect] {
        guard var preview = state.preview else { return [] }
        if let reason = Availability.disabledReason(.apply, in: state) {
            state.message = StatusMessage("Not allowed: \(reason).", severity: .error)
            return []
        }
        switch preview.phase {
        case .applying:
            state.message = StatusMessage("Applying… the store's answer is on its way.")
            return []
        case .rebuilding:
            state.message = StatusMessage("Rebuilding the preview on the fresh channel map…")
            return []
        case .conflict:
            state.message = StatusMessage("The channel map changed: press r to rebuild the preview first.", severity: .error)
            return []
        case .reviewing, .failed:
            break
        }
        if case .failure(let error) = preview.outcome {
            state.message = StatusMessage("This plan cannot be applied: \(error.description).", severity: .error)
            return []
        }
        if state.pendingApply != nil {
            state.message = StatusMessage("A release is still being applied; wait for the store's answer.", severity: .error)
            return []
        }
        let ticket = state.issueTicket()
        preview.phase = .applying(ticket)
        preview.focus = .apply
        state.preview = preview
        state.pendingApply = PendingApply(ticket: ticket, package: preview.package, base: preview.base,
                                          summary: preview.summary, doneMessage: preview.doneMessage,
                                          undoesSessionStep: preview.undoesSessionStep)
        state.message = StatusMessage("Applying: \(preview.summary)…")
        return [.applyPlan(preview.package, preview.plan, expectingVersion: preview.base.version, ticket)]
    }

    /// Leaves the preview without changing anything.
    static func cancel(_ state: inout AppState) -> [AppEffect] {
        if case .applying? = state.preview?.phase {
            state.message = StatusMessage("Applying… the store's answer is on its way.")
            return []
        }
        let effects = AppReducer.pop(&state)
        state.message = StatusMessage("Cancelled: nothing was changed.")
        return effects
    }

    /// The store's answer to a plan.
    static func applied(_ state: inout AppState, _ ticket: Ticket, _ result: Result<PlanOutcome, StoreError>) -> [AppEffect] {
        guard let pending = state.pendingApply, pending.ticket == ticket else { return [] }
        state.pendingApply = nil
        // A quit question asked while the plan was in flight no longer holds: the answer replaces
        // it (a failed plan stays in the preview; the next y must not quit and lose it).
        state.isConfirmingQuit = false
        var preview = state.preview
        if case .applying(let sent)? = preview?.phase, sent == ticket {} else { preview = nil }
        switch result {
        case .success(let outcome):
            // An undo of the session's newest change takes it off the steps; any other change
            // (an undo started from the audit log included) becomes the newest step.
            if pending.undoesSessionStep {
                state.undoSteps[pending.package]?.removeLast()
            } else {
                let step = UndoStep(before: pending.base, after: outcome.map, description: "your " + pending.summary.lowercasedFirst)
                state.undoSteps[pending.package, default: []].append(step)
            }
            if preview != nil { state.screens.removeAll { $0.route == .preview } }
            var effects = AppReducer.noteSuccess(&state)
            if state.package?.name == pending.package {
                state.package?.channelMap.value = outcome.map
                state.package?.selectedRevisions = []
                effects += PackageReducer.reload(&state)
            }
            let changes = outcome.changes.count
            state.message = StatusMessage(
                "\(pending.doneMessage) · \(changes) channel change\(changes == 1 ? "" : "s"), map version \(outcome.map.version) · u undoes")
            return effects
        case .failure(let error):
            guard var shown = preview else {
                state.message = StatusMessage("\(pending.summary) failed: \(error.description)", severity: .error)
                return []
            }
            shown.focus = .cancel
            switch error {
            case .staleChannelMap(let expected, let actual, let changes):
                shown.phase = .conflict(expected: expected, actual: actual, changes: changes)
                state.message = StatusMessage("The channel map changed since you opened it; nothing was applied. r rebuilds the preview.", severity: .error)
            case .plan(let planError):
                shown.outcome = .failure(planError)
                shown.phase = .reviewing
                state.message = StatusMessage("The store refused the plan: \(planError.description).", severity: .error)
            default:
                shown.phase = .failed(error)
                state.message = StatusMessage(error.description, severity: .error)
            }
            state.preview = shown
            return []
        }
    }

    /// `r` in the preview: reload the map and revisions, then build the same plan again on them.
    /// `nil` when there is no preview to rebuild (so `r` retries failed loads as usual).
    static func rebuildIfNeeded(_ state: inout AppState) -> [AppEffect]? {
        guard var preview = state.preview, state.package?.name == preview.package else { return nil }
        switch preview.phase {
        case .applying, .rebuilding:
            return []
        case .reviewing, .conflict, .failed:
            preview.phase = .rebuilding
            preview.isWaitingForFirstLoad = false
            state.preview = preview
            state.message = StatusMessage("Reloading the channel map to rebuild the preview…")
            return PackageReducer.reload(&state)
        }
    }

    /// After the package's data changed: finishes a rebuild once the map and revisions are in.
    static func packageDataChanged(_ state: inout AppState) -> [AppEffect] {
        guard var preview = state.preview, preview.phase == .rebuilding,
              let package = state.package, package.name == preview.package,
              !package.channelMap.isLoading, package.revisions.list.pending == nil
        else { return [] }
        if let error = package.channelMap.error {
            preview.phase = .failed(error)
            state.preview = preview
            return []
        }
        guard let map = package.channelMap.value, let detail = package.detail.value else { return [] }
        let seen = preview.base.version
        preview.base = map
        preview.versions = package.versions
        preview.outcome = compute(preview.plan, on: map, package: package, type: detail.package.type, now: state.now)
        preview.phase = .reviewing
        preview.focus = .cancel
        preview.scroll = 0
        if map.version != seen {
            preview.note = "Rebuilt on channel map version \(map.version) (you had \(seen)); check the changes again."
        } else if !preview.isWaitingForFirstLoad {
            preview.note = "Rebuilt on channel map version \(map.version)."
        }
        preview.isWaitingForFirstLoad = false
        state.preview = preview
        if let note = preview.note { state.message = StatusMessage(note) }
        return []
    }
}

extension String {
    /// The text with its first letter in lower case (`Release r28…` → `release r28…`).
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

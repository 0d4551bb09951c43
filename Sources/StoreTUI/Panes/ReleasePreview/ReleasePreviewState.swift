import StoreModels
import StoreService

/// A release plan shown before it is applied: the map it was built on, what applying it would
/// change (or why it cannot be applied), and the Cancel/Apply buttons (Cancel focused).
public struct ReleasePreviewState: Hashable, Sendable {
    /// The focused button.
    public enum Focus: Hashable, Sendable { case cancel, apply }

    /// Where the preview stands.
    public enum Phase: Hashable, Sendable {
        /// Waiting for the user's decision.
        case reviewing
        /// Sent to the store; waiting for the answer.
        case applying(Ticket)
        /// The store refused: the map changed since `expected`. Nothing was applied.
        case conflict(expected: Int, actual: Int, changes: [ChannelChange])
        /// Reloading the map (and revisions) to build the preview again.
        case rebuilding
        /// The store failed for another reason (shown in place).
        case failed(StoreError)
    }

    public var package: PackageName
    public var plan: ReleasePlan
    /// One line saying what the plan does ("Release r28 to latest/beta").
    public var summary: String
    /// The status message after success ("Released r28 to latest/beta").
    public var doneMessage: String
    public var isUndo: Bool
    /// Whether it undoes the session's newest change of the package (``AppState/undoSteps``).
    public var undoesSessionStep = false
    /// The channel map the preview was built on; its version is sent with the plan.
    public var base: ChannelMap
    /// The result of applying the plan to `base` locally.
    public var outcome: Result<PlanOutcome, PlanError>
    /// Versions by revision number, for the before → after columns.
    public var versions: [Int: String]
    public var focus: Focus = .cancel
    public var phase: Phase = .reviewing
    public var scroll = 0
    /// Said above the changes after a rebuild.
    public var note: String?
    /// Whether the preview waits for revisions still loading when it opened (no rebuild note then).
    public var isWaitingForFirstLoad = false
    /// The devices on each release, when the store reported them: the preview says how many move.
    var devices: ReleaseDevices?

    /// Creates a preview.
    public init(package: PackageName, plan: ReleasePlan, summary: String, doneMessage: String, isUndo: Bool,
                base: ChannelMap, outcome: Result<PlanOutcome, PlanError>, versions: [Int: String]) {
        self.package = package
        self.plan = plan
        self.summary = summary
        self.doneMessage = doneMessage
        self.isUndo = isUndo
        self.base = base
        self.outcome = outcome
        self.versions = versions
    }

    /// The breadcrumb.
    public var crumb: String {
        if case .conflict = phase { return "Conflict" }
        return isUndo ? "Undo preview" : "Release preview"
    }

    /// Whether the plan can be sent now.
    public var canApply: Bool {
        guard case .success = outcome else { return false }
        switch phase {
        case .reviewing, .failed: return true
        case .applying, .conflict, .rebuilding: return false
        }
    }
}

/// A plan sent to the store and not answered yet. Kept apart from the preview so the answer
/// lands (and undo is recorded) even when the user left the preview meanwhile.
public struct PendingApply: Hashable, Sendable {
    public var ticket: Ticket
    public var package: PackageName
    /// The map the plan was built on: what undo restores.
    public var base: ChannelMap
    public var summary: String
    public var doneMessage: String
    /// Whether the plan undoes the session's newest change of the package (which then leaves the
    /// undo steps) rather than making a change `u` can undo.
    public var undoesSessionStep: Bool

    /// Creates a pending apply.
    public init(ticket: Ticket, package: PackageName, base: ChannelMap, summary: String, doneMessage: String, undoesSessionStep: Bool = false) {
        self.ticket = ticket
        self.package = package
        self.base = base
        self.summary = summary
        self.doneMessage = doneMessage
        self.undoesSessionStep = undoesSessionStep
    }
}

import StoreModels
import StoreService

/// The review queue: pending uploads oldest first, the reviewer's selection and skips, and the
/// decision being sent.
public struct ReviewQueueState: Hashable, Sendable {
    /// A decision sent to the store and not answered yet.
    public struct PendingDecision: Hashable, Sendable {
        public var ticket: Ticket
        public var targets: [ReviewTarget]
        public var decision: ReviewDecision
    }

    /// The pending uploads loaded so far, oldest first, and the highlighted one.
    public var list = PagedList<ReviewItem>()
    /// Uploads marked with Space for a bulk decision.
    public var marked: Set<ReviewTarget> = []
    /// Uploads passed over with `s` in this session.
    public var skipped: Set<ReviewTarget> = []
    public var decision: PendingDecision?

    public init() {}

    /// The highlighted upload.
    public var highlighted: ReviewItem? { list.highlightedItem }

    /// What the status bar shows: `12`, or `100+` when more pages exist; `nil` before the first answer.
    public var countText: String? {
        guard list.hasLoaded else { return nil }
        if let total = list.total { return "\(total)" }
        return "\(list.items.count)\(list.nextCursor != nil ? "+" : "")"
    }
}

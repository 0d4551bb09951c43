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

    public var items: [ReviewItem] = []
    public var nextCursor: String?
    public var pending: Ticket?
    public var pendingIsNextPage = false
    public var error: StoreError?
    public var hasLoaded = false
    public var selection = 0
    public var scroll = 0
    /// Uploads picked with Space for a bulk decision.
    public var selected: Set<ReviewTarget> = []
    /// Uploads passed over with `s` in this session.
    public var skipped: Set<ReviewTarget> = []
    public var decision: PendingDecision?

    public init() {}

    /// The highlighted upload.
    public var highlighted: ReviewItem? { items.indices.contains(selection) ? items[selection] : nil }

    /// What the status bar shows: `12`, or `100+` when more pages exist; `nil` before the first answer.
    public var countText: String? {
        guard hasLoaded else { return nil }
        return "\(items.count)\(nextCursor != nil ? "+" : "")"
    }
}

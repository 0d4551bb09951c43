import StoreModels
import StoreService

/// The publishers list: a search field and the matching publishers, paged by cursor.
public struct PublishersState: Hashable, Sendable {
    public var query = ""
    /// Whether keystrokes go to the search field.
    public var isEditing = false
    /// The publishers matching so far, by username, and the highlighted one.
    public var list = PagedList<Publisher>()

    public init() {}

    /// The highlighted publisher.
    public var selected: Publisher? { list.highlightedItem }
}

/// One publisher: their account, packages and audit entries, loaded independently.
public struct PublisherDetailState: Hashable, Sendable {
    public var username: String
    public var publisher = Loadable<Publisher>()
    public var packages = Loadable<Page<PackageSummary>>()
    public var audit = Loadable<Page<AuditEvent>>()
    /// The highlighted package.
    public var selection = 0

    /// Creates the state for `username`.
    public init(username: String) { self.username = username }
}

/// A moderation change sent to the store and not answered yet.
public struct PendingModeration: Hashable, Sendable {
    public var ticket: Ticket
    public var request: ModerationRequest

    /// Creates a pending change.
    public init(ticket: Ticket, request: ModerationRequest) {
        self.ticket = ticket
        self.request = request
    }
}

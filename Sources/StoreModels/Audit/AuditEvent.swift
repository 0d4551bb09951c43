import Foundation

/// An append-only record of one change in the store.
public struct AuditEvent: Hashable, Sendable, Codable, Identifiable {
    /// What kind of object changed.
    public enum ObjectKind: String, Hashable, Sendable, Codable, CaseIterable {
        case package, revision, publisher, token, channelMap = "channel-map"
        /// A registered SSH key, or an SSH session (login and logout).
        case sshKey = "ssh-key", sshSession = "ssh-session"
    }

    /// Monotonic id assigned by storage (0 before it is stored).
    public var id: Int64
    public var at: Date
    /// Username of who did it.
    public var actor: String
    public var actorRole: Role?
    /// A stable verb such as `release`, `close`, `review.approve`, `publisher.suspend`.
    public var action: String
    public var objectKind: ObjectKind
    /// The object's name or id (package name, `name#rev`, publisher username, token id).
    public var objectID: String
    /// Package the change belongs to, for filtering.
    public var package: String?
    /// Publisher the change concerns, for filtering.
    public var publisher: String?
    /// JSON of the state before and after.
    public var before: String?
    public var after: String?
    public var reason: String?

    public init(
        id: Int64 = 0, at: Date, actor: String, actorRole: Role?, action: String, objectKind: ObjectKind,
        objectID: String, package: String? = nil, publisher: String? = nil, before: String? = nil,
        after: String? = nil, reason: String? = nil
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.actorRole = actorRole
        self.action = action
        self.objectKind = objectKind
        self.objectID = objectID
        self.package = package
        self.publisher = publisher
        self.before = before
        self.after = after
        self.reason = reason
    }
}

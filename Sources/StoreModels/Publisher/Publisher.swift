/// An account that publishes packages.
public struct Publisher: Hashable, Sendable, Codable, Identifiable {
    /// The store's trust badge for a publisher.
    public enum Validation: String, Hashable, Sendable, Codable, CaseIterable {
        case unproven
        /// Green tick: an organisation checked by the store.
        case verified
        /// Star developer: a trusted community publisher.
        case starred
    }

    /// Whether the account may act.
    public enum AccountStatus: Hashable, Sendable, Codable {
        case active
        /// Suspended by a moderator; packages hidden, releases refused.
        case suspended(reason: String)

        /// Whether this is `.suspended`.
        public var isSuspended: Bool { if case .suspended = self { true } else { false } }
    }

    public var id: String
    public var username: String
    public var displayName: String
    public var validation: Validation
    public var status: AccountStatus

    /// Creates a publisher.
    public init(id: String, username: String, displayName: String, validation: Validation = .unproven, status: AccountStatus = .active) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.validation = validation
        self.status = status
    }

    /// Whether the store vouches for this publisher (verified or starred).
    public var isTrusted: Bool { validation != .unproven }
}

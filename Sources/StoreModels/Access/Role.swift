/// What an account is in the store. Ownership and collaboration are per package, not roles.
public enum Role: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Reads the public catalogue (what anonymous callers also get).
    case viewer
    /// Registers names, uploads and releases their own packages.
    case publisher
    /// Works the review queue; cannot review packages they own or collaborate on.
    case reviewer
    /// Everything: moderation, tokens, audit.
    case admin

    private var rank: Int { switch self { case .viewer: 0; case .publisher: 1; case .reviewer: 2; case .admin: 3 } }
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// Who is calling: anonymous, or an account with a role.
public struct Identity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The account behind an identity.
    public struct Account: Hashable, Sendable, Codable {
        public var id: String
        public var username: String
        public var displayName: String
        public var role: Role
        public var isSuspended: Bool
        /// The account's email, lower-case, when it has one (snapcraft logs in with it).
        public var email: String?

        public init(id: String, username: String, displayName: String, role: Role, isSuspended: Bool = false, email: String? = nil) {
            self.id = id
            self.username = username
            self.displayName = displayName
            self.role = role
            self.isSuspended = isSuspended
            self.email = email
        }
    }

    /// `nil` for an anonymous caller.
    public var account: Account?

    /// An identity for an account.
    public init(account: Account?) { self.account = account }

    /// The anonymous caller.
    public static let anonymous = Identity(account: nil)

    /// The account's role; anonymous callers count as viewers.
    public var role: Role { account?.role ?? .viewer }
    /// Whether nobody is logged in.
    public var isAnonymous: Bool { account == nil }
    /// The name shown in the status bar and the audit log.
    public var username: String { account?.username ?? "anonymous" }

    public var description: String { account.map { "\($0.username) (\($0.role.rawValue))" } ?? "anonymous" }
}

import StoreModels
import StoreService

/// The SSH keys screen: the keys that log in to the console over SSH. An account sees its own;
/// an admin sees every account's and may narrow them to one account with the filter line.
public struct SSHKeysState: Hashable, Sendable {
    /// The account whose keys an admin lists (empty: every account's). Others list their own.
    public var account = ""
    /// Whether keystrokes go to the account line.
    public var isEditing = false
    /// The keys, newest first, and the highlighted one.
    public var list = PagedList<SSHKeyInfo>()

    public init() {}

    /// The highlighted key.
    public var selected: SSHKeyInfo? { list.highlightedItem }
}

/// An SSH key being added or removed, sent to the store and not answered yet.
public struct PendingSSHKeyChange: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Adding a key line to an account (`nil`: the caller's own).
        case add(username: String?)
        /// Removing the key with this id (its fingerprint names it in messages).
        case remove(id: String, fingerprint: String)
    }

    public var ticket: Ticket
    public var kind: Kind

    /// Creates a pending change.
    public init(ticket: Ticket, kind: Kind) {
        self.ticket = ticket
        self.kind = kind
    }
}

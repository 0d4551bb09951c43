import StoreModels
import StoreService

/// `POST /api/v1/ssh-keys`: `{"publicKey": "ssh-ed25519 AAAA… me@laptop", "username": "alice"}`.
public struct APISSHKeyRequest: Codable, Sendable, Hashable {
    /// One OpenSSH public key line (the contents of a `.pub` file).
    public var publicKey: String
    /// The account the key logs in as; `nil`: the caller's own (another account: admins only).
    public var username: String?

    /// Creates a request.
    public init(publicKey: String, username: String?) {
        self.publicKey = publicKey
        self.username = username
    }
}

/// `DELETE /api/v1/ssh-keys/{id}`: `{"id": "…", "removed": true}`.
public struct APIRemovedSSHKey: Codable, Sendable, Hashable {
    public var id: String
    public var removed: Bool

    /// Creates a reply.
    public init(id: String, removed: Bool) {
        self.id = id
        self.removed = removed
    }
}

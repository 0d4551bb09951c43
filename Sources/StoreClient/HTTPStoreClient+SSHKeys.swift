import StoreAPI
import StoreModels
import StoreService

extension HTTPStoreClient {
    // MARK: SSH keys

    public func addSSHKey(_ publicKey: String, for username: String?) async throws(StoreError) -> SSHKeyInfo {
        try await send(.POST, Self.api + ["ssh-keys"], body: APISSHKeyRequest(publicKey: publicKey, username: username), as: SSHKeyInfo.self)
    }

    public func sshKeys(username: String?) async throws(StoreError) -> [SSHKeyInfo] {
        try await get(APIList<SSHKeyInfo>.self, Self.api + ["ssh-keys"], query: [("username", username)]).items
    }

    public func removeSSHKey(id: String) async throws(StoreError) {
        _ = try await send(.DELETE, Self.api + ["ssh-keys", id], body: Optional<APIReasonRequest>.none, as: APIRemovedSSHKey.self)
    }
}

import StoreModels

extension Identity {
    /// The identity the CLI uses to bootstrap a fresh store (`store-tui token create`): an admin
    /// named `system` that needs no account row.
    package static let system = Identity(
        account: Identity.Account(id: "system", username: "system", displayName: "System", role: .admin))

    /// This identity with its account's current names and suspension from `stored`, and its role
    /// lowered to `stored`'s if the account was demoted since (a token never grants more than its account).
    package func refreshed(from stored: Identity.Account) -> Identity {
        guard var account else { return self }
        account.username = stored.username
        account.displayName = stored.displayName
        account.isSuspended = stored.isSuspended
        account.role = min(account.role, stored.role)
        return Identity(account: account)
    }
}

import StoreModels
import StoreService

/// The one rule for things an account owns and manages itself (tokens, SSH keys): an account lists
/// and removes its own, an admin anyone's; anonymous callers none; another account's thing is "not
/// found" to a non-admin, so its existence is not revealed. `noun` names the things in refusals
/// ("tokens", "SSH keys").
package enum AccountOwnedRules {
    /// Whose things `caller` lists when asking for `username`'s: admins everyone's (`nil`) or one
    /// account's, others only their own.
    /// - Throws: `.unauthenticated` for anonymous callers; `.forbidden` for another account's.
    package static func listedOwner(_ username: String?, for caller: Identity, noun: String) throws(StoreError) -> String? {
        guard let account = caller.account else { throw .unauthenticated("log in to list \(noun)") }
        let isAdmin = managesEveryAccount(caller)
        if !isAdmin, let username, username != account.username {
            throw .forbidden("only admins list other accounts' \(noun)")
        }
        return isAdmin ? username : account.username
    }

    /// Throws `.unauthenticated` for anonymous callers, who own nothing to `verb` ("revoke tokens").
    package static func requireAccount(_ caller: Identity, to verb: String) throws(StoreError) {
        if caller.isAnonymous { throw .unauthenticated("log in to \(verb)") }
    }

    /// Throws unless `caller` may remove the thing `id` of `owner`: admins any, others their own
    /// (suspended accounts too: giving up access is always allowed). Others' are `.notFound(kind:)`.
    package static func requireOwnerOrAdmin(_ owner: String, id: String, kind: String, caller: Identity) throws(StoreError) {
        if owner != caller.account?.username, !managesEveryAccount(caller) {
            throw .notFound(kind: kind, name: id)
        }
    }

    /// Whether `caller` manages every account's tokens and keys (admins).
    package static func managesEveryAccount(_ caller: Identity) -> Bool {
        Permissions.may(caller, .manageTokens).isAllowed
    }
}

import Foundation
import Hummingbird
import StoreModels
import StoreService

/// snapcraft's login and account endpoints.
///
/// `snapcraft login` asks for an email and a password: the "email" is an account's username and the
/// "password" one of its token secrets (`store-tui token create`), as package registries do; no
/// password is stored. The session is a macaroon pair (``MacaroonAuthority``) that stands for that
/// token: revoking or expiring the token ends it.
extension StoreAPI {
    /// `POST /dev/api/acl/`: a root macaroon whose third-party caveat this server discharges.
    ///
    /// The permissions asked for are not enforced (the token's role decides); snap, channel and
    /// expiry restrictions are refused with 400.
    func snapACL(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        var request = request
        let body = try await JSONBody.decode(SnapcraftACLRequest.self, from: &request, limit: configuration.maxBodySize)
        // A session is as strong as the token it is discharged with: restrictions it cannot keep are
        // refused, not silently dropped (`export-login --snaps/--channels/--expires`).
        if body.packages != nil || body.channels != nil || body.expires != nil {
            throw StoreError.invalidInput(
                "this store does not restrict sessions to snaps, channels or an expiry; log in with a token made for the purpose (store-tui token create --expires 30d)")
        }
        let root = try await authenticator.macaroons.authority().mintRoot(ssoLocation: publicAuthority(of: request))
        return try APIResponse.json(SnapcraftACLResponse(macaroon: root.serialized()))
    }

    /// `POST /api/v2/tokens/discharge` `{email, password, caveat_id}`: the discharge, once the
    /// password is a valid token secret of the account the email names.
    func snapDischarge(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        var request = request
        let body = try await JSONBody.decode(SnapcraftDischargeRequest.self, from: &request, limit: configuration.maxBodySize)
        let authority = try await authenticator.macaroons.authority()
        guard authority.isOurCaveat(body.caveatID) else {
            throw StoreError.invalidInput("the caveat_id is not one this store issued; run snapcraft login again")
        }
        let identity: Identity
        do {
            identity = try await authenticator.identity(ofSecret: body.password, context: context)
        } catch StoreError.unauthenticated {
            throw StoreError.unauthenticated(Self.loginHelp)
        }
        guard let account = identity.account, Self.names(account, body.email) else {
            throw StoreError.unauthenticated(Self.loginHelp)
        }
        let discharge = try authority.discharge(caveatID: body.caveatID, ssoLocation: publicAuthority(of: request), tokenSecret: body.password)
        context.logger.info("snapcraft login", metadata: ["user": .string(account.username)])
        return try APIResponse.json(SnapcraftDischargeResponse(dischargeMacaroon: discharge.serialized()))
    }

    /// What a failed login says (never which half was wrong).
    static let loginHelp = "The email and password do not match an account: log in with your email (or username) and a token from 'store-tui token create' as the password"

    /// Whether `given` (what snapcraft calls the email) names `account`: its email or its username.
    static func names(_ account: Identity.Account, _ given: String) -> Bool {
        let login = given.trimmingCharacters(in: .whitespaces).lowercased()
        return login == account.username.lowercased() || (account.email.map { $0 == login } ?? false)
    }

    /// `POST /dev/api/acl/verify/` `{"auth_data": {"authorization"}}`: what a session may do
    /// (`login --with`, `export-login`); no restriction beyond the account's role.
    func snapVerifyACL(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        var request = request
        let body = try await JSONBody.decode(SnapcraftVerifyRequest.self, from: &request, limit: configuration.maxBodySize)
        let identity = try await authenticator.identity(ofAuthorization: body.authData.authorization, context: context)
        guard let account = identity.account else { throw StoreError.unauthenticated("the credentials name no account") }
        return try APIResponse.json(SnapcraftVerifyResponse(
            allowed: true, account: Self.snapAccountDocument(account), permissions: Self.snapPermissions(account),
            snapIDs: nil, channels: nil, expires: nil))
    }

    /// `GET /api/v2/tokens/whoami`: the account and what it may do (no package or channel restriction).
    func snapWhoami(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let identity = try context.account(toDo: "use snapcraft")
        guard let account = identity.account else { throw StoreError.unauthenticated("Log in to use snapcraft") }
        return try APIResponse.json(SnapcraftWhoamiResponse(
            account: Self.snapAccountDocument(account), channels: nil, packages: nil, permissions: Self.snapPermissions(account)))
    }

    /// `GET /dev/api/account`: the account and the snaps it publishes or collaborates on.
    func snapAccount(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let identity = try context.account(toDo: "list your snaps")
        guard let account = identity.account else { throw StoreError.unauthenticated("Log in to list your snaps") }
        let service = service(for: identity)
        var snaps: [String: SnapcraftAccountSnap] = [:]
        for summary in try await service.myPackages(includeCollaborations: true) where summary.type == .snap {
            try Task.checkCancellation()
            let detail = try await service.package(named: summary.name)
            snaps[summary.name.rawValue] = SnapcraftAccountSnap(
                snapID: detail.package.id, status: "Approved", isPrivate: detail.package.isPrivate,
                since: WireDate.format(detail.package.createdAt), price: nil)
        }
        let document = Self.snapAccountDocument(account)
        return try APIResponse.json(SnapcraftAccountResponse(
            accountID: account.id, username: account.username, email: document.email, displayname: document.name,
            snaps: [Self.snapSeries: snaps]))
    }

    /// `POST /dev/api/register-name/` `{snap_name, is_private, series}`: registers a snap name.
    func snapRegister(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let identity = try context.account(toDo: "register a name")
        var request = request
        let body = try await JSONBody.decode(SnapcraftRegisterRequest.self, from: &request, limit: configuration.maxBodySize)
        if let series = body.series, series != Self.snapSeries {
            throw StoreError.invalidInput("this store registers snaps in series \(Self.snapSeries) only")
        }
        if body.store != nil { throw StoreError.invalidInput("this store has no brand stores; register without --store") }
        let name = try snapName(body.snapName)
        do {
            let package = try await service(for: identity).registerName(name, type: .snap, isPrivate: body.isPrivate ?? false)
            return try APIResponse.json(SnapcraftRegisterResponse(snapID: package.id), status: .created)
        } catch StoreError.conflict(let message) {
            // snapcraft words its message by code: the caller's own name, or someone else's.
            let mine = try? await service(for: identity).myPackages(includeCollaborations: false)
            if mine?.contains(where: { $0.name == name }) == true {
                throw HTTPFailure(.conflict, code: "already_owned", message: "You already own the name '\(name.rawValue)'.")
            }
            var failure = HTTPFailure(.conflict, code: "already_registered", message: message)
            failure.dashboardFields["register_name_url"] = publicBaseURL(of: request) + "/register-name-dispute"
            throw failure
        }
    }

    // MARK: Documents

    /// The account as snapcraft shows it; an account without an email shows its username there.
    static func snapAccountDocument(_ account: Identity.Account) -> SnapcraftAccount {
        SnapcraftAccount(
            email: account.email ?? account.username, id: account.id, name: CharmcraftDocuments.printable(account.displayName),
            username: account.username)
    }

    /// The dashboard's permission names for an account's role; a suspended account may only look.
    static func snapPermissions(_ account: Identity.Account) -> [String] {
        var permissions = ["package_access"]
        if account.isSuspended { return permissions }
        if account.role >= .publisher {
            permissions += ["package_manage", "package_push", "package_register", "package_release", "package_update", "package_upload"]
        }
        if account.role >= .reviewer { permissions.append("store_review") }
        if account.role >= .admin { permissions.append("store_admin") }
        return permissions
    }
}

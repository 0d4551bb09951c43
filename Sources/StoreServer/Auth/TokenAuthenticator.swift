import Foundation
import Hummingbird
import StoreModels
import StoreService

/// Turns a request's `Authorization` header into an ``Identity``.
///
/// Accepted forms (scheme case-insensitive, token optionally quoted):
/// - `Bearer <token>`
/// - `Macaroon <token>` (charmcraft: the base64-decoded `CHARMCRAFT_AUTH`)
/// - `Macaroon root="<root>", discharge="<bound discharge>"` (snapcraft after `login`): the pair
///   ``MacaroonAuthority`` minted, verified by signature and mapped to the token it was discharged with
/// - `Macaroon root="<token>", discharge="…"` (snapd with a token for its root): the root value is the token
///
/// No header means anonymous. A header that does not parse, or a token the backend does not know
/// (unknown, expired, revoked), is 401 `macaroon-permission-required`; each such failure spends one
/// attempt of the client address in ``AuthFailureLimiter``, and an address out of attempts gets 429
/// for its failures. Valid credentials are never throttled.
/// Tokens are never logged.
struct TokenAuthenticator: Sendable {
    let backend: any StoreBackend
    let limiter: AuthFailureLimiter
    let macaroons: MacaroonKeyring

    init(backend: any StoreBackend, limiter: AuthFailureLimiter, macaroons: MacaroonKeyring? = nil) {
        self.backend = backend
        self.limiter = limiter
        self.macaroons = macaroons ?? MacaroonKeyring(backend: backend)
    }

    /// The longest `Authorization` value looked at.
    static let maximumHeaderLength = 8192

    /// The caller: anonymous without credentials.
    /// - Throws: `.unauthenticated` for bad credentials, `.rateLimited` after too many, `.unavailable` when the store is down.
    func identity(of request: Request, context: StoreRequestContext) async throws(StoreError) -> Identity {
        guard let header = request.headers[.authorization] else { return .anonymous }
        return try await identity(ofAuthorization: header, context: context)
    }

    /// The identity an `Authorization` value stands for (throttled as ``identity(of:context:)``).
    func identity(ofAuthorization header: String, context: StoreRequestContext) async throws(StoreError) -> Identity {
        try await throttled(context) { () async throws(StoreError) -> Identity in
            let token = try await secret(in: try Self.credentials(fromAuthorization: header))
            return try await backend.authenticate(token: token)
        }
    }

    /// The identity a token secret belongs to, a failure counted as any failed authentication
    /// (snapcraft's login sends the secret as its password).
    func identity(ofSecret secret: String, context: StoreRequestContext) async throws(StoreError) -> Identity {
        try await throttled(context) { () async throws(StoreError) -> Identity in try await backend.authenticate(token: secret) }
    }

    /// Runs an authentication; an `.unauthenticated` failure spends an attempt of the client
    /// address, and an address out of attempts gets `.rateLimited` instead.
    private func throttled(
        _ context: StoreRequestContext, _ authenticate: () async throws(StoreError) -> Identity
    ) async throws(StoreError) -> Identity {
        do throws(StoreError) {
            return try await authenticate()
        } catch {
            guard case .unauthenticated(let reason) = error else { throw error }
            // Only what fails is throttled: a valid credential from a throttled address (a shared
            // proxy, a NAT) still gets through. Secrets are 256-bit random, so guessing is hopeless
            // either way; the limit keeps a client sending bad credentials from costing lookups.
            if let seconds = await limiter.retryAfter(for: context.clientAddress) {
                context.logger.notice("authentication throttled", metadata: ["client": "\(context.clientAddress)"])
                throw .rateLimited(retryAfter: seconds)
            }
            await limiter.recordFailure(for: context.clientAddress)
            context.logger.notice("authentication failed", metadata: ["client": "\(context.clientAddress)", "reason": "\(reason)"])
            throw error
        }
    }

    /// The caller as a route with `access` sees them.
    func identity(of request: Request, context: StoreRequestContext, for access: RouteAccess) async throws(StoreError) -> Identity {
        switch access {
        case .open: .anonymous
        case .catalogue: try await catalogueIdentity(of: request, context: context)
        case .identified: try await identity(of: request, context: context)
        }
    }

    /// The caller for the public catalogue: credentials that do not check out are ignored (the request
    /// is served anonymously, as the device API does for stale snapd sessions), but still count as failures.
    func catalogueIdentity(of request: Request, context: StoreRequestContext) async throws(StoreError) -> Identity {
        do throws(StoreError) {
            return try await identity(of: request, context: context)
        } catch {
            switch error {
            case .unauthenticated, .rateLimited: return .anonymous
            default: throw error
            }
        }
    }

    /// What an `Authorization` value carries.
    enum Credentials: Equatable {
        /// A token secret.
        case token(String)
        /// A root macaroon and its bound discharge, or (snapd's form) a token in place of the root.
        case macaroons(root: String, discharge: String)
    }

    /// The token secret `credentials` stand for.
    /// - Throws: `.unauthenticated` for a macaroon pair that does not verify.
    func secret(in credentials: Credentials) async throws(StoreError) -> String {
        switch credentials {
        case .token(let token):
            return token
        case .macaroons(let root, let discharge):
            let authority = try await macaroons.authority()
            do throws(MacaroonAuthority.Refusal) {
                return try authority.tokenSecret(root: root, discharge: discharge)
            } catch {
                switch error {
                case .notOurs: return root
                case .invalid(let reason): throw .unauthenticated(reason)
                }
            }
        }
    }

    /// The credentials in an `Authorization` value.
    /// - Throws: `.unauthenticated` naming what is wrong with the header (never echoing it).
    static func credentials(fromAuthorization header: String) throws(StoreError) -> Credentials {
        let token = try token(fromAuthorization: header)
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("macaroon"), let discharge = macaroonField("discharge", of: trimmed.dropFirst(8)) else {
            return .token(token)
        }
        return .macaroons(root: token, discharge: discharge)
    }

    /// The token in an `Authorization` value (the root for the `root=…, discharge=…` form).
    /// - Throws: `.unauthenticated` naming what is wrong with the header (never echoing it).
    static func token(fromAuthorization header: String) throws(StoreError) -> String {
        guard header.utf8.count <= maximumHeaderLength else { throw .unauthenticated("The Authorization header is too long") }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            throw .unauthenticated("The Authorization header needs a scheme and a token, e.g. 'Bearer stui_…'")
        }
        let scheme = trimmed[..<space].lowercased()
        let credentials = trimmed[space...].trimmingCharacters(in: .whitespaces)
        let token: String
        switch scheme {
        case "bearer":
            token = unquoted(credentials)
        case "macaroon":
            token = macaroonRoot(credentials) ?? unquoted(credentials)
        default:
            throw .unauthenticated("Unsupported authorization scheme; use 'Bearer <token>' or 'Macaroon <token>'")
        }
        guard !token.isEmpty else { throw .unauthenticated("The Authorization header has an empty token") }
        return token
    }

    /// The `root` value of `root="…", discharge="…"`; `nil` when the credentials are not in that form.
    private static func macaroonRoot(_ credentials: String) -> String? {
        macaroonField("root", of: Substring(credentials))
    }

    /// The value of `field` in `root="…", discharge="…"`; `nil` when it has none.
    private static func macaroonField(_ field: String, of credentials: Substring) -> String? {
        for part in credentials.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            if pair[0].trimmingCharacters(in: .whitespaces).lowercased() == field {
                return unquoted(pair[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }
}

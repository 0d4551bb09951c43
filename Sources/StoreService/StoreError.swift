import StoreModels

/// Everything that can go wrong when calling the store, said so a person knows what to do.
///
/// Engines, the server and the client share this type; the server maps it to an HTTP status and
/// an `error-list` code in one place, and the client maps codes back, so the cases survive the wire.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Something named does not exist (`package`, `revision`, `publisher`, `token`, `upload`).
    case notFound(kind: String, name: String)
    /// The request is malformed or a field breaks a rule.
    case invalidInput(String)
    /// A channel string does not parse.
    case invalidChannel(String)
    /// A release plan cannot be applied.
    case plan(PlanError)
    /// The channel map changed since the caller read it; nothing was applied.
    case staleChannelMap(expected: Int, actual: Int, changes: [ChannelChange])
    /// The caller may not do this.
    case forbidden(String)
    /// The caller is not logged in, or the token is expired or revoked.
    case unauthenticated(String)
    /// The request conflicts with the store's state (a name already taken…).
    case conflict(String)
    /// Too many attempts; try again after the given number of seconds.
    case rateLimited(retryAfter: Int)
    /// The database is locked, read-only, full or gone; retry later.
    case unavailable(String)
    /// The server could not be reached.
    case unreachable(String)
    /// The server failed; the request id helps its operators.
    case server(status: Int, message: String, requestID: String?)

    /// A stable machine-readable code, used in the `error-list` envelope.
    public var code: String {
        switch self {
        case .notFound(let kind, _):
            switch kind {
            case "package": "resource-not-found"
            case "revision": "revision-not-found"
            default: "not-found"
            }
        case .invalidInput: "bad-argument"
        case .invalidChannel: "invalid-channel"
        case .plan(let error):
            switch error {
            case .revisionNotApproved: "revision-not-approved"
            case .unknownRevision: "revision-not-found"
            case .unknownTrack: "invalid-track"
            default: "invalid-release"
            }
        case .staleChannelMap: "channel-map-changed"
        case .forbidden: "permission-denied"
        case .unauthenticated: "macaroon-permission-required"
        case .conflict: "conflict"
        case .rateLimited: "rate-limited"
        case .unavailable: "store-unavailable"
        case .unreachable: "unreachable"
        case .server: "api-error"
        }
    }

    /// What an `.unauthenticated` description ends with: how to log in to the console.
    public static let loginAdvice = "Log in with `store-tui login` or set STORE_TUI_TOKEN."

    /// What happened and what to do about it.
    public var description: String {
        switch self {
        case .notFound(let kind, let name): "No \(kind) named '\(name)' found."
        case .invalidInput(let message): message
        case .invalidChannel(let message): message
        case .plan(let error): error.description
        case .staleChannelMap(let expected, let actual, let changes):
            "The channel map changed since you opened it (version \(expected) → \(actual), \(changes.count) channel(s) differ). Rebuild the plan and apply again."
        case .forbidden(let reason): "Not allowed: \(reason)."
        case .unauthenticated(let reason): "\(reason). \(Self.loginAdvice)"
        case .conflict(let message): message
        case .rateLimited(let seconds): "Too many attempts; try again in \(seconds) s."
        case .unavailable(let reason): "The store's database is unavailable (\(reason)); try again shortly."
        case .unreachable(let reason): "Cannot reach the store: \(reason). Check the URL and that the server runs."
        case .server(let status, let message, let requestID):
            "The server failed (\(status)): \(message)\(requestID.map { " [request \($0)]" } ?? "")"
        }
    }
}

extension StoreError {
    /// The error for a refused action: `.unauthenticated` when nobody is logged in (logging in
    /// may help), `.forbidden` otherwise. Every engine and the server answer alike this way.
    public static func refused(_ reason: String, for caller: Identity) -> StoreError {
        caller.isAnonymous ? .unauthenticated(reason) : .forbidden(reason)
    }
}

extension StoreError {
    /// The reason every layer gives a cancelled call (`.unavailable`): not a failure of the store.
    public static let cancelledReason = "the request was cancelled"

    /// Whether this only says the call was cancelled (a superseded or abandoned request).
    public var isCancellation: Bool {
        if case .unavailable(let reason) = self { reason == Self.cancelledReason } else { false }
    }
}

extension StoreError {
    /// Whether asking again unchanged may succeed: the store was unreachable, unavailable, failed
    /// on its side or asked to slow down. A refusal, a missing object or bad input will not change.
    public var isWorthRetrying: Bool {
        switch self {
        case .unreachable, .unavailable, .rateLimited: true
        case .server(let status, _, _): status >= 500
        default: false
        }
    }

    /// ` (r to retry)` after a message about this error when a retry can help, else nothing.
    public var retryHint: String { isWorthRetrying ? "  (r to retry)" : "" }
}

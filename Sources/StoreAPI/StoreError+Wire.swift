import Foundation
import StoreModels
import StoreService

// MARK: - Errors

/// The error envelope every error response carries: `{"error-list": [{"code", "message", "extra"?}]}`.
///
/// The same envelope as the Snap Store and Charmhub (`extra` is optional there too). Clients read the first entry.
public struct APIErrorEnvelope: Codable, Sendable, Hashable {
    public var errorList: [APIErrorItem]

    /// Creates an envelope.
    public init(_ errors: [APIErrorItem]) { errorList = errors }

    private enum CodingKeys: String, CodingKey {
        case errorList = "error-list"
    }
}

/// One error: a stable code, a sentence for people, and details a client can act on.
public struct APIErrorItem: Codable, Sendable, Hashable {
    public var code: String
    public var message: String
    public var extra: APIErrorExtra?

    /// Creates an entry.
    public init(code: String, message: String, extra: APIErrorExtra? = nil) {
        self.code = code
        self.message = message
        self.extra = extra
    }
}

/// What an error carries beyond its code: enough for ``StoreError`` to cross the wire unchanged.
///
/// A 412 `channel-map-changed` carries `expected`, `actual` and `changes` (the channels whose serving
/// differs between the version the caller saw and the current map).
public struct APIErrorExtra: Codable, Sendable, Hashable {
    /// `notFound`: what kind of thing (`package`, `revision`, `publisher`, `token`, `endpoint`…).
    public var kind: String?
    /// `notFound`: its name.
    public var name: String?
    /// The free text of `invalidInput`, `invalidChannel`, `forbidden`, `unauthenticated`, `conflict`,
    /// `unavailable`, `unreachable` and `server` (the message is a full sentence around it).
    public var detail: String?
    /// `staleChannelMap`: the version the caller expected.
    public var expected: Int?
    /// `staleChannelMap`: the current version.
    public var actual: Int?
    /// `staleChannelMap`: the channels that changed since `expected`.
    public var changes: [ChannelChange]?
    /// `rateLimited`: seconds to wait (also the `Retry-After` header).
    public var retryAfter: Int?
    /// `plan`: why the release plan cannot be applied.
    public var plan: APIPlanError?

    /// Creates details; everything defaults to absent.
    public init(
        kind: String? = nil, name: String? = nil, detail: String? = nil, expected: Int? = nil, actual: Int? = nil,
        changes: [ChannelChange]? = nil, retryAfter: Int? = nil, plan: APIPlanError? = nil
    ) {
        self.kind = kind
        self.name = name
        self.detail = detail
        self.expected = expected
        self.actual = actual
        self.changes = changes
        self.retryAfter = retryAfter
        self.plan = plan
    }
}

/// ``PlanError`` on the wire: `{"reason": "revisionNotApproved", "revision": 3, "status": "pending"}`.
public struct APIPlanError: Codable, Sendable, Hashable {
    /// The case name.
    public var reason: String
    public var revision: Int?
    public var status: String?
    public var note: String?
    public var platform: Platform?
    public var track: String?
    public var known: [String]?
    public var percentage: Int?
    public var channel: Channel?

    /// The wire form of `error`.
    public init(_ error: PlanError) {
        switch error {
        case .emptyPlan: reason = "emptyPlan"
        case .noChannels: reason = "noChannels"
        case .unknownRevision(let number): reason = "unknownRevision"; revision = number
        case .revisionNotApproved(let number, let status, let note):
            reason = "revisionNotApproved"; revision = number; self.status = status; self.note = note
        case .wrongArchitecture(let number, let platform): reason = "wrongArchitecture"; revision = number; self.platform = platform
        case .unknownTrack(let track, let known): reason = "unknownTrack"; self.track = track; self.known = known
        case .invalidPercentage(let percentage): reason = "invalidPercentage"; self.percentage = percentage
        case .nothingToPromote(let channel): reason = "nothingToPromote"; self.channel = channel
        case .promoteToSameChannel(let channel): reason = "promoteToSameChannel"; self.channel = channel
        case .noProgressiveRelease(let channel): reason = "noProgressiveRelease"; self.channel = channel
        }
    }

    /// The domain error; `nil` when the reason is unknown or a field it needs is missing.
    public var domain: PlanError? {
        switch reason {
        case "emptyPlan": return .emptyPlan
        case "noChannels": return .noChannels
        case "unknownRevision": return revision.map { .unknownRevision($0) }
        case "revisionNotApproved":
            guard let revision, let status else { return nil }
            return .revisionNotApproved(revision, status: status, note: note)
        case "wrongArchitecture":
            guard let revision, let platform else { return nil }
            return .wrongArchitecture(revision: revision, platform: platform)
        case "unknownTrack":
            guard let track else { return nil }
            return .unknownTrack(track, known: known ?? [])
        case "invalidPercentage": return percentage.map { .invalidPercentage($0) }
        case "nothingToPromote": return channel.map { .nothingToPromote(from: $0) }
        case "promoteToSameChannel": return channel.map { .promoteToSameChannel($0) }
        case "noProgressiveRelease": return channel.map { .noProgressiveRelease($0) }
        default: return nil
        }
    }
}

extension StoreError {
    /// The HTTP status this error is answered with: the single table the server uses and the client inverts.
    ///
    /// | case | status |
    /// |---|---|
    /// | notFound | 404 |
    /// | invalidInput, invalidChannel, plan | 400 |
    /// | staleChannelMap | 412 |
    /// | forbidden | 403 |
    /// | unauthenticated | 401 |
    /// | conflict | 409 |
    /// | rateLimited | 429 (+ `Retry-After`) |
    /// | unavailable, unreachable | 503 (+ `Retry-After`): a dependency failed, not the server |
    /// | server | its status when 5xx, else 500 |
    public var httpStatus: Int {
        switch self {
        case .notFound: 404
        case .invalidInput, .invalidChannel, .plan: 400
        case .staleChannelMap: 412
        case .forbidden: 403
        case .unauthenticated: 401
        case .conflict: 409
        case .rateLimited: 429
        case .unavailable, .unreachable: 503
        case .server(let status, _, _): (500...599).contains(status) ? status : 500
        }
    }

    /// The `error-list` entry for this error: ``code``, ``description`` and the details that rebuild it.
    public var apiErrorItem: APIErrorItem {
        let extra: APIErrorExtra
        switch self {
        case .notFound(let kind, let name): extra = APIErrorExtra(kind: kind, name: name)
        case .invalidInput(let text), .invalidChannel(let text), .forbidden(let text), .unauthenticated(let text),
             .conflict(let text), .unavailable(let text), .unreachable(let text):
            extra = APIErrorExtra(detail: text)
        case .plan(let error): extra = APIErrorExtra(plan: APIPlanError(error))
        case .staleChannelMap(let expected, let actual, let changes):
            extra = APIErrorExtra(expected: expected, actual: actual, changes: changes)
        case .rateLimited(let seconds): extra = APIErrorExtra(retryAfter: seconds)
        case .server(_, let message, _): extra = APIErrorExtra(detail: message)
        }
        return APIErrorItem(code: code, message: description, extra: extra)
    }

    /// Seconds a client should wait before retrying, for the `Retry-After` header; `nil` when retrying will not help.
    public var retryAfterSeconds: Int? {
        switch self {
        case .rateLimited(let seconds): max(1, seconds)
        case .unavailable, .unreachable: 1
        default: nil
        }
    }

    /// Rebuilds the error a response describes: the inverse of ``httpStatus`` and ``apiErrorItem``.
    ///
    /// Known codes with their `extra` give back the exact case. Anything else (another store's codes, a
    /// proxy's HTML page) falls back on the status: 400/405/413/414/415/422 → `.invalidInput`, 401 →
    /// `.unauthenticated`, 403 → `.forbidden`, 404 → `.notFound`, 409/412 → `.conflict`, 429 → `.rateLimited`,
    /// 503 → `.unavailable`, other 5xx → `.server`.
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - item: the first `error-list` entry, when the body had one.
    ///   - retryAfter: the `Retry-After` header in seconds, if any.
    ///   - requestID: the response's `X-Request-Id`, kept on `.server`.
    public init(status: Int, item: APIErrorItem?, retryAfter: Int? = nil, requestID: String? = nil) {
        let extra = item?.extra
        let message = item?.message ?? "HTTP status \(status)"
        let detail = extra?.detail ?? message
        switch (item?.code ?? "", status) {
        case ("resource-not-found", 404), ("revision-not-found", 404), ("not-found", 404):
            self = .notFound(kind: extra?.kind ?? "resource", name: extra?.name ?? message)
        case ("bad-argument", 400): self = .invalidInput(detail)
        case ("invalid-channel", 400): self = .invalidChannel(detail)
        case (_, 400) where extra?.plan?.domain != nil:
            self = .plan(extra?.plan?.domain ?? .emptyPlan)
        case ("channel-map-changed", 412):
            self = .staleChannelMap(expected: extra?.expected ?? 0, actual: extra?.actual ?? 0, changes: extra?.changes ?? [])
        case ("permission-denied", 403): self = .forbidden(detail)
        case ("macaroon-permission-required", 401): self = .unauthenticated(detail)
        case ("conflict", 409): self = .conflict(detail)
        case ("rate-limited", 429): self = .rateLimited(retryAfter: extra?.retryAfter ?? retryAfter ?? 1)
        case ("store-unavailable", 503): self = .unavailable(detail)
        case ("unreachable", 503): self = .unreachable(detail)
        case ("api-error", 500...599): self = .server(status: status, message: detail, requestID: requestID)
        default: self = StoreError(fallbackStatus: status, message: message, retryAfter: retryAfter, requestID: requestID)
        }
    }

    private init(fallbackStatus status: Int, message: String, retryAfter: Int?, requestID: String?) {
        switch status {
        case 400, 405, 411, 413, 414, 415, 422, 431: self = .invalidInput(message)
        case 401: self = .unauthenticated(message)
        case 403: self = .forbidden(message)
        case 404: self = .notFound(kind: "resource", name: message)
        case 409, 412, 428: self = .conflict(message)
        case 429: self = .rateLimited(retryAfter: retryAfter ?? 1)
        case 502, 503, 504: self = .unavailable(message)
        default: self = .server(status: status, message: message, requestID: requestID)
        }
    }
}

import Foundation

/// Who calls, in the authorization matrix: a role and how the caller relates to the package under test.
///
/// The columns of the matrix table are these cases, in this order.
enum MatrixCaller: String, CaseIterable, Sendable, CustomStringConvertible {
    case anonymous
    /// `vera`: an account with the viewer role.
    case viewer
    /// `alice`: the publisher who owns the package.
    case owner
    /// `bob`: a publisher collaborating on the package.
    case collaborator
    /// `eve`: a publisher with nothing to do with the package.
    case otherPublisher
    /// `mallory`: a suspended publisher, acting on her own (hidden, frozen) packages.
    case suspended
    /// `reviewer`: a reviewer with nothing to do with the package.
    case reviewer
    /// `rhea`: a reviewer who owns the package (her own twins of the packages others act on).
    case reviewerOwner
    /// `admin`.
    case admin
    /// alice's token after its expiry.
    case expired
    /// alice's token after it was revoked.
    case revoked

    var description: String { rawValue }

    /// The account behind the caller's token; `nil` for anonymous.
    var username: String? {
        switch self {
        case .anonymous: nil
        case .viewer: "vera"
        case .owner, .expired, .revoked: "alice"
        case .collaborator: "bob"
        case .otherPublisher: "eve"
        case .suspended: "mallory"
        case .reviewer: "reviewer"
        case .reviewerOwner: "rhea"
        case .admin: "admin"
        }
    }

    /// Who owns the packages this caller acts on.
    var subjectOwner: String {
        switch self {
        case .suspended: "mallory"
        case .reviewerOwner: "rhea"
        default: "alice"
        }
    }

    /// The public snap this caller acts on (owner `subjectOwner`; bob collaborates on alice's).
    var snap: String {
        switch self {
        case .suspended: "spam-hello"
        case .reviewerOwner: "rhea-snap"
        default: "hello"
        }
    }

    /// The private snap this caller acts on (mallory's is hidden by her suspension instead).
    var privateSnap: String {
        switch self {
        case .suspended: "spam-hello"
        case .reviewerOwner: "rhea-private"
        default: "alice-private"
        }
    }

    /// The charm this caller acts on.
    var charm: String {
        switch self {
        case .suspended: "mallory-charm"
        case .reviewerOwner: "rhea-charm"
        default: "alice-charm"
        }
    }

    /// The private charm this caller acts on (mallory's is hidden by her suspension instead).
    var privateCharm: String {
        switch self {
        case .suspended: "mallory-charm"
        case .reviewerOwner: "rhea-private-charm"
        default: "alice-private-charm"
        }
    }

    /// Whether the caller can upload a `.charm` file at all (a valid token of an active publisher or above).
    var uploadsFiles: Bool {
        switch self {
        case .owner, .collaborator, .otherPublisher, .reviewer, .reviewerOwner, .admin: true
        case .anonymous, .viewer, .suspended, .expired, .revoked: false
        }
    }
}

/// The class of answer a case expects.
enum MatrixOutcome: String, Sendable {
    /// Allowed: any 2xx.
    case ok = "2xx"
    /// Allowed in, refused for what the request asks (a track the store will not open).
    case badRequest = "400"
    /// Not (validly) logged in.
    case unauthenticated = "401"
    /// Logged in, not allowed.
    case forbidden = "403"
    /// Hidden: the caller may not know the object exists.
    case hidden = "404"
    /// Allowed in, refused for the object's state (a name with revisions cannot be unregistered).
    case conflict = "409"

    func matches(status: Int) -> Bool {
        switch self {
        case .ok: (200..<300).contains(status)
        case .badRequest: status == 400
        case .unauthenticated: status == 401
        case .forbidden: status == 403
        case .hidden: status == 404
        case .conflict: status == 409
        }
    }

    /// The outcomes of one table row, one per ``MatrixCaller`` in order, from `"2xx 401 …"`.
    static func row(_ text: String) throws -> [MatrixCaller: MatrixOutcome] {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == MatrixCaller.allCases.count else {
            throw TestServerError("a matrix row needs \(MatrixCaller.allCases.count) outcomes, got \(words.count): \(text)")
        }
        var result: [MatrixCaller: MatrixOutcome] = [:]
        for (caller, word) in zip(MatrixCaller.allCases, words) {
            guard let outcome = MatrixOutcome(rawValue: word) else { throw TestServerError("unknown outcome '\(word)' in: \(text)") }
            result[caller] = outcome
        }
        return result
    }
}

import Foundation

/// An uploaded build of a package.
public struct Revision: Hashable, Sendable, Codable {
    /// Snap confinement levels.
    public enum Confinement: String, Hashable, Sendable, Codable, CaseIterable {
        case strict, classic, devmode
    }

    /// Snap grades.
    public enum Grade: String, Hashable, Sendable, Codable, CaseIterable {
        case stable, devel
    }

    /// Number allocated by the store, unique per package and never reused.
    public var number: Int
    public var version: String
    public var architectures: [Architecture]
    /// `core22` for a snap, `ubuntu@22.04` for a charm.
    public var base: String?
    /// Size in bytes.
    public var size: Int64
    /// SHA3-384 of the file, 96 lower-case hex digits.
    public var sha3_384: String
    public var createdAt: Date
    /// Username of the account that uploaded it.
    public var uploader: String
    public var confinement: Confinement?
    public var grade: Grade?
    /// Interfaces (snaps) or relations/permissions (charms) the revision asks for.
    public var permissions: [String]
    public var review: ReviewStatus
    /// What the automated checks found on upload.
    public var checks: [CheckResult]
    /// A snap's epoch; `nil` means 0.
    public var epoch: Epoch?
    /// A charm's file: its SHA-256 (what Juju checks) and its `metadata.yaml` and `config.yaml`, verbatim.
    public var charmFile: CharmFileFacts?

    /// Creates a revision.
    public init(
        number: Int, version: String, architectures: [Architecture], base: String? = nil, size: Int64,
        sha3_384: String, createdAt: Date, uploader: String, confinement: Confinement? = nil, grade: Grade? = nil,
        permissions: [String] = [], review: ReviewStatus = .approved(notes: nil), checks: [CheckResult] = [],
        epoch: Epoch? = nil, charmFile: CharmFileFacts? = nil
    ) {
        self.epoch = epoch
        self.charmFile = charmFile
        self.number = number
        self.version = version
        self.architectures = architectures
        self.base = base
        self.size = size
        self.sha3_384 = sha3_384
        self.createdAt = createdAt
        self.uploader = uploader
        self.confinement = confinement
        self.grade = grade
        self.permissions = permissions
        self.review = review
        self.checks = checks
    }

    /// The platforms this revision can be released to, for a package of `type`.
    public func platforms(for type: PackageType) -> [Platform] {
        architectures.map { Platform(architecture: $0, base: type.releasesPerBase ? base : nil) }
    }

    /// Whether the revision can be released on `platform`.
    public func supports(_ platform: Platform) -> Bool {
        guard architectures.contains(platform.architecture) else { return false }
        if let wanted = platform.base { return wanted == base }
        return true
    }
}

/// Where a revision stands in review. Only approved revisions can be released.
public enum ReviewStatus: Hashable, Sendable, Codable {
    /// Waiting in the review queue; the flags say why.
    case pending
    /// Approved, by the automated checks (`notes == nil`) or a reviewer.
    case approved(notes: String?)
    /// Rejected by a reviewer or the checks, with the reason shown to the publisher.
    case rejected(reason: String)

    /// The word used on the wire and in the database.
    public var word: String {
        switch self {
        case .pending: "pending"
        case .approved: "approved"
        case .rejected: "rejected"
        }
    }

    /// Whether the revision may be released.
    public var isApproved: Bool { if case .approved = self { true } else { false } }

    /// The reviewer's note or rejection reason, if any.
    public var note: String? {
        switch self {
        case .pending: nil
        case .approved(let notes): notes
        case .rejected(let reason): reason
        }
    }

    /// Rebuilds a status from its word and note.
    public init?(word: String, note: String?) {
        switch word {
        case "pending": self = .pending
        case "approved": self = .approved(notes: note)
        case "rejected": self = .rejected(reason: note ?? "")
        default: return nil
        }
    }
}

/// One automated check's finding on an upload.
public struct CheckResult: Hashable, Sendable, Codable {
    /// How serious a finding is.
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case info, warning
        /// Sends the revision to human review.
        case needsReview = "needs-review"
        /// Rejects the upload outright (malformed metadata).
        case error

        private var rank: Int { switch self { case .info: 0; case .warning: 1; case .needsReview: 2; case .error: 3 } }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// Stable code, e.g. `size-jump`, `confinement-change`.
    public var code: String
    public var severity: Severity
    public var message: String

    public init(code: String, severity: Severity, message: String) {
        self.code = code
        self.severity = severity
        self.message = message
    }
}

/// What Juju needs of a charm revision's file besides its size: the SHA-256 it checks after the
/// download, and the `metadata.yaml` and `config.yaml` it reads before (verbatim, untrusted text).
public struct CharmFileFacts: Hashable, Sendable, Codable {
    public var sha256: String
    public var metadataYAML: String
    public var configYAML: String

    /// Creates the facts.
    public init(sha256: String, metadataYAML: String, configYAML: String) {
        self.sha256 = sha256
        self.metadataYAML = metadataYAML
        self.configYAML = configYAML
    }
}

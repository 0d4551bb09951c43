/// A list of channel operations applied together, all or nothing.
public struct ReleasePlan: Hashable, Sendable, Codable {
    /// One step of a plan.
    public enum Operation: Hashable, Sendable, Codable {
        /// Release `revision` to each channel, on every platform it supports (or only `platforms`).
        /// With `progressive`, only that percentage (1–99) of devices get it; `resources` are released
        /// with it (charms: each must be a revision of a resource the charm revision declares).
        case release(
            revision: Int, channels: [Channel], progressive: Int? = nil, platforms: [Platform]? = nil,
            resources: [ResourceAttachment]? = nil)
        /// Release what `from` serves (own or followed) to `to`, platform by platform, with its resources.
        case promote(from: Channel, to: Channel, platforms: [Platform]? = nil)
        /// Close channels: remove their releases; users follow the next safer risk.
        case close(channels: [Channel], platforms: [Platform]? = nil)
        /// Change a progressive release's percentage; 100 completes it, 0 rolls it back.
        case setProgress(channel: Channel, percentage: Int, platforms: [Platform]? = nil)
    }

    public var operations: [Operation]
    /// What the plan undoes, in words (`audit event 42 (close by alice)`), when it puts back what an
    /// earlier change changed: the audit log then records it as `undo`, with these words as its reason.
    public var undoes: String?

    /// Creates a plan.
    public init(_ operations: [Operation] = [], undoes: String? = nil) {
        self.operations = operations
        self.undoes = undoes
    }

    /// The longest ``undoes`` text a store accepts.
    public static let maximumUndoDescription = 200

    /// Appends an operation.
    public mutating func append(_ operation: Operation) { operations.append(operation) }

    /// Whether the plan has no operations.
    public var isEmpty: Bool { operations.isEmpty }
}

/// Why a plan cannot be applied. Nothing is applied when any operation fails.
public enum PlanError: Error, Hashable, Sendable, CustomStringConvertible {
    case emptyPlan
    case noChannels
    case unknownRevision(Int)
    case revisionNotApproved(Int, status: String, note: String?)
    case wrongArchitecture(revision: Int, platform: Platform)
    case unknownTrack(String, known: [String])
    case invalidPercentage(Int)
    case nothingToPromote(from: Channel)
    case promoteToSameChannel(Channel)
    case noProgressiveRelease(Channel)

    public var description: String {
        switch self {
        case .emptyPlan: "the plan is empty: add a release, promotion or close first"
        case .noChannels: "choose at least one channel"
        case .unknownRevision(let n): "revision \(n) does not exist for this package"
        case .revisionNotApproved(let n, let status, let note):
            "revision \(n) is \(status) in review\(note.map { " (\($0))" } ?? ""); only approved revisions can be released"
        case .wrongArchitecture(let n, let platform):
            "revision \(n) is not built for \(platform)"
        case .unknownTrack(let track, let known):
            "track '\(track)' does not exist (tracks: \(known.joined(separator: ", "))); ask an admin to open it"
        case .invalidPercentage(let p): "a progressive percentage must be between 1 and 99 (got \(p))"
        case .nothingToPromote(let channel): "\(channel.fullName) serves nothing to promote"
        case .promoteToSameChannel(let channel): "cannot promote \(channel.fullName) to itself"
        case .noProgressiveRelease(let channel): "\(channel.fullName) has no progressive release to change"
        }
    }
}

/// One channel whose served revision changes, on one platform.
public struct ChannelChange: Hashable, Sendable, Codable {
    public var channel: Channel
    public var platform: Platform
    public var before: Serving
    public var after: Serving

    public init(channel: Channel, platform: Platform, before: Serving, after: Serving) {
        self.channel = channel
        self.platform = platform
        self.before = before
        self.after = after
    }
}

/// The result of applying a plan: the new map and every channel that changed.
public struct PlanOutcome: Hashable, Sendable, Codable {
    public var map: ChannelMap
    public var changes: [ChannelChange]
    /// The entries the plan wrote (release records for history and API replies).
    public var released: [ChannelRelease]
    /// The channels the plan closed.
    public var closed: [Channel]

    public init(map: ChannelMap, changes: [ChannelChange], released: [ChannelRelease], closed: [Channel]) {
        self.map = map
        self.changes = changes
        self.released = released
        self.closed = closed
    }
}

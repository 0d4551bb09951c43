/// A channel: `track/risk[/branch]`, always held in its full form.
///
/// `stable` and `latest/stable` are the same channel; parse with ``init(parsing:)``.
public struct Channel: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The track every package has and that cannot be created.
    public static let latestTrack = "latest"
    /// The longest track name the stores accept.
    public static let maximumTrackLength = 28
    /// The longest branch name we accept.
    public static let maximumBranchLength = 64

    public var track: String
    public var risk: Risk
    public var branch: String?

    /// Creates a channel from parts already known to be valid.
    public init(track: String = Channel.latestTrack, risk: Risk, branch: String? = nil) {
        self.track = track
        self.risk = risk
        self.branch = branch
    }

    /// `latest/stable`, `2.0/edge/hotfix-1`: the form publisher APIs use.
    public var fullName: String {
        branch.map { "\(track)/\(risk)/\($0)" } ?? "\(track)/\(risk)"
    }

    /// The form the public info API uses: `latest/` dropped (`stable`, `edge/fix`, `2.0/stable`).
    public var shortName: String {
        guard track == Channel.latestTrack else { return fullName }
        return branch.map { "\(risk)/\($0)" } ?? risk.description
    }

    /// Whether this is a branch (`track/risk/branch`).
    public var isBranch: Bool { branch != nil }

    /// The channel without its branch: where a branch falls back to.
    public var withoutBranch: Channel { Channel(track: track, risk: risk) }

    /// The channel users of this one are served from when it has no release of its own:
    /// a branch falls back to its track/risk, a risk to the next safer risk of its track.
    public var fallback: Channel? {
        if branch != nil { return withoutBranch }
        return risk.safer.map { Channel(track: track, risk: $0) }
    }

    public var description: String { fullName }

    /// Orders by track (`latest` first), then risk, then branch.
    public static func < (lhs: Channel, rhs: Channel) -> Bool {
        let lt = lhs.track == latestTrack ? "" : lhs.track
        let rt = rhs.track == latestTrack ? "" : rhs.track
        if lt != rt { return lt < rt }
        if lhs.risk != rhs.risk { return lhs.risk < rhs.risk }
        return (lhs.branch ?? "") < (rhs.branch ?? "")
    }
}

extension Channel: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fullName)
    }
}

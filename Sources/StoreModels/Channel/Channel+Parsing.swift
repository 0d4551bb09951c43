/// Why a string is not a channel.
public enum ChannelParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case emptyComponent(position: Int, in: String)
    case tooManyComponents(String)
    case unknownRisk(String, in: String)
    case invalidTrack(String, reason: String)
    case invalidBranch(String, reason: String)

    public var description: String {
        switch self {
        case .empty:
            "a channel cannot be empty; write track/risk[/branch], e.g. latest/stable"
        case .emptyComponent(let position, let text):
            "channel '\(text)' has an empty part at position \(position); write track/risk[/branch]"
        case .tooManyComponents(let text):
            "channel '\(text)' has more than 3 parts; write track/risk[/branch]"
        case .unknownRisk(let word, let text):
            "channel '\(text)': '\(word)' is not a risk (use stable, candidate, beta or edge)"
        case .invalidTrack(let track, let reason):
            "track '\(track)' is invalid: \(reason)"
        case .invalidBranch(let branch, let reason):
            "branch '\(branch)' is invalid: \(reason)"
        }
    }
}

extension Channel {
    /// Parses a channel in any of the forms the stores accept.
    ///
    /// - `stable` → `latest/stable`; `edge/hotfix-1` → `latest/edge/hotfix-1` (risk/branch)
    /// - `2.0` → `2.0/stable` (a bare track); `2.0/beta`; `2.0/beta/fix`
    ///
    /// As charmcraft does, a two-part name is `risk/branch` when its first part is a risk,
    /// otherwise `track/risk`.
    /// - Throws: `ChannelParseError` saying precisely what is wrong.
    public init(parsing text: String) throws(ChannelParseError) {
        if text.isEmpty { throw .empty }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 3 { throw .tooManyComponents(text) }
        for (index, part) in parts.enumerated() where part.isEmpty {
            throw .emptyComponent(position: index + 1, in: text)
        }
        switch parts.count {
        case 1:
            if let risk = Risk(word: parts[0]) {
                self.init(risk: risk)
            } else {
                try Channel.validateTrack(parts[0])
                self.init(track: parts[0], risk: .stable)
            }
        case 2:
            if let risk = Risk(word: parts[0]) {
                try Channel.validateBranch(parts[1])
                self.init(risk: risk, branch: parts[1])
            } else {
                try Channel.validateTrack(parts[0])
                guard let risk = Risk(word: parts[1]) else { throw .unknownRisk(parts[1], in: text) }
                self.init(track: parts[0], risk: risk)
            }
        default:
            try Channel.validateTrack(parts[0])
            guard let risk = Risk(word: parts[1]) else { throw .unknownRisk(parts[1], in: text) }
            try Channel.validateBranch(parts[2])
            self.init(track: parts[0], risk: risk, branch: parts[2])
        }
    }

    /// Checks a track name: `^[a-zA-Z0-9](?:[_.-]?[a-zA-Z0-9])*$`, 1–28 characters.
    public static func validateTrack(_ track: String) throws(ChannelParseError) {
        let scalars = Array(track.unicodeScalars)
        if scalars.isEmpty { throw .invalidTrack(track, reason: "it is empty") }
        if scalars.count > maximumTrackLength {
            throw .invalidTrack(track, reason: "it has \(scalars.count) characters, at most \(maximumTrackLength) are allowed")
        }
        try validateSegment(scalars, separators: ["_", ".", "-"]) { reason throws(ChannelParseError) in
            throw .invalidTrack(track, reason: reason)
        }
    }

    /// Checks a branch name: letters, digits, and single `-` or `.` between them; at most 64.
    public static func validateBranch(_ branch: String) throws(ChannelParseError) {
        let scalars = Array(branch.unicodeScalars)
        if scalars.isEmpty { throw .invalidBranch(branch, reason: "it is empty") }
        if scalars.count > maximumBranchLength {
            throw .invalidBranch(branch, reason: "it has \(scalars.count) characters, at most \(maximumBranchLength) are allowed")
        }
        try validateSegment(scalars, separators: ["-", "."]) { reason throws(ChannelParseError) in
            throw .invalidBranch(branch, reason: reason)
        }
    }

    private static func validateSegment(
        _ scalars: [Unicode.Scalar], separators: Set<Unicode.Scalar>,
        fail: (String) throws(ChannelParseError) -> Never
    ) throws(ChannelParseError) {
        var previousWasSeparator = true  // so a leading separator is caught
        for (index, scalar) in scalars.enumerated() {
            let isAlphanumeric = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            if isAlphanumeric {
                previousWasSeparator = false
            } else if separators.contains(scalar) {
                if index == 0 { try fail("it must start with a letter or digit") }
                if previousWasSeparator { try fail("it has two separators in a row at position \(index + 1)") }
                previousWasSeparator = true
            } else {
                try fail("character U+\(String(scalar.value, radix: 16, uppercase: true)) at position \(index + 1) is not allowed")
            }
        }
        if previousWasSeparator { try fail("it must end with a letter or digit") }
    }
}

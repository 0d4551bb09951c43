/// A channel's risk level, ordered from safest to riskiest: stable < candidate < beta < edge.
public enum Risk: Int, Hashable, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case stable = 0
    case candidate = 1
    case beta = 2
    case edge = 3

    /// Parses a risk word; `nil` for anything else.
    public init?(word: String) {
        switch word {
        case "stable": self = .stable
        case "candidate": self = .candidate
        case "beta": self = .beta
        case "edge": self = .edge
        default: return nil
        }
    }

    /// The next safer risk (edge → beta → candidate → stable); `nil` for stable.
    public var safer: Risk? { Risk(rawValue: rawValue - 1) }
    /// The next riskier level; `nil` for edge.
    public var riskier: Risk? { Risk(rawValue: rawValue + 1) }

    public static func < (lhs: Risk, rhs: Risk) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .stable: "stable"
        case .candidate: "candidate"
        case .beta: "beta"
        case .edge: "edge"
        }
    }

    public init(from decoder: any Decoder) throws {
        let word = try decoder.singleValueContainer().decode(String.self)
        guard let risk = Risk(word: word) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown risk '\(word)'"))
        }
        self = risk
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

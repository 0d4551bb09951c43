/// A package name that satisfies the real stores' rules.
///
/// Snap names (snapd `ValidateSnap`): 2–40 characters of `a-z`, `0-9` and `-`, at least one
/// letter, no leading or trailing hyphen and no `--`. Charm names (charmcraft) must also start
/// with a letter. Validation is linear: no backtracking regular expression.
public struct PackageName: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The validated name.
    public let rawValue: String

    /// Why a string is not a valid package name.
    public enum ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case tooShort(Int)
        case tooLong(Int)
        case invalidCharacter(Character, at: Int)
        case noLetter
        case leadingHyphen
        case trailingHyphen
        case doubleHyphen(at: Int)
        case mustStartWithLetter

        public var description: String {
            switch self {
            case .empty: "a package name cannot be empty"
            case .tooShort(let n): "a package name needs at least 2 characters (got \(n))"
            case .tooLong(let n): "a package name has at most 40 characters (got \(n))"
            case .invalidCharacter(let c, let i):
                "a package name may only contain a-z, 0-9 and '-' (found \(c.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")) at position \(i + 1))"
            case .noLetter: "a package name needs at least one letter"
            case .leadingHyphen: "a package name cannot start with '-'"
            case .trailingHyphen: "a package name cannot end with '-'"
            case .doubleHyphen(let i): "a package name cannot contain '--' (at position \(i + 1))"
            case .mustStartWithLetter: "a charm name must start with a letter"
            }
        }
    }

    /// The longest name the stores accept.
    public static let maximumLength = 40

    /// Validates `text` as a name for packages of `type`.
    /// - Throws: `ValidationError` naming the first rule the text breaks.
    public init(_ text: String, type: PackageType = .snap) throws(ValidationError) {
        try Self.validate(text, type: type)
        self.rawValue = text
    }

    /// Wraps a name already validated (for example read back from our own database).
    public init(trusted text: String) { self.rawValue = text }

    /// Checks `text` against the naming rules for `type`, in one pass.
    public static func validate(_ text: String, type: PackageType = .snap) throws(ValidationError) {
        let scalars = Array(text.unicodeScalars)
        if scalars.isEmpty { throw .empty }
        var hasLetter = false
        var previousWasHyphen = false
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "a"..."z": hasLetter = true; previousWasHyphen = false
            case "0"..."9": previousWasHyphen = false
            case "-":
                if index == 0 { throw .leadingHyphen }
                if previousWasHyphen { throw .doubleHyphen(at: index - 1) }
                previousWasHyphen = true
            default:
                throw .invalidCharacter(Character(scalar), at: index)
            }
        }
        if scalars.count < 2 { throw .tooShort(scalars.count) }
        if scalars.count > maximumLength { throw .tooLong(scalars.count) }
        if previousWasHyphen { throw .trailingHyphen }
        if !hasLetter { throw .noLetter }
        if type == .charm, let first = scalars.first, !("a"..."z").contains(first) { throw .mustStartWithLetter }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: PackageName, rhs: PackageName) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

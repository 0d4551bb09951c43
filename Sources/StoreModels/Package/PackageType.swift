/// A kind of package the store holds: snaps and charms today, more later.
///
/// An open set of values rather than a closed enum, so a new type (bundles, rocks…) is data,
/// not a rewrite. Raw values are the stores' own words (`"snap"`, `"charm"`).
public struct PackageType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    /// Creates a package type from its lower-case name.
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }

    /// Creates a package type from a string literal.
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// A snap: per-architecture channel map, confinement and grade.
    public static let snap = PackageType(rawValue: "snap")
    /// A charm: channel map per base (name, channel, architecture).
    public static let charm = PackageType(rawValue: "charm")
    /// The types this build knows how to seed and show.
    public static let known: [PackageType] = [.snap, .charm]

    /// Whether revisions of this type carry confinement and grade (snaps do).
    public var hasConfinement: Bool { self == .snap }
    /// Whether this type releases per base as well as per architecture (charms do).
    public var releasesPerBase: Bool { self == .charm }

    public var description: String { rawValue }
}

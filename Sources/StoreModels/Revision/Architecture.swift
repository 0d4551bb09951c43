/// A CPU architecture as the stores name it (`amd64`, `arm64`, …). Open set.
public struct Architecture: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static let amd64: Architecture = "amd64"
    public static let arm64: Architecture = "arm64"
    public static let armhf: Architecture = "armhf"
    public static let ppc64el: Architecture = "ppc64el"
    public static let s390x: Architecture = "s390x"
    public static let riscv64: Architecture = "riscv64"
    /// The architectures the stores build for.
    public static let common: [Architecture] = [.amd64, .arm64, .armhf, .ppc64el, .s390x, .riscv64]

    public static func < (lhs: Architecture, rhs: Architecture) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

/// Where a channel map entry applies: an architecture, and for charms also a base.
///
/// Snaps are released per architecture (`base == nil`); charms per base as well, the way
/// Charmhub shows `ubuntu 22.04 (amd64)`. A charm base is written `name@channel` (`ubuntu@22.04`).
public struct Platform: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var architecture: Architecture
    public var base: String?

    /// Creates a platform; `base` only for types released per base.
    public init(architecture: Architecture, base: String? = nil) {
        self.architecture = architecture
        self.base = base
    }

    /// The base's name and channel (`ubuntu`, `22.04`) when the base is written `name@channel`.
    public var baseParts: (name: String, channel: String)? {
        guard let base, let at = base.firstIndex(of: "@") else { return nil }
        return (String(base[..<at]), String(base[base.index(after: at)...]))
    }

    public static func < (lhs: Platform, rhs: Platform) -> Bool {
        ((lhs.base ?? ""), lhs.architecture.rawValue) < ((rhs.base ?? ""), rhs.architecture.rawValue)
    }

    /// `amd64`, or `ubuntu 22.04 (amd64)` for a charm base, as `charmcraft status` prints it.
    public var description: String {
        guard let base else { return architecture.rawValue }
        if let parts = baseParts { return "\(parts.name) \(parts.channel) (\(architecture))" }
        return "\(base) (\(architecture))"
    }
}

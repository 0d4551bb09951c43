/// A wire field that can be absent, present as `null`, or present with a value.
///
/// Used only where real documents show the same key both ways (field-selected `snap info` output
/// omits `website`, full output has `"website": null`), so a decoded document re-encodes unchanged.
/// Keys that must always be present, even as `null`, are plain optionals written with `encode`, not this.
public enum WireField<Wrapped> {
    /// The key does not appear.
    case absent
    /// The key appears with `null`.
    case null
    /// The key appears with a value.
    case value(Wrapped)

    /// The value, or `nil` when absent or null.
    public var value: Wrapped? { if case .value(let wrapped) = self { wrapped } else { nil } }

    /// Whether the key appears at all (as `null` or a value).
    public var isPresent: Bool { if case .absent = self { false } else { true } }

    /// A present field: `.value` for a value, `.null` for `nil`.
    public init(nullable value: Wrapped?) { self = value.map { .value($0) } ?? .null }
}

extension WireField: Sendable where Wrapped: Sendable {}
extension WireField: Equatable where Wrapped: Equatable {}
extension WireField: Hashable where Wrapped: Hashable {}

extension WireField: Decodable where Wrapped: Decodable {
    /// Decodes a lone value (`null` or a value); keyed containers use the overloads that also see absence.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = container.decodeNil() ? .null : .value(try container.decode(Wrapped.self))
    }
}

extension WireField: Encodable where Wrapped: Encodable {
    /// Encodes a lone value; `.absent` outside a keyed container can only be written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if case .value(let wrapped) = self { try container.encode(wrapped) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// Decodes a ``WireField``, telling a missing key from `null`. Synthesized `Codable` picks this overload.
    public func decode<Wrapped: Decodable>(_ type: WireField<Wrapped>.Type, forKey key: Key) throws -> WireField<Wrapped> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(Wrapped.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// Encodes a ``WireField``: nothing when absent, `null` when null. Synthesized `Codable` picks this overload.
    public mutating func encode<Wrapped: Encodable>(_ value: WireField<Wrapped>, forKey key: Key) throws {
        switch value {
        case .absent: break
        case .null: try encodeNil(forKey: key)
        case .value(let wrapped): try encode(wrapped, forKey: key)
        }
    }
}

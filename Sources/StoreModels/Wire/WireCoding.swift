import Foundation

/// Makes the JSON coders the wire types are meant for.
///
/// Wire types spell their keys out in `CodingKeys` and keep timestamps as ``WireDate`` text, so no key or
/// date strategy is needed; the encoder sorts keys and leaves `/` unescaped for stable, readable output.
public enum WireCoding {
    /// A new encoder with sorted keys and unescaped slashes.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A new decoder with default settings.
    public static func makeDecoder() -> JSONDecoder { JSONDecoder() }

    /// Encodes `value` as wire JSON.
    public static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        try makeEncoder().encode(value)
    }

    /// Decodes a `Value` from wire JSON.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        try makeDecoder().decode(type, from: data)
    }
}

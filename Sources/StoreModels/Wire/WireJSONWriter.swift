import Foundation

/// Writes JSON bytes exactly as ``WireCoding/makeEncoder()`` does (sorted keys, unescaped `/`, no spaces),
/// without Foundation's encoder: no intermediate tree, no boxing, one growing byte array.
///
/// The caller writes each object's keys in the encoder's order: sorted by their UTF-8 bytes. The documents
/// that use it (``WireWritable``) are checked byte for byte against Foundation's encoder by tests.
public struct WireJSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]
    /// Whether the next key is the first of its object (no comma before it).
    private var atFirstKey = true

    /// A writer with room for `capacity` bytes.
    public init(capacity: Int = 2048) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes an object; `body` writes its keys (``key(_:)``) and values, in sorted key order.
    public mutating func object(_ body: (inout WireJSONWriter) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "{"))
        let outer = atFirstKey
        atFirstKey = true
        try body(&self)
        atFirstKey = outer
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes an array of `items`, each written by `element`.
    public mutating func array<Items: Sequence>(
        _ items: Items, _ element: (inout WireJSONWriter, Items.Element) throws -> Void
    ) rethrows {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            try element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes an array of strings.
    public mutating func array(_ strings: [String]) {
        array(strings) { writer, string in writer.string(string) }
    }

    /// Writes an object's key (one of the document's own, needing no escapes) and the `:` after it.
    public mutating func key(_ key: StaticString) {
        separateKey()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes a key taken from data (a dictionary's), escaped, and the `:` after it.
    public mutating func key(_ key: String) {
        separateKey()
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes a dictionary as an object, its keys in the encoder's order (their UTF-8 bytes compared).
    public mutating func object<Value>(_ dictionary: [String: Value], _ value: (inout WireJSONWriter, Value) throws -> Void) rethrows {
        try object { writer in
            for (key, element) in dictionary.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                writer.key(key)
                try value(&writer, element)
            }
        }
    }

    private mutating func separateKey() {
        if !atFirstKey { bytes.append(UInt8(ascii: ",")) }
        atFirstKey = false
    }

    /// Writes a string, escaped as Foundation's encoder escapes it: `"` and `\`, `\b \f \n \r \t`, other
    /// control characters as `\u00XX` (lowercase hex); everything else, `/` and non-ASCII included, as it is.
    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var mark = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<index]))
                mark = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0xF))
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// Writes an integer in decimal.
    public mutating func int<Value: BinaryInteger>(_ value: Value) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        raw(value ? "true" : "false")
    }

    /// Writes `null`.
    public mutating func null() {
        raw("null")
    }

    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Writes `value` as Foundation's encoder does, through it: for the few open-shaped values (``WireJSON``,
    /// whose numbers are doubles) where writing them here would mean redoing its number formatting.
    public mutating func encoded<Value: Encodable>(_ value: Value) throws {
        bytes.append(contentsOf: try WireCoding.makeEncoder().encode(value))
    }
}

/// A wire document that writes itself with a ``WireJSONWriter``, byte for byte as ``WireCoding`` encodes it.
public protocol WireWritable: Encodable {
    /// Writes the document's JSON.
    func write(to writer: inout WireJSONWriter) throws
}

extension WireWritable {
    /// The document's JSON bytes.
    public func wireBytes() throws -> [UInt8] {
        var writer = WireJSONWriter()
        try write(to: &writer)
        return writer.bytes
    }
}

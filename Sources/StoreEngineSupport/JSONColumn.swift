import Foundation
import StoreModels
import StoreService

/// Reads and writes the JSON columns (arrays of strings, check results, channel maps).
///
/// SQLite stores the text in `TEXT` columns, PostgreSQL in `jsonb`; both write what this encodes.
package enum JSONColumn {
    /// Encodes `value` with sorted keys, so equal values give equal text.
    package static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes a value written by ``encode(_:)``.
    package static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(type, from: Data(text.utf8))
    }

    /// Encodes an array of strings without a JSONEncoder: the bulk import writes millions.
    package static func encode(strings: [String]) -> String {
        if strings.isEmpty { return "[]" }
        var text = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { text += "," }
            appendQuoted(string, to: &text)
        }
        text += "]"
        return text
    }

    /// Decodes an array of strings.
    package static func strings(from text: String) throws -> [String] {
        if text == "[]" { return [] }
        if let strings = plainStrings(from: text) { return strings }
        return try decode([String].self, from: text)
    }

    /// Decodes a package's `links` column; the plain form ``encode(_:)`` writes is read without a JSONDecoder
    /// (``ScannedJSON``), anything else by the decoder.
    package static func links(from text: String) throws -> [Package.Link] {
        if text == "[]" { return [] }
        var text = text
        let links = text.withUTF8 { bytes in
            ScannedJSON.scan(UnsafeRawBufferPointer(bytes))?.array { link -> Package.Link? in
                guard let members = link.members(known: linkKeys), let kind = members["kind"]?.stringValue,
                      let url = members["url"]?.stringValue else { return nil }
                return Package.Link(kind: kind, url: url)
            }
        }
        return try links ?? decode([Package.Link].self, from: text)
    }

    private static let linkKeys: Set<String> = ["kind", "url"]

    /// Decodes `["a","b"]` without a JSONDecoder when no string has an escape (what ``encode(strings:)``
    /// writes for plain text); `nil` for anything else, which the decoder then reads.
    package static func plainStrings(from text: String) -> [String]? {
        var utf8 = text.utf8[...]
        guard utf8.first == UInt8(ascii: "["), utf8.last == UInt8(ascii: "]") else { return nil }
        utf8 = utf8.dropFirst().dropLast()
        var result: [String] = []
        while !utf8.isEmpty {
            if !result.isEmpty {
                guard utf8.first == UInt8(ascii: ",") else { return nil }
                utf8 = utf8.dropFirst()
            }
            guard utf8.first == UInt8(ascii: "\"") else { return nil }
            utf8 = utf8.dropFirst()
            guard let end = utf8.firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }),
                  utf8[end] == UInt8(ascii: "\"")
            else { return nil }
            result.append(String(decoding: utf8[..<end], as: UTF8.self))
            utf8 = utf8[utf8.index(after: end)...]
        }
        return result
    }

    private static func appendQuoted(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}

import Foundation
import Hummingbird
import HummingbirdCore
import StoreService

/// A request's query parameters, decoded strictly: `+` is a space, bad percent-escapes and repeated
/// names are refused with a message, and typed accessors say what a bad value should look like.
struct QueryParameters: Sendable {
    private var values: [String: String] = [:]

    /// Parses the query of `uri`.
    /// - Throws: `.invalidInput` for a malformed escape or a parameter given twice.
    init(_ uri: URI) throws(StoreError) {
        guard let query = uri.query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            if values[name] != nil { throw .invalidInput("the query parameter '\(Self.printable(name))' is given more than once") }
            values[name] = value
        }
    }

    private static func decode(_ text: Substring) throws(StoreError) -> String {
        // Most names and values have neither `+` nor `%`: nothing to decode, and Foundation's two passes are
        // most of what parsing a query costs.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) { return String(text) }
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        guard let decoded = spaced.removingPercentEncoding else {
            throw .invalidInput("the query string has a malformed %-escape in '\(printable(String(text.prefix(40))))'")
        }
        return decoded
    }

    /// `text` with control characters escaped, for messages.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : Character($0) })
    }

    /// Refuses parameters not in `allowed`, so a misspelt filter is not silently ignored.
    func rejectUnknown(allowing allowed: Set<String>) throws(StoreError) {
        if let unknown = values.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw .invalidInput("unknown query parameter '\(Self.printable(String(unknown.prefix(40))))' (known: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// A text parameter; empty counts as absent.
    /// - Throws: `.invalidInput` when longer than `maxLength` characters.
    func string(_ name: String, maxLength: Int = 256) throws(StoreError) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        if value.count > maxLength { throw .invalidInput("'\(name)' is longer than \(maxLength) characters") }
        return value
    }

    /// An integer parameter within `range`.
    func int(_ name: String, in range: ClosedRange<Int>) throws(StoreError) -> Int? {
        guard let text = try string(name, maxLength: 20) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .invalidInput("'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(Self.printable(text))')")
        }
        return value
    }

    /// A Boolean parameter: `true`/`false`/`1`/`0`/`yes`/`no`.
    func bool(_ name: String) throws(StoreError) -> Bool? {
        guard let text = try string(name, maxLength: 8) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw .invalidInput("'\(name)' must be true or false (got '\(Self.printable(text))')")
        }
    }

    /// A comma-separated list, trimmed, empty items dropped.
    func list(_ name: String, maxLength: Int = 2048) throws(StoreError) -> [String]? {
        guard let text = try string(name, maxLength: maxLength) else { return nil }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// An opaque paging cursor.
    func cursor() throws(StoreError) -> String? { try string("cursor", maxLength: 1024) }
}

/// The words of a search, as every engine reads the text a user typed.
///
/// Words are split at whitespace; only those with a letter or digit are searched, at most
/// ``maximumWords``. The last word also matches as a prefix (search-as-you-type) unless the text ends
/// with a space or the word has a single character (a one-letter prefix matches nearly everything).
/// Each engine turns the words into its own query syntax (an FTS5 `MATCH`, a `tsquery`).
package struct SearchWords: Equatable, Sendable {
    /// At most this many words are searched; more are ignored.
    package static let maximumWords = 8

    /// The words searched, in order.
    package var words: [String]
    /// Whether the last word matches as a prefix.
    package var lastIsPrefix: Bool
    /// The text as a package name would be written, for the exact-name-first rule.
    package var exactName: String
    /// Whether the user typed nothing but whitespace.
    package var isBlank: Bool

    /// The words of `text`.
    package init(_ text: String) {
        let all = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        isBlank = all.isEmpty
        exactName = all.joined(separator: " ").lowercased()
        words = Array(all.filter { word in
            word.unicodeScalars.contains { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        }.prefix(Self.maximumWords))
        let endsWithSpace = text.last?.isWhitespace ?? false
        lastIsPrefix = !endsWithSpace && (words.last?.count ?? 0) > 1
    }
}

/// User search text turned into a safe FTS5 query.
///
/// Every word becomes a quoted FTS5 string (`"` doubled inside), so no operator, column filter,
/// `NEAR` or parenthesis the user types is ever interpreted: the words are ANDed. The last word
/// also matches as a prefix (search-as-you-type) unless the text ends with a space or the word
/// has a single character (a one-letter prefix matches nearly everything).
struct SearchText: Equatable, Sendable {
    /// At most this many words are searched; more are ignored.
    static let maximumWords = 8

    /// The FTS5 `MATCH` expression; `nil` when the text has no searchable word.
    var match: String?
    /// The text as a package name would be written, for the exact-name-first rule.
    var exactName: String
    /// Whether the user typed nothing but whitespace.
    var isBlank: Bool

    /// Builds the query for `text`.
    init(_ text: String) {
        let words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        isBlank = words.isEmpty
        exactName = words.joined(separator: " ").lowercased()
        let searchable = words.filter { word in word.unicodeScalars.contains { $0.properties.isAlphabetic || ("0"..."9").contains($0) } }
            .prefix(SearchText.maximumWords)
        guard !searchable.isEmpty else {
            match = nil
            return
        }
        let endsWithSpace = text.last?.isWhitespace ?? false
        var phrases = searchable.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        if !endsWithSpace, let last = searchable.last, last.count > 1, let lastPhrase = phrases.popLast() {
            phrases.append(lastPhrase + "*")
        }
        match = phrases.joined(separator: " ")
    }
}

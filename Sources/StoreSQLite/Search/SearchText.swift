import StoreEngineSupport

/// User search text turned into a safe FTS5 query.
///
/// The words are those every engine reads (``SearchWords``). Each becomes a quoted FTS5 string (`"`
/// doubled inside), so no operator, column filter, `NEAR` or parenthesis the user types is ever
/// interpreted: the words are ANDed, the last one also as a prefix when ``lastIsPrefix``.
struct SearchText: Equatable, Sendable {
    /// The words searched: those with a letter or digit, in order (see ``SearchWords``).
    var words: [String]
    /// Whether the last word matches as a prefix.
    var lastIsPrefix: Bool
    /// The text as a package name would be written, for the exact-name-first rule.
    var exactName: String
    /// Whether the user typed nothing but whitespace.
    var isBlank: Bool

    /// Builds the query for `text`.
    init(_ text: String) {
        let parsed = SearchWords(text)
        (words, lastIsPrefix, exactName, isBlank) = (parsed.words, parsed.lastIsPrefix, parsed.exactName, parsed.isBlank)
    }

    /// The FTS5 `MATCH` expression; `nil` when the text has no searchable word.
    var match: String? {
        guard !words.isEmpty else { return nil }
        var phrases = words.map(Self.quoted)
        if lastIsPrefix, let last = phrases.popLast() { phrases.append(last + "*") }
        return phrases.joined(separator: " ")
    }

    /// The `MATCH` expression with the last (prefix) word replaced by any of `alternatives`,
    /// each an exact phrase: the same hits, without a prefix scan per probe.
    func match(replacingLastWordWith alternatives: [String]) -> String? {
        guard !words.isEmpty, !alternatives.isEmpty else { return match }
        let phrases = words.dropLast().map(Self.quoted)
        let group = "(" + alternatives.map(Self.quoted).joined(separator: " OR ") + ")"
        // FTS5 has no implicit AND before a parenthesis.
        return (phrases + [group]).joined(separator: " AND ")
    }

    /// `word` as an FTS5 string: the tokenizer splits it, no character is syntax.
    static func quoted(_ word: String) -> String {
        "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

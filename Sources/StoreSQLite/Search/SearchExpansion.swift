import GRDB

/// Rewrites a long prefix word into the exact terms it stands for, for broad-mode probes.
///
/// The FTS index keeps prefix entries for 2 and 3 characters only. A longer prefix (`"gafai"*`)
/// makes FTS5 merge the doclists of every matching term on each evaluation, which is fine once per
/// query but ruinous once per row, as broad mode probes. Looking the terms up in the vocabulary
/// (`package_search_vocab`) and OR-ing them gives the same hits with cheap per-row seeks.
enum SearchExpansion {
    /// Above this many terms the rewrite costs more than it saves.
    static let maximumTerms = 32

    /// The match expression to probe with, or `nil` to keep `text.match`.
    static func probeMatch(for text: SearchText, _ db: Database) throws -> String? {
        guard text.lastIsPrefix, let word = text.words.last else { return nil }
        let tokenizer = try db.makeTokenizer(.unicode61(diacritics: .remove))
        let tokens = try tokenizer.tokenize(query: word).filter { !$0.flags.contains(.colocated) }.map(\.token)
        guard let prefix = tokens.last, prefix.count > 3 else { return nil }
        let terms = try String.fetchAll(db, sql: """
            SELECT term FROM package_search_vocab WHERE term >= ? AND term < ? LIMIT ?
            """, arguments: [prefix, prefix + "\u{10FFFF}", maximumTerms + 1])
        guard !terms.isEmpty, terms.count <= maximumTerms else { return nil }
        let leading = tokens.dropLast().joined(separator: " ")
        return text.match(replacingLastWordWith: terms.map { leading.isEmpty ? $0 : leading + " " + $0 })
    }
}

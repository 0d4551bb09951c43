import StoreEngineSupport

/// User search text turned into a safe `tsquery`.
///
/// The same words as the SQLite engine searches (those with a letter or digit, at most eight),
/// each split at ASCII punctuation into lexemes, exactly as the indexed text is split (see
/// ``PostgresSchema/punctuationPattern``). The query is built from those lexemes only: each is
/// single-quoted and contains no punctuation, so no `tsquery` operator the user types (`&`, `|`,
/// `!`, `<->`, `:*`, parentheses, quotes) is ever interpreted. Words are ANDed; the lexemes of one
/// word must follow each other (`hello-world` → `'hello' <-> 'world'`), as in an FTS5 phrase. The
/// last word also matches as a prefix unless the text ends with a space or the word has a single
/// character.
struct SearchText: Equatable, Sendable {
    /// The words searched (see ``SearchWords``), each as its lexemes (lower-cased by PostgreSQL's `simple` dictionary).
    var words: [[String]]
    /// Whether the last word matches as a prefix.
    var lastIsPrefix: Bool
    /// The text as a package name would be written, for the exact-name-first rule.
    var exactName: String
    /// Whether the user typed nothing but whitespace.
    var isBlank: Bool

    /// Builds the query for `text`.
    init(_ text: String) {
        let parsed = SearchWords(text)
        words = parsed.words.map(Self.lexemes).filter { !$0.isEmpty }
        (lastIsPrefix, exactName, isBlank) = (parsed.lastIsPrefix, parsed.exactName, parsed.isBlank)
    }

    /// The text for `to_tsquery('simple', …)`; `nil` when the text has no searchable word.
    var tsquery: String? {
        guard !words.isEmpty else { return nil }
        return words.enumerated().map { index, lexemes in
            let isLast = index == words.count - 1
            return lexemes.enumerated().map { position, lexeme in
                let prefix = isLast && lastIsPrefix && position == lexemes.count - 1
                return "'" + lexeme + "'" + (prefix ? ":*" : "")
            }.joined(separator: " <-> ")
        }.map { $0.contains(" <-> ") ? "(" + $0 + ")" : $0 }.joined(separator: " & ")
    }

    /// `word` split at ASCII punctuation and control characters; what is left never needs quoting.
    static func lexemes(_ word: String) -> [String] {
        var lexemes: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            if isSeparator(scalar) {
                if !current.isEmpty { lexemes.append(String(current)) }
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { lexemes.append(String(current)) }
        return lexemes
    }

    /// ASCII punctuation (the indexed text's separators), controls and whitespace.
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x20, 0x7F: true
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: scalar.properties.isWhitespace
        }
    }
}

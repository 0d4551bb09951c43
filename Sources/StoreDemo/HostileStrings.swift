/// A corpus of strings that try to break terminals, databases, JSON and layout.
///
/// Every face of the store should survive each of them: the TUI must render them inert (no
/// escape reaches the terminal, widths stay within their cells), the engines must store and
/// return them byte for byte, the server must encode them as valid JSON.
public enum HostileStrings {
    /// All hostile strings (more than 250), in a stable order with unique names.
    public static let corpus: [HostileString] =
        controls + escapes + overwrites + bidi + invisibles + invalidUTF8 + long + wide + combining + scripts + injections

    /// The corpus by name.
    public static let byName: [String: HostileString] = Dictionary(corpus.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// The corpus entries of one kind.
    public static func entries(of kind: HostileString.Kind) -> [HostileString] {
        corpus.filter { $0.kind == kind }
    }

    /// The short entries (≤ 200 scalars), suitable for titles, summaries and links.
    public static let short: [HostileString] = corpus.filter(\.isShort)

    /// The entry named `name`, if any.
    public static func named(_ name: String) -> HostileString? { byName[name] }

    /// ESC, the start of every 7-bit sequence.
    static let esc = "\u{1B}"
    /// String Terminator in its 7-bit form (`ESC \`).
    static let st = "\u{1B}\\"
    /// BEL, which also ends an OSC in xterm.
    static let bel = "\u{07}"
}

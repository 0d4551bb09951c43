/// Bounds how deeply a YAML or JSON document read from an upload nests, before any recursive parser
/// sees it.
///
/// Yams (libyaml's composer) and most JSON decoders recurse once per level: a 400-byte
/// `metadata.yaml` of 10,000 `[` overflows the stack and kills the process. The scan here is a single
/// linear pass with no recursion: it counts open flow collections (`[`, `{`) outside quoted scalars
/// and comments, and for YAML also the block structure (indentation levels and compact `- ` entries),
/// skipping the bodies of block scalars (`|`, `>`). It may overestimate (a plain scalar holding an
/// unbalanced `[` counts), never underestimate, so a document it passes is safe to compose.
enum NestingGuard {
    /// The deepest nesting any uploaded document may have.
    static let maximumDepth = 64

    /// What is wrong with `text` as the document `name`; `nil` when it nests at most `limit` levels.
    /// - Parameters:
    ///   - text: the document.
    ///   - name: the member's path, for the message (`metadata.yaml`).
    ///   - limit: the deepest nesting allowed.
    static func yamlProblem(_ text: String, name: String, limit: Int = maximumDepth) -> String? {
        yamlDepth(text, stoppingAbove: limit) > limit ? "\(name) nests deeper than \(limit) levels" : nil
    }

    /// What is wrong with `bytes` as the JSON document `name`; `nil` when it nests at most `limit` levels.
    static func jsonProblem<Bytes: Sequence<UInt8>>(_ bytes: Bytes, name: String, limit: Int = maximumDepth) -> String? {
        jsonDepth(bytes, stoppingAbove: limit) > limit ? "\(name) nests deeper than \(limit) levels" : nil
    }

    /// The deepest nesting of a JSON text (arrays and objects, outside strings); stops counting once
    /// it passes `stoppingAbove`.
    static func jsonDepth<Bytes: Sequence<UInt8>>(_ bytes: Bytes, stoppingAbove limit: Int = .max) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > limit { return deepest }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(depth - 1, 0)
            default: break
            }
        }
        return deepest
    }

    /// The deepest nesting of a YAML text; stops counting once it passes `stoppingAbove`.
    static func yamlDepth(_ text: String, stoppingAbove limit: Int = .max) -> Int {
        var scanner = YAMLDepthScanner()
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            scanner.scan(line: line)
            if scanner.deepest > limit { break }
        }
        return scanner.deepest
    }
}

/// The line-by-line state of ``NestingGuard/yamlDepth(_:stoppingAbove:)``.
private struct YAMLDepthScanner {
    /// Indentations of the open block collections, outermost first.
    private var indents: [Int] = []
    /// Open flow collections (`[`, `{`), across lines.
    private var flowDepth = 0
    /// Inside a quoted scalar that continues on the next line: its quote.
    private var openQuote: UInt8?
    /// Inside a block scalar: lines indented more than this belong to it.
    private var blockScalarParent: Int?
    private(set) var deepest = 0

    mutating func scan(line: Substring.UTF8View.SubSequence) {
        let bytes = Array(line)
        let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
        let isBlank = bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        if let parent = blockScalarParent {
            if isBlank || indent > parent { return }
            blockScalarParent = nil
        }
        if isBlank { return }
        var position = indent
        if openQuote == nil, flowDepth == 0 {
            if bytes[position] == UInt8(ascii: "#") { return }
            while let last = indents.last, last >= indent { indents.removeLast() }
            indents.append(indent)
            // Compact nesting on one line: `- - - a`, `? - a`.
            while position + 1 < bytes.count, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "?"),
                  bytes[position + 1] == UInt8(ascii: " ") {
                position += 2
                while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
                indents.append(position)
            }
            note(indents.count)
        }
        scanInline(bytes, from: position, lineIndent: indent)
    }

    /// Flow collections, quotes and comments after the line's block indicators.
    private mutating func scanInline(_ bytes: [UInt8], from start: Int, lineIndent: Int) {
        var index = start
        var lastSignificant: UInt8 = UInt8(ascii: " ")
        while index < bytes.count {
            let byte = bytes[index]
            if let quote = openQuote {
                if quote == UInt8(ascii: "'") {
                    if byte == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote { index += 1 } else { openQuote = nil }
                    }
                } else if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == quote {
                    openQuote = nil
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "#") where index == 0 || bytes[index - 1] == UInt8(ascii: " ") || bytes[index - 1] == UInt8(ascii: "\t"):
                index = bytes.count
                continue
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // A quote starts a quoted scalar only where a scalar can start.
                if [UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "?")]
                    .contains(lastSignificant) || index == start {
                    openQuote = byte
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowDepth += 1
                note(indents.count + flowDepth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flowDepth = max(flowDepth - 1, 0)
            default:
                break
            }
            if byte != UInt8(ascii: "\r") { lastSignificant = byte }
            index += 1
        }
        if openQuote == nil, flowDepth == 0, Self.endsWithBlockScalarIndicator(bytes) {
            blockScalarParent = lineIndent
        }
    }

    private mutating func note(_ depth: Int) {
        deepest = max(deepest, depth)
    }

    /// Whether the line ends with `|` or `>` (with optional chomping and indentation indicators, and
    /// an optional comment): the lines after it are the scalar's text, not structure.
    private static func endsWithBlockScalarIndicator(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        if let hash = bytes.indices.first(where: { bytes[$0] == UInt8(ascii: "#") && ($0 == 0 || bytes[$0 - 1] == UInt8(ascii: " ")) }) {
            end = hash
        }
        var index = end - 1
        while index >= 0, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[index]) { index -= 1 }
        while index >= 0, [UInt8(ascii: "+"), UInt8(ascii: "-")].contains(bytes[index]) || (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(bytes[index]) {
            index -= 1
        }
        guard index >= 0, bytes[index] == UInt8(ascii: "|") || bytes[index] == UInt8(ascii: ">") else { return false }
        return index == 0 || bytes[index - 1] == UInt8(ascii: " ")
    }
}

/// One named string that tries to break whatever displays, stores or transmits it.
///
/// Swift strings always hold valid Unicode, so a case that needs invalid UTF-8 carries the raw
/// ``bytes`` as well; its ``text`` is then what a lenient decoder produces (with U+FFFD).
public struct HostileString: Sendable, Hashable, CustomStringConvertible {
    /// What a hostile string attacks.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A single C0, DEL or C1 control character.
        case control
        /// A terminal escape or control sequence (CSI, OSC, DCS, APC, PM, SOS, ESC…).
        case escape
        /// Line-overwrite tricks: carriage return, backspace, fake lines.
        case overwrite
        /// Bidirectional overrides, embeddings, isolates and marks.
        case bidi
        /// Zero-width, format and other invisible characters; unusual spaces and separators.
        case invisible
        /// Bytes that are not valid UTF-8 (see ``HostileString/bytes``).
        case invalidUTF8
        /// Very long strings (10,000 characters, 64 KiB).
        case long
        /// Double-width CJK, emoji sequences and other width traps.
        case wide
        /// Combining-mark storms and huge grapheme clusters.
        case combining
        /// Right-to-left and complex scripts, homoglyphs and odd code points.
        case script
        /// SQL, shell, path, format-string, markup and JSON metacharacters.
        case injection
    }

    /// A stable, unique, kebab-case name (`c0-1b-esc`, `osc-52-clipboard-write-8bit`).
    public let name: String
    /// The string (for invalid UTF-8, its lossy decoding).
    public let text: String
    /// The raw bytes when they are not valid UTF-8; `nil` otherwise.
    public let bytes: [UInt8]?
    /// What the string attacks.
    public let kind: Kind

    /// Creates a hostile string.
    /// - Parameters:
    ///   - name: a unique kebab-case name.
    ///   - text: the string itself, or the lossy decoding of `bytes`.
    ///   - bytes: raw bytes for invalid-UTF-8 cases.
    ///   - kind: what it attacks; `nil` infers it from `bytes` and `text`.
    public init(name: String, text: String, bytes: [UInt8]? = nil, kind: Kind? = nil) {
        self.name = name
        self.text = text
        self.bytes = bytes
        self.kind = kind ?? HostileString.inferredKind(text: text, bytes: bytes)
    }

    /// Creates an invalid-UTF-8 case from raw bytes; ``text`` is their lossy decoding.
    public init(name: String, bytes: [UInt8]) {
        self.init(name: name, text: String(decoding: bytes, as: UTF8.self), bytes: bytes, kind: .invalidUTF8)
    }

    /// A best guess at what `text` attacks, for strings created without a kind.
    static func inferredKind(text: String, bytes: [UInt8]?) -> Kind {
        if bytes != nil { return .invalidUTF8 }
        if text.utf8.count > 4096 { return .long }
        var kind = Kind.injection
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1B, 0x90, 0x98, 0x9B, 0x9D, 0x9E, 0x9F: return .escape
            case 0x08, 0x0D: kind = .overwrite
            case 0x00..<0x20, 0x7F..<0xA0: if kind == .injection { kind = .control }
            case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: if kind == .injection { kind = .bidi }
            default: break
            }
        }
        return kind
    }

    /// The bytes to send on the wire: ``bytes`` when set, else the UTF-8 of ``text``.
    public var utf8Bytes: [UInt8] { bytes ?? Array(text.utf8) }

    /// Whether the text is short enough (≤ 200 scalars) to sit inside a title or a link.
    public var isShort: Bool { text.unicodeScalars.count <= 200 }

    /// The name, for test output.
    public var description: String { name }
}

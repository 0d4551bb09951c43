import Foundation

/// Text as both engines store it: SQLite's C API ends a string at its first NUL and PostgreSQL
/// refuses NUL in text, so U+0000 (raw, or JSON-escaped as `\u0000` inside a JSON column) is kept
/// as U+FFFD, the replacement character, and the console shows it as such.
package enum StorableText {
    /// `text` with every NUL replaced by U+FFFD.
    package static func replacingNUL(_ text: String) -> String {
        guard text.utf8.contains(0) || text.contains("\\u0000") else { return text }
        return text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}").replacingOccurrences(of: "\\u0000", with: "\\ufffd")
    }
}

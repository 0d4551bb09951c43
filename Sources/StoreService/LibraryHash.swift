import Crypto
import Foundation

/// charmcraft's hash of a charm library's source, which the store checks every publication against.
///
/// SHA-256 (lower-case hex) of the UTF-8 source read line by line, `\r\n` taken as `\n`, leaving out the
/// lines that start with `LIBAPI`, `LIBPATCH` or `LIBID` (so bumping the version does not change it).
public enum LibraryHash {
    private static let versionFields: [[UInt8]] = ["LIBAPI", "LIBPATCH", "LIBID"].map { Array($0.utf8) }

    /// The hash of `content`.
    public static func of(_ content: String) -> String {
        var hasher = SHA256()
        let bytes = Array(content.utf8)
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            // The line with its newline, if it has one.
            var line = bytes[start..<min(end + 1, bytes.count)]
            if line.count >= 2, line[line.endIndex - 2] == UInt8(ascii: "\r"), line.last == UInt8(ascii: "\n") {
                line = line.dropLast(2)
                if !startsWithVersionField(line) { hasher.update(data: Array(line) + [UInt8(ascii: "\n")]) }
            } else if !startsWithVersionField(line) {
                hasher.update(data: Array(line))
            }
            start = end + 1
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    private static func startsWithVersionField(_ line: ArraySlice<UInt8>) -> Bool {
        versionFields.contains { field in line.count >= field.count && line.prefix(field.count).elementsEqual(field) }
    }
}

/// The order of version strings as people read them: `1.10` after `1.9`, `2.0-beta` after `2.0`,
/// runs of digits compared as numbers and everything else character by character.
///
/// ``sortKey(_:)`` turns a version into a string whose plain byte order (SQLite's `BINARY`,
/// PostgreSQL's `COLLATE "C"`) is this order, so engines can index it and page through it with
/// ordinary comparisons.
public enum VersionOrder {
    /// The key of `version`: each run of ASCII digits becomes its length (two digits) followed by its
    /// digits without leading zeros; other characters stay as they are. `nil` or empty (nothing
    /// released) is the empty key, before every version.
    ///
    /// A run longer than 99 digits keeps its first 99: such versions still get a key, in an order
    /// that is only approximate among themselves.
    public static func sortKey(_ version: String?) -> String {
        guard let version, !version.isEmpty else { return "" }
        var key = String.UnicodeScalarView()
        var run: [Unicode.Scalar] = []
        func flush() {
            guard !run.isEmpty else { return }
            var digits = run.drop { $0 == "0" }
            if digits.isEmpty { digits = run.suffix(1) }
            let kept = digits.prefix(99)
            key.append(contentsOf: ((kept.count < 10 ? "0" : "") + String(kept.count)).unicodeScalars)
            key.append(contentsOf: kept)
            run.removeAll(keepingCapacity: true)
        }
        for scalar in version.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                run.append(scalar)
            } else {
                flush()
                key.append(scalar)
            }
        }
        flush()
        return String(key)
    }

    /// Whether `a` comes before `b` in this order.
    public static func precedes(_ a: String?, _ b: String?) -> Bool {
        sortKey(a).utf8.lexicographicallyPrecedes(sortKey(b).utf8)
    }
}

/// How many items a page of a list holds.
package enum PageSize {
    /// The largest page of a list that has no limit of its own.
    package static let maximum = 500

    /// `limit` within 1…`maximum`.
    package static func clamped(_ limit: Int, maximum: Int = maximum) -> Int {
        max(1, min(limit, maximum))
    }
}

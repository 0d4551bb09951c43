/// Where a search page ends, in the order of the search's mode; opaque to callers.
struct SearchCursor: Codable, Sendable, Equatable {
    /// How the search orders its results; fixed by the first page, so later pages keep the order.
    enum Mode: String, Codable, Sendable {
        /// No text: by name.
        case browse = "b"
        /// Text with few enough hits to rank them all: exact name first, score descending, name.
        case ranked = "r"
        /// Text matching too many packages to rank: exact name first, then by name.
        case broad = "w"
    }

    var mode: Mode
    /// 0 for the exact-name match, 1 for the rest (ranked and broad modes).
    var tier: Int?
    /// The last result's score (ranked mode).
    var score: Double?
    /// The last result's name.
    var name: String

    enum CodingKeys: String, CodingKey { case mode = "m", tier = "t", score = "s", name = "n" }
}

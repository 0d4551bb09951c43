import StoreService

/// Where a search page ends, in the order of the search's mode; opaque to callers. Both engines
/// write and read the same cursors.
package struct SearchCursor: Codable, Sendable, Equatable {
    /// How the search orders its results; fixed by the first page, so later pages keep the order.
    package enum Mode: String, Codable, Sendable {
        /// No text: by name.
        case browse = "b"
        /// Text with few enough hits to rank them all: exact name first, score descending, name.
        case ranked = "r"
        /// Text matching too many packages to rank: exact name first, then by name.
        case broad = "w"
        /// Text matching more packages than are worth scoring, but not so many as broad mode: by
        /// ``SearchTier`` (exact name, then name/title/summary hits, then description hits), only
        /// the few strong hits scored (top-k; see ``SearchTier``).
        case tiered = "k"
        /// An explicit order (``SearchSort``), with or without text: by its key, then name.
        case sorted = "o"
    }

    package var mode: Mode
    /// 0 for the exact-name match, 1 for the rest (ranked and broad modes); the ``SearchTier`` (tiered mode).
    package var tier: Int?
    /// The last result's score (ranked mode, and the scored tier of tiered mode).
    package var score: Double?
    /// The last result's name.
    package var name: String
    /// The order (``SearchSort/parameter``) of a sorted search, so a page of one order is not read
    /// as a page of another.
    package var sort: String?
    /// The last result's sort key, in text (sorted mode, keys other than the name; the row key in the
    /// static tiers of tiered mode).
    package var key: String?

    enum CodingKeys: String, CodingKey { case mode = "m", tier = "t", score = "s", name = "n", sort = "o", key = "k" }

    /// A cursor at `name` (and `tier`, `score`, or the `sort` and its `key`) in `mode`.
    package init(mode: Mode, tier: Int? = nil, score: Double? = nil, name: String, sort: String? = nil, key: String? = nil) {
        self.mode = mode
        self.tier = tier
        self.score = score
        self.name = name
        self.sort = sort
        self.key = key
    }
}


/// How results of a broad search (too many hits to rank) are paged on every engine.
package enum BroadSearchPage {
    /// `summaries` with the cursor after each: the exact-name match first (tier 0) when `exactFound`,
    /// then the rest by name (tier 1).
    package static func positions(_ summaries: [PackageSummary], exactFound: Bool) -> [(item: PackageSummary, position: SearchCursor)] {
        summaries.enumerated().map { index, summary in
            (summary, SearchCursor(mode: .broad, tier: index == 0 && exactFound ? 0 : 1, name: summary.name.rawValue))
        }
    }
}

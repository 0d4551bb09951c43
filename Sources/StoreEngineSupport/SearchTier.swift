/// Where a result stands in a tiered (top-k) search, ``SearchCursor/Mode/tiered``: which of the
/// package's texts hold the words decides its place before any score does.
///
/// A common word is found in thousands of descriptions, and scoring every hit to keep one page
/// costs a pass over all of them. A tiered search scores only the strong hits, and only when they
/// are few; everything else comes in a static order that an index walks and stops after a page:
/// the package's row key, that is registration order, oldest first (new packages come last, so
/// pages stay stable while packages are added).
package enum SearchTier: Int, Sendable, Comparable, CaseIterable {
    /// The package named exactly like the text.
    case exactName = 0
    /// Its name, title or summary hold every word, and such packages are few enough to score:
    /// score descending (over those three texts), then name.
    case strongScored = 1
    /// Its name, title or summary hold every word, but too many packages do to score them: in
    /// registration order.
    case strongUnscored = 2
    /// The words are found, but not all in the name, title and summary: in registration order.
    case weak = 3

    /// Whether results of this tier are ordered by score (otherwise by registration).
    package var isScored: Bool { self == .strongScored }

    /// The strong tier to read when the strong hits number `strongHits` (counted up to `scoringLimit` + 1).
    package static func strong(hits strongHits: Int, scoringLimit: Int) -> SearchTier {
        strongHits > scoringLimit ? .strongUnscored : .strongScored
    }

    /// The tier of `cursor`, a position in a tiered search; `nil` for a first page. An unknown
    /// tier number reads as the last tier, so a forged cursor can only end a search early.
    package init?(of cursor: SearchCursor?) {
        guard let cursor, cursor.mode == .tiered else { return nil }
        self = SearchTier(rawValue: cursor.tier ?? SearchTier.weak.rawValue) ?? .weak
    }

    package static func < (lhs: SearchTier, rhs: SearchTier) -> Bool { lhs.rawValue < rhs.rawValue }
}

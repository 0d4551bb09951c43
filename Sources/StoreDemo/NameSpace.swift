/// A finite, injective space of hyphenated names made of one or two words.
///
/// Each segment pairs word lists (`adjective-noun`, `noun-tool`…). Because the lists are
/// disjoint and no word has a hyphen, a name decomposes one way only, so distinct positions
/// give distinct names. ``name(at:)`` walks the space through a seeded permutation and appends
/// `-2`, `-3`… once it wraps, so any number of names stay unique.
struct NameSpace: Sendable {
    /// One segment: all `first-second` pairs (or single words when `second` is `nil`).
    struct Segment: Sendable {
        var first: [String]
        var second: [String]?
        var count: Int { first.count * (second?.count ?? 1) }
    }

    let segments: [Segment]
    /// Number of distinct names before suffixes are needed.
    let count: Int
    private let multiplier: Int
    private let offset: Int

    /// Creates a space over `segments`, permuted by `seed`.
    init(segments: [Segment], seed: UInt64) {
        self.segments = segments
        let total = segments.reduce(0) { $0 + $1.count }
        count = total
        var candidate = Int(Double(total) * 0.618_033_988_75) + Int(seed % 997)
        while NameSpace.gcd(candidate, total) != 1 { candidate += 1 }
        multiplier = candidate % total == 0 ? 1 : candidate
        offset = Int(seed % UInt64(total))
    }

    /// The words of the name at `position` (in `0..<count`), without any suffix.
    func words(at position: Int) -> (String, String?) {
        var rest = position
        for segment in segments {
            if rest < segment.count {
                guard let second = segment.second else { return (segment.first[rest], nil) }
                return (segment.first[rest / second.count], second[rest % second.count])
            }
            rest -= segment.count
        }
        return (segments[0].first[0], nil)
    }

    /// The `index`-th name (any `index` ≥ 0): unique for every index.
    /// - Parameter decoration: text inserted before the cycle suffix (`-k8s`); must contain a digit
    ///   or otherwise never end a plain name, so decorated and plain names cannot meet.
    func name(at index: Int, decoration: String = "") -> (name: String, words: (String, String?)) {
        let cycle = index / count
        let position = (multiplier * (index % count) + offset) % count
        let parts = words(at: position)
        var text = parts.0
        if let second = parts.1 {
            text.append("-")
            text.append(second)
        }
        text.append(decoration)
        if cycle > 0 {
            text.append("-")
            text.append(String(cycle + 1))
        }
        return (text, parts)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// The package-name space: brands alone and seven two-word patterns (about 106,000 names).
    static func packages(seed: UInt64) -> NameSpace {
        NameSpace(segments: [
            Segment(first: Words.brands, second: nil),
            Segment(first: Words.adjectives, second: Words.nouns),
            Segment(first: Words.nouns, second: Words.tools),
            Segment(first: Words.brands, second: Words.tools),
            Segment(first: Words.adjectives, second: Words.brands),
            Segment(first: Words.brands, second: Words.nouns),
            Segment(first: Words.adjectives, second: Words.tools),
            Segment(first: Words.nouns, second: Words.nouns),
        ], seed: seed)
    }

    /// The username space: `first-last`, `last-first` and `stem-suffix` organisations.
    static func usernames(seed: UInt64) -> NameSpace {
        NameSpace(segments: [
            Segment(first: Words.firstNames, second: Words.lastNames),
            Segment(first: Words.orgStems, second: Words.orgSuffixes.map(\.username)),
            Segment(first: Words.lastNames, second: Words.firstNames),
        ], seed: seed)
    }
}

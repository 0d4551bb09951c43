/// A tiny, fast, seedable pseudo-random generator (Steele, Lea and Flood's SplitMix64).
///
/// The demo seeds one generator per package index (and per purpose), so entry *i* never
/// depends on having generated entries `0..<i`. Never use it for anything secret.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose sequence is fully determined by `seed`.
    init(seed: UInt64) { state = seed }

    /// Creates a generator for one `stream` (a purpose tag) and `index` under a catalogue `seed`.
    init(seed: UInt64, stream: UInt64, index: Int) {
        state = SplitMix64.mix(SplitMix64.mix(seed ^ (stream &* 0x9E37_79B9_7F4A_7C15)) &+ UInt64(truncatingIfNeeded: index))
    }

    /// SplitMix64's output function: a strong 64-bit mixer.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0), by multiply-high (bias below 2⁻³²).
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(truncatingIfNeeded: bound)).high)
    }

    /// A number in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A number in `[0, 1)`.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with probability `numerator / denominator`.
    mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
        below(denominator) < numerator
    }

    /// A uniformly chosen element of a non-empty array.
    mutating func pick<Element>(_ array: [Element]) -> Element {
        array[below(array.count)]
    }

    /// Up to `count` distinct elements of `array`, in the array's order.
    mutating func sample<Element>(_ array: [Element], count: Int) -> [Element] {
        let wanted = min(count, array.count)
        var result: [Element] = []
        result.reserveCapacity(wanted)
        var remaining = array.count
        var needed = wanted
        for element in array where needed > 0 {
            if below(remaining) < needed {
                result.append(element)
                needed -= 1
            }
            remaining -= 1
        }
        return result
    }
}

/// The purposes a generator can be seeded for, so two purposes never share a sequence.
enum DemoStream: UInt64 {
    case package = 1
    case packageID = 2
    case publisher = 3
    case publisherID = 4
    case staffID = 5
    case names = 6
    case usernames = 7
    case hostile = 8
    case digest = 9
}

/// Stable identifiers and digests derived from the seed, never from the clock or the system.
enum DemoIdentifiers {
    private static let base62: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A 32-character base62 id, like the stores' snap and account ids.
    static func id(seed: UInt64, stream: DemoStream, index: Int) -> String {
        var rng = SplitMix64(seed: seed, stream: stream.rawValue, index: index)
        return String(unsafeUninitializedCapacity: 32) { buffer in
            var bits = rng.next()
            for position in 0..<32 {
                if position % 10 == 0 { bits = rng.next() }
                buffer[position] = base62[Int(bits % 62)]
                bits /= 62
            }
            return 32
        }
    }

    /// 96 lower-case hex digits (the length of a SHA3-384 digest) drawn from `rng`.
    static func sha3_384(using rng: inout SplitMix64) -> String {
        String(unsafeUninitializedCapacity: 96) { buffer in
            var position = 0
            for _ in 0..<6 {
                var word = rng.next()
                for _ in 0..<16 {
                    buffer[position] = hexDigits[Int(word & 0xF)]
                    word >>= 4
                    position += 1
                }
            }
            return 96
        }
    }
}

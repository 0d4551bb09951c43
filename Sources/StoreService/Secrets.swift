import Crypto
import Foundation

/// Bearer-token secrets: generation, hashing at rest and comparison.
///
/// A token is `stui_` followed by 43 base62 characters carrying 32 bytes from the system CSPRNG
/// (256 bits). The distinctive prefix lets secret scanners spot leaked tokens; it must never change,
/// or every issued token would stop looking like one. Stores keep only ``hash(ofToken:)``.
public enum Secrets {
    /// The prefix every token starts with.
    public static let tokenPrefix = "stui_"
    /// Characters of a token after the prefix: 32 bytes in base62 need 43 digits.
    public static let tokenBodyLength = 43

    private static let base62Alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// Returns a fresh bearer token: the prefix and 32 random bytes in base62.
    public static func generateToken() -> String {
        tokenPrefix + base62(randomBytes(count: 32), width: tokenBodyLength)
    }

    /// Returns a random identifier of `length` base62 characters (ids, upload ids).
    ///
    /// Uses the CSPRNG and rejection sampling, so every character is uniform.
    public static func randomIdentifier(length: Int) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(length)
        while result.count < length {
            for byte in randomBytes(count: length) where result.count < length {
                // 248 = 4 × 62: bytes at or above it would bias the first characters.
                if byte < 248 { result.append(base62Alphabet[Int(byte % 62)]) }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The SHA-256 of a token's UTF-8 bytes, as 64 lower-case hex digits: what stores keep.
    public static func hash(ofToken token: String) -> String {
        let digest = SHA256.hash(data: Data(token.utf8))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether `text` has the shape of a token this store issues (prefix and base62 body).
    ///
    /// A cheap filter before any lookup; says nothing about validity.
    public static func looksLikeToken(_ text: String) -> Bool {
        guard text.hasPrefix(tokenPrefix) else { return false }
        let body = text.utf8.dropFirst(tokenPrefix.utf8.count)
        return body.count == tokenBodyLength && body.allSatisfy { base62Alphabet.contains($0) }
    }

    /// Compares two strings in time that depends only on their lengths, not on where they differ.
    ///
    /// Use it for secrets and their hashes so a timing side channel reveals nothing.
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        constantTimeEquals(Array(lhs.utf8), Array(rhs.utf8))
    }

    /// Compares two byte arrays in time that depends only on their lengths.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    /// `count` bytes from the system CSPRNG (swift-crypto's key generation).
    static func randomBytes(count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let key = SymmetricKey(size: .bits256)
            key.withUnsafeBytes { buffer in
                for byte in buffer where bytes.count < count { bytes.append(byte) }
            }
        }
        return bytes
    }

    /// Writes `bytes` as a big-endian base62 number, left-padded with `0` to `width` digits.
    static func base62(_ bytes: [UInt8], width: Int) -> String {
        var number = bytes
        var digits: [UInt8] = []
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            var quotient: [UInt8] = []
            quotient.reserveCapacity(number.count)
            for byte in number {
                let value = remainder * 256 + Int(byte)
                let digit = value / 62
                remainder = value % 62
                if !quotient.isEmpty || digit != 0 { quotient.append(UInt8(digit)) }
            }
            digits.append(base62Alphabet[remainder])
            number = quotient
        }
        while digits.count < width { digits.append(base62Alphabet[0]) }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}

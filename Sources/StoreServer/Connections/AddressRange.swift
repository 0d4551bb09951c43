import Foundation

/// An IPv4 or IPv6 network in CIDR notation (`10.0.0.0/8`, `::1/128`, or a bare address).
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The network's address bytes (4 or 16), masked to the prefix.
    private let network: [UInt8]
    /// The number of leading bits that must match.
    private let prefixLength: Int

    /// The range `text` names; `nil` when it is not an address with an optional `/prefix`.
    public init?(cidr text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bytes = Self.bytes(of: String(parts[0])) else { return nil }
        let length: Int
        if parts.count == 2 {
            guard let given = Int(parts[1]), (0...(bytes.count * 8)).contains(given) else { return nil }
            length = given
        } else {
            length = bytes.count * 8
        }
        network = Self.masked(bytes, to: length)
        prefixLength = length
    }

    /// Whether `address` (as the transport gives it) lies in the range. An IPv4-mapped IPv6 address
    /// (`::ffff:10.0.0.1`) matches the IPv4 range it maps.
    public func contains(_ address: String) -> Bool {
        guard var bytes = Self.bytes(of: address) else { return false }
        if bytes.count == 16, network.count == 4, bytes.prefix(12) == Self.mappedPrefix[...] { bytes = Array(bytes.suffix(4)) }
        guard bytes.count == network.count else { return false }
        return Self.masked(bytes, to: prefixLength) == network
    }

    public var description: String {
        let address: String
        if network.count == 4 {
            address = network.map(String.init).joined(separator: ".")
        } else {
            address = stride(from: 0, to: 16, by: 2).map { String(UInt16(network[$0]) << 8 | UInt16(network[$0 + 1]), radix: 16) }
                .joined(separator: ":")
        }
        return "\(address)/\(prefixLength)"
    }

    private static let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]

    /// The bytes of a textual IPv4 or IPv6 address (a zone such as `%eth0` is dropped).
    static func bytes(of text: String) -> [UInt8]? {
        let address = text.split(separator: "%", maxSplits: 1).first.map(String.init) ?? text
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    private static func masked(_ bytes: [UInt8], to length: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bits = min(max(length - index * 8, 0), 8)
            return bits == 8 ? byte : byte & ~(0xFF >> UInt8(bits))
        }
    }
}

/// Where a request really comes from, when trusted reverse proxies stand in front of the server.
enum ClientAddress {
    /// The share of the address space one client holds, for per-client quotas: an IPv4 address
    /// itself, an IPv6 address's /64 (one host is given a whole /64, so counting its addresses apart
    /// would give it endless quotas).
    static func quotaKey(_ address: String) -> String {
        guard let bytes = AddressRange.bytes(of: address), bytes.count == 16 else { return address }
        let group = stride(from: 0, to: 8, by: 2).map { String(format: "%x", Int(bytes[$0]) << 8 | Int(bytes[$0 + 1])) }
        return group.joined(separator: ":") + "::/64"
    }

    /// The client's address: the peer's, unless the peer is a trusted proxy; then the right-most
    /// `X-Forwarded-For` entry that is not itself a trusted proxy (entries to its left were written by
    /// the client and cannot be believed).
    /// - Parameters:
    ///   - peer: the address of the connection's other end.
    ///   - forwardedFor: every `X-Forwarded-For` value, in order.
    ///   - trusted: the trusted proxies.
    static func resolve(peer: String, forwardedFor: [String], trusted: [AddressRange]) -> String {
        guard !trusted.isEmpty, isTrusted(peer, trusted) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard AddressRange.bytes(of: hop) != nil else { return peer }
            if !isTrusted(hop, trusted) { return hop }
        }
        return hops.first ?? peer
    }

    /// Whether `address` is one of the trusted proxies.
    static func isTrusted(_ address: String, _ trusted: [AddressRange]) -> Bool {
        trusted.contains { $0.contains(address) }
    }
}

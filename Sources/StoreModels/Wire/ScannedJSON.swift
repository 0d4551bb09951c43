/// A JSON document read by a small, strict scanner that knows only the plain forms a device's request
/// body uses: objects, arrays, strings without escapes, whole numbers and `null`.
///
/// It is the fast path for JSON read many times a second: the server's `JSONBody` reads a snapd refresh
/// body with it (about 6 KB for 20 installed snaps, which took half of the request's CPU through
/// Foundation's decoder), and the engines read JSON columns with it. It never decides that a document
/// is wrong: anything it does not know (an escape, a fraction, `true`, a duplicate or unknown key,
/// nesting deeper than ``maximumDepth``, invalid UTF-8, bad syntax) makes it answer `nil`, and the
/// caller then reads the document the full way, which accepts or refuses it with its usual message.
/// So a fast path can only be faster, never different; its tests check that it answers what the full
/// decoder answers, or nothing.
public enum ScannedJSON: Hashable, Sendable {
    /// An object's members in the body's order.
    case object([Member])
    case array([ScannedJSON])
    /// A string that held no escape, no control character and only valid UTF-8.
    case string(String)
    /// A number written as a whole number within `Int`.
    case integer(Int)
    case null

    /// One member of an object.
    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: ScannedJSON

        /// Creates a member.
        public init(key: String, value: ScannedJSON) {
            self.key = key
            self.value = value
        }
    }

    /// Objects and arrays deeper than this are left to the full reader (and its ``NestingGuard``).
    public static let maximumDepth = 16

    /// Reads `bytes` whole; `nil` when they hold anything beyond the plain forms, or are not JSON.
    public static func scan(_ bytes: UnsafeRawBufferPointer) -> ScannedJSON? {
        var scanner = Scanner(bytes: bytes)
        guard let value = scanner.value(depth: 0) else { return nil }
        scanner.skipWhitespace()
        return scanner.index == bytes.count ? value : nil
    }

    /// Reads `bytes` whole; see ``scan(_:)-(UnsafeRawBufferPointer)``.
    public static func scan(_ bytes: some Sequence<UInt8>) -> ScannedJSON? {
        let array = Array(bytes)
        return array.withUnsafeBytes { scan($0) }
    }

    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) -> ScannedJSON? {
            skipWhitespace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return depth < ScannedJSON.maximumDepth ? object(depth: depth + 1) : nil
            case UInt8(ascii: "["): return depth < ScannedJSON.maximumDepth ? array(depth: depth + 1) : nil
            case UInt8(ascii: "\""): return string().map(ScannedJSON.string)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer().map(ScannedJSON.integer)
            case UInt8(ascii: "n"):
                guard index + 4 <= bytes.count, bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"),
                      bytes[index + 3] == UInt8(ascii: "l") else { return nil }
                index += 4
                return .null
            default:
                return nil
            }
        }

        private mutating func object(depth: Int) -> ScannedJSON? {
            index += 1
            var members: [Member] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = value(depth: depth) else { return nil }
                members.append(Member(key: key, value: value))
                skipWhitespace()
                guard index < bytes.count else { return nil }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return .object(members)
                default: return nil
                }
            }
        }

        private mutating func array(depth: Int) -> ScannedJSON? {
            index += 1
            var elements: [ScannedJSON] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                guard let element = value(depth: depth) else { return nil }
                elements.append(element)
                skipWhitespace()
                guard index < bytes.count else { return nil }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return .array(elements)
                default: return nil
                }
            }
        }

        /// A string at `index` (its opening quote); `nil` for an escape, a control character or invalid UTF-8.
        private mutating func string() -> String? {
            let start = index + 1
            var end = start
            var ascii = true
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                if byte >= 0x80 { ascii = false }
                end += 1
            }
            guard end < bytes.count else { return nil }
            index = end + 1
            let text = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            if ascii { return String(decoding: text, as: UTF8.self) }
            return String(validating: text, as: UTF8.self)
        }

        /// A whole number at `index`; `nil` for a fraction, an exponent, a leading zero or one beyond `Int`.
        private mutating func integer() -> Int? {
            var position = index
            let negative = bytes[position] == UInt8(ascii: "-")
            if negative { position += 1 }
            let digitsStart = position
            var magnitude: UInt64 = 0
            while position < bytes.count, case let byte = bytes[position], byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                let (times, overflowTimes) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflowSum) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
                guard !overflowTimes, !overflowSum else { return nil }
                magnitude = sum
                position += 1
            }
            let digits = position - digitsStart
            guard digits > 0, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else { return nil }
            if position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
                default: break
                }
            }
            let value: Int
            if negative {
                guard magnitude <= UInt64(Int.max) + 1 else { return nil }
                value = magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
            } else {
                guard magnitude <= UInt64(Int.max) else { return nil }
                value = Int(magnitude)
            }
            index = position
            return value
        }
    }
}

extension ScannedJSON {
    /// The members of an object, each key read once, for a hand-written fast path: `nil` when this is not
    /// an object, a key is not among `known` or a key comes twice.
    public func members(known: Set<String>) -> [String: ScannedJSON]? {
        guard case .object(let members) = self else { return nil }
        var found: [String: ScannedJSON] = [:]
        found.reserveCapacity(members.count)
        for member in members {
            guard known.contains(member.key), found.updateValue(member.value, forKey: member.key) == nil else { return nil }
        }
        return found
    }

    /// The value as a required string: `nil` for anything else (`null` included).
    @inlinable
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value as a required whole number.
    @inlinable
    public var integerValue: Int? {
        if case .integer(let number) = self { return number }
        return nil
    }

    /// An optional value as Foundation's `decodeIfPresent` reads it: absent or `null` is `.some(nil)`,
    /// the right kind is `.some(value)`, the wrong kind is `nil` (left to the full reader).
    @inlinable
    public static func optional<T>(_ value: ScannedJSON?, _ read: (ScannedJSON) -> T?) -> T?? {
        guard let value, value != .null else { return .some(nil) }
        guard let read = read(value) else { return nil }
        return .some(read)
    }

    /// The value as an array whose every element `read` accepts.
    @inlinable
    public func array<T>(_ read: (ScannedJSON) -> T?) -> [T]? {
        guard case .array(let elements) = self else { return nil }
        var values: [T] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            guard let value = read(element) else { return nil }
            values.append(value)
        }
        return values
    }
}

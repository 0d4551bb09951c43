import Foundation

/// A `Decoder` that hands a DTO Foundation's decoder while noting what ``JSONBody`` refuses besides bad
/// values: keys of the body the DTO never asks for (mass assignment) and strings holding U+0000.
///
/// So the body is parsed once and decoded once: Foundation's containers do the reading (its messages,
/// its date strategy), and each nested value is decoded through another `CheckingDecoder` on Foundation's
/// `superDecoder`. Values Foundation decodes itself (`Date`, `Data`, `URL`, `Decimal`) are not entered.
struct CheckingDecoder: Decoder {
    /// What the decoding found, shared by every nested decoder of one body.
    ///
    /// `@unchecked Sendable` only so it can travel in the decoder's `userInfo`: one decode on one task
    /// creates, fills and reads it, and nothing keeps it after.
    final class Findings: @unchecked Sendable {
        /// Where ``JSONBody`` puts it in the decoder's `userInfo`.
        static let key: CodingUserInfoKey = {
            guard let key = CodingUserInfoKey(rawValue: "store-tui.checking-decoder.findings") else {
                preconditionFailure("a constant key is valid")
            }
            return key
        }()
        /// The path of the first string or key holding U+0000.
        private(set) var nulPath: String?
        /// Each object read, with the keys the DTO has not asked for (yet).
        fileprivate var objects: [Object] = []

        /// Notes `text` when it holds U+0000 (the first one only).
        fileprivate func check(_ text: String, at path: [any CodingKey]) -> String {
            if nulPath == nil, text.utf8.contains(0) { nulPath = CheckingDecoder.pathText(path) }
            return text
        }

        /// Lets go of the objects read. They hold Foundation's decoder, whose `userInfo` holds these findings:
        /// a cycle that would keep every body's decoded values alive.
        func release() { objects.removeAll() }

        /// The path of the first key (in path order) that no DTO asked for and whose value is not `null`.
        func unknownKey() throws -> String? {
            var unknown: [String] = []
            for object in objects {
                for key in object.remaining where try !object.all.decodeNil(forKey: AnyKey(key)) {
                    unknown.append(CheckingDecoder.pathText(object.all.codingPath + [AnyKey(key)]))
                }
            }
            return unknown.min()
        }
    }

    /// One object of the body: all its keys, and those not asked for.
    fileprivate final class Object {
        let all: KeyedDecodingContainer<AnyKey>
        var remaining: Set<String>

        init(_ all: KeyedDecodingContainer<AnyKey>) {
            self.all = all
            remaining = Set(all.allKeys.map(\.stringValue))
        }
    }

    /// Any key, so an object's keys are all listed (a DTO's own key type lists only those it knows).
    fileprivate struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ text: String) { stringValue = text }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    let inner: any Decoder
    let findings: Findings

    var codingPath: [any CodingKey] { inner.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { inner.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        // One container of Foundation's, by any key: it lists all the object's keys, and reads the DTO's.
        let object = Object(try inner.container(keyedBy: AnyKey.self))
        for key in object.remaining.sorted() { _ = findings.check(key, at: codingPath + [AnyKey(key)]) }
        findings.objects.append(object)
        return KeyedDecodingContainer(Keyed<Key>(inner: object.all, findings: findings, object: object))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        Unkeyed(inner: try inner.unkeyedContainer(), findings: findings)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(inner: try inner.singleValueContainer(), decoder: self)
    }

    /// The text of a coding path, as ``JSONBody``'s messages write it (`actions[0].name`).
    static func pathText(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return text.isEmpty ? "the body" : text
    }

    /// Whether Foundation decodes values of `type` itself (with its strategies), so they are not entered.
    fileprivate static func isLeaf<T>(_ type: T.Type) -> Bool {
        type == Date.self || type == Data.self || type == URL.self || type == Decimal.self
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let inner: KeyedDecodingContainer<AnyKey>
        let findings: Findings
        let object: Object

        var codingPath: [any CodingKey] { inner.codingPath }

        /// The keys the DTO knows; one that lists them reads them all (a dictionary).
        var allKeys: [Key] {
            object.remaining.removeAll()
            return inner.allKeys.compactMap { Key(stringValue: $0.stringValue) }
        }

        /// `key`, noted as asked for, as Foundation's container knows it.
        private func noted(_ key: Key) -> AnyKey {
            object.remaining.remove(key.stringValue)
            return AnyKey(key.stringValue)
        }

        func contains(_ key: Key) -> Bool {
            inner.contains(noted(key))
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            try inner.decodeNil(forKey: noted(key))
        }

        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            findings.check(try inner.decode(type, forKey: noted(key)), at: codingPath + [key])
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try inner.decode(type, forKey: noted(key)) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try inner.decode(type, forKey: noted(key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try inner.decode(type, forKey: noted(key)) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try inner.decode(type, forKey: noted(key)) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try inner.decode(type, forKey: noted(key)) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try inner.decode(type, forKey: noted(key)) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try inner.decode(type, forKey: noted(key)) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try inner.decode(type, forKey: noted(key)) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try inner.decode(type, forKey: noted(key)) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try inner.decode(type, forKey: noted(key)) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try inner.decode(type, forKey: noted(key)) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try inner.decode(type, forKey: noted(key)) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try inner.decode(type, forKey: noted(key)) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let key = noted(key)
            // A leaf, a missing key or a null is Foundation's to decode or report, with its own message.
            guard !CheckingDecoder.isLeaf(type), inner.contains(key), try !inner.decodeNil(forKey: key) else {
                return try inner.decode(type, forKey: key)
            }
            return try T(from: CheckingDecoder(inner: try inner.superDecoder(forKey: key), findings: findings))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try CheckingDecoder(inner: try inner.superDecoder(forKey: noted(key)), findings: findings).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            Unkeyed(inner: try inner.nestedUnkeyedContainer(forKey: noted(key)), findings: findings)
        }

        func superDecoder() throws -> any Decoder { CheckingDecoder(inner: try inner.superDecoder(), findings: findings) }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            CheckingDecoder(inner: try inner.superDecoder(forKey: noted(key)), findings: findings)
        }
    }

    private struct Unkeyed: UnkeyedDecodingContainer {
        var inner: any UnkeyedDecodingContainer
        let findings: Findings

        var codingPath: [any CodingKey] { inner.codingPath }
        var count: Int? { inner.count }
        var isAtEnd: Bool { inner.isAtEnd }
        var currentIndex: Int { inner.currentIndex }

        mutating func decodeNil() throws -> Bool { try inner.decodeNil() }

        mutating func decode(_ type: String.Type) throws -> String {
            let path = codingPath + [IndexKey(intValue: currentIndex)]
            return findings.check(try inner.decode(type), at: path)
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try inner.decode(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try inner.decode(type) }
        mutating func decode(_ type: Float.Type) throws -> Float { try inner.decode(type) }
        mutating func decode(_ type: Int.Type) throws -> Int { try inner.decode(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try inner.decode(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try inner.decode(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try inner.decode(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try inner.decode(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try inner.decode(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try inner.decode(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try inner.decode(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try inner.decode(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try inner.decode(type) }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            guard !CheckingDecoder.isLeaf(type), !isAtEnd else { return try inner.decode(type) }
            return try T(from: CheckingDecoder(inner: try inner.superDecoder(), findings: findings))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try CheckingDecoder(inner: try inner.superDecoder(), findings: findings).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            Unkeyed(inner: try inner.nestedUnkeyedContainer(), findings: findings)
        }

        mutating func superDecoder() throws -> any Decoder { CheckingDecoder(inner: try inner.superDecoder(), findings: findings) }
    }

    /// An array index in a coding path.
    private struct IndexKey: CodingKey {
        var intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }

    private struct Single: SingleValueDecodingContainer {
        let inner: any SingleValueDecodingContainer
        let decoder: CheckingDecoder

        var codingPath: [any CodingKey] { inner.codingPath }

        func decodeNil() -> Bool { inner.decodeNil() }

        func decode(_ type: String.Type) throws -> String { decoder.findings.check(try inner.decode(type), at: codingPath) }

        func decode(_ type: Bool.Type) throws -> Bool { try inner.decode(type) }
        func decode(_ type: Double.Type) throws -> Double { try inner.decode(type) }
        func decode(_ type: Float.Type) throws -> Float { try inner.decode(type) }
        func decode(_ type: Int.Type) throws -> Int { try inner.decode(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try inner.decode(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try inner.decode(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try inner.decode(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try inner.decode(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try inner.decode(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try inner.decode(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try inner.decode(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try inner.decode(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try inner.decode(type) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            guard !CheckingDecoder.isLeaf(type) else { return try inner.decode(type) }
            // The same value, decoded by its own type through this decoder, so its keys are checked too.
            return try T(from: decoder)
        }
    }
}

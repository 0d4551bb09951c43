import Crypto
import Foundation
import NIOCore
import StoreService

/// Streams one file field of a `multipart/form-data` body to disk, hashing it on the way.
///
/// charmcraft sends a single field `binary` (`filename="my.charm"`, `application/octet-stream`). The parser
/// keeps at most one delimiter's worth of bytes in memory between chunks, so a 200 MB file never sits in
/// memory; the file part is written as it arrives and refused with 413 once it passes ``limit``. Other
/// fields are read and dropped.
struct MultipartFileReceiver {
    /// What was received.
    struct Received: Sendable {
        var size: Int64
        /// SHA3-384, 96 lower-case hex digits.
        var sha3_384: String
        var filename: String?
    }

    private enum State {
        case preamble
        case headers
        case body(isFile: Bool)
        case afterDelimiter
        case done
    }

    /// The field carrying the file.
    let fieldName: String
    /// The largest file accepted, in bytes.
    let limit: Int
    private let firstDelimiter: [UInt8]
    private let delimiter: [UInt8]
    private var state = State.preamble
    private var pending: [UInt8] = []
    private var hasher = SHA3_384()
    private var size: Int64 = 0
    private var filename: String?
    private var sawFile = false
    private var otherBytes = 0

    /// The longest header block of one part.
    static let maximumHeaderBytes = 16 * 1024
    /// How much non-file content (other fields) is tolerated.
    static let maximumOtherBytes = 1 << 20

    /// A receiver for the body whose `Content-Type` is `contentType`.
    /// - Throws: `.invalidInput` when the content type is not multipart/form-data with a boundary.
    init(contentType: String?, fieldName: String, limit: Int) throws(StoreError) {
        guard let boundary = Self.boundary(of: contentType) else {
            throw .invalidInput(
                "send the file as multipart/form-data with a boundary and one file field '\(fieldName)' (got Content-Type \(contentType.map { "'\(QueryParameters.printable(String($0.prefix(80))))'" } ?? "none"))")
        }
        self.fieldName = fieldName
        self.limit = limit
        firstDelimiter = Array("--\(boundary)".utf8)
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// Reads the whole body, writing the file field to `handle`.
    /// - Throws: `HTTPFailure.payloadTooLarge` above ``limit``, `.invalidInput` for a malformed body or a
    ///   missing file field, and whatever writing throws.
    mutating func receive<Body: AsyncSequence>(_ body: Body, into handle: FileHandle) async throws -> Received
    where Body.Element == ByteBuffer {
        for try await buffer in body {
            pending.append(contentsOf: buffer.readableBytesView)
            try process(handle)
        }
        guard case .done = state else {
            throw StoreError.invalidInput("the multipart body ended before its closing boundary")
        }
        guard sawFile else { throw StoreError.invalidInput("the multipart body has no file field '\(fieldName)'") }
        let hex = hasher.finalize().map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        return Received(size: size, sha3_384: hex, filename: filename)
    }

    // MARK: Parsing

    private mutating func process(_ handle: FileHandle) throws {
        while true {
            switch state {
            case .preamble:
                guard let index = Self.find(firstDelimiter, in: pending) else {
                    try keepTail(firstDelimiter.count - 1, countingAsOther: true)
                    return
                }
                pending.removeFirst(index + firstDelimiter.count)
                state = .afterDelimiter
            case .afterDelimiter:
                guard pending.count >= 2 else { return }
                if pending[0] == UInt8(ascii: "-"), pending[1] == UInt8(ascii: "-") {
                    pending.removeFirst(2)
                    state = .done
                } else if pending[0] == UInt8(ascii: "\r"), pending[1] == UInt8(ascii: "\n") {
                    pending.removeFirst(2)
                    state = .headers
                } else {
                    throw StoreError.invalidInput("the multipart body has a malformed boundary line")
                }
            case .headers:
                guard let end = Self.find(Array("\r\n\r\n".utf8), in: pending) else {
                    if pending.count > Self.maximumHeaderBytes { throw StoreError.invalidInput("a multipart part has too long a header") }
                    return
                }
                let isFile = try startPart(headers: String(decoding: pending[..<end], as: UTF8.self))
                pending.removeFirst(end + 4)
                state = .body(isFile: isFile)
            case .body(let isFile):
                guard let index = Self.find(delimiter, in: pending) else {
                    let keep = delimiter.count - 1
                    if pending.count > keep {
                        try emit(pending[..<(pending.count - keep)], isFile: isFile, to: handle)
                        pending.removeFirst(pending.count - keep)
                    }
                    return
                }
                try emit(pending[..<index], isFile: isFile, to: handle)
                pending.removeFirst(index + delimiter.count)
                state = .afterDelimiter
            case .done:
                // The epilogue after the closing boundary is read and dropped, but counts as non-file
                // content: a client cannot stream without end behind a small file.
                try keepTail(0, countingAsOther: true)
                return
            }
        }
    }

    /// Reads a part's headers; `true` when it is the file field.
    private mutating func startPart(headers: String) throws -> Bool {
        var name: String?
        var partFilename: String?
        for line in headers.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":"),
                  line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
            else { continue }
            for parameter in line[line.index(after: colon)...].split(separator: ";") {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
                let value = Self.unquoted(pair[1].trimmingCharacters(in: .whitespaces))
                if key == "name" { name = value } else if key == "filename" { partFilename = value }
            }
        }
        guard name == fieldName else { return false }
        if sawFile { throw StoreError.invalidInput("the multipart body has more than one '\(fieldName)' field") }
        sawFile = true
        filename = partFilename.map { String($0.prefix(255)) }
        return true
    }

    private mutating func emit(_ bytes: ArraySlice<UInt8>, isFile: Bool, to handle: FileHandle) throws {
        guard !bytes.isEmpty else { return }
        guard isFile else {
            otherBytes += bytes.count
            if otherBytes > Self.maximumOtherBytes { throw HTTPFailure.payloadTooLarge(limit: limit) }
            return
        }
        size += Int64(bytes.count)
        if size > Int64(limit) { throw HTTPFailure.payloadTooLarge(limit: limit) }
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        try handle.write(contentsOf: Data(bytes))
    }

    /// Drops all but the last `count` bytes (they may start a delimiter).
    private mutating func keepTail(_ count: Int, countingAsOther: Bool) throws {
        guard pending.count > count else { return }
        if countingAsOther {
            otherBytes += pending.count - count
            if otherBytes > Self.maximumOtherBytes { throw HTTPFailure.payloadTooLarge(limit: limit) }
        }
        pending.removeFirst(pending.count - count)
    }

    // MARK: Helpers

    /// The `boundary` parameter of a `multipart/form-data` content type (RFC 2046: 1–70 characters).
    static func boundary(of contentType: String?) -> String? {
        guard let contentType else { return nil }
        let parts = contentType.split(separator: ";")
        guard let media = parts.first, media.trimmingCharacters(in: .whitespaces).lowercased() == "multipart/form-data" else {
            return nil
        }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            let value = unquoted(pair[1].trimmingCharacters(in: .whitespaces))
            guard (1...70).contains(value.utf8.count), !value.contains("\r"), !value.contains("\n") else { return nil }
            return value
        }
        return nil
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// The index where `needle` first occurs in `haystack`.
    ///
    /// Jumps between occurrences of the needle's first byte with `memchr`, so binary data (where that byte
    /// is rare) is scanned at memory speed.
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                guard let hayBase = hay.baseAddress, let patternBase = pattern.baseAddress else { return nil }
                var start = 0
                let lastStart = hay.count - pattern.count
                while start <= lastStart {
                    guard let found = memchr(hayBase + start, Int32(first), lastStart - start + 1) else { return nil }
                    let index = hayBase.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(hayBase + index, patternBase, pattern.count) == 0 { return index }
                    start = index + 1
                }
                return nil
            }
        }
    }
}

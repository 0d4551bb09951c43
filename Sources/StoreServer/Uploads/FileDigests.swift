import Crypto
import Foundation

/// The SHA-2 digests Charmhub lists for a resource revision, read from a file in one pass of 1 MiB
/// reads (the file is never held whole). SHA3-384 is computed while the upload is received.
struct FileDigests: Sendable, Hashable {
    var sha256: String
    var sha384: String
    var sha512: String

    /// The digests of the file at `url`; `nil` when it cannot be read.
    static func of(fileAt url: URL) -> FileDigests? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var sha256 = SHA256()
        var sha384 = SHA384()
        var sha512 = SHA512()
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { return nil }
            // `nil` or empty: the end of the file.
            guard let chunk, !chunk.isEmpty else { break }
            sha256.update(data: chunk)
            sha384.update(data: chunk)
            sha512.update(data: chunk)
        }
        return FileDigests(sha256: hex(sha256.finalize()), sha384: hex(sha384.finalize()), sha512: hex(sha512.finalize()))
    }

    /// Lower-case hex of a digest.
    static func hex(_ digest: some Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }

    /// The SHA-256 (hex) of `text`'s UTF-8.
    static func sha256(of text: String) -> String { hex(SHA256.hash(data: Data(text.utf8))) }
}

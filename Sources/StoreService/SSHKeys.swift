import Crypto
import Foundation
import StoreModels

/// A public key registered for SSH access to the console, as listed (the key itself is not repeated).
public struct SSHKeyInfo: Sendable, Hashable, Codable {
    /// `key-…`, the handle to remove it by.
    public var id: String
    /// The account the key logs in as.
    public var username: String
    /// The key's algorithm, such as `ssh-ed25519`.
    public var algorithm: String
    /// `SHA256:…`, as `ssh-keygen -l` prints it.
    public var fingerprint: String
    /// The comment from the key line (often `user@host`), at most 200 bytes.
    public var comment: String
    public var createdAt: Date

    public init(id: String, username: String, algorithm: String, fingerprint: String, comment: String, createdAt: Date) {
        self.id = id
        self.username = username
        self.algorithm = algorithm
        self.fingerprint = fingerprint
        self.comment = comment
        self.createdAt = createdAt
    }
}

/// One OpenSSH public key line (`ssh-ed25519 AAAA… comment`), checked.
public struct SSHPublicKey: Sendable, Hashable {
    /// The algorithms the SSH server can verify (swift-nio-ssh has no RSA).
    public static let algorithms = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"]

    public var algorithm: String
    /// The key blob, base64 as in the line.
    public var base64: String
    public var comment: String

    /// `SHA256:` and the unpadded base64 of the blob's SHA-256, as `ssh-keygen -l` prints it.
    public var fingerprint: String {
        let blob = Data(base64Encoded: base64) ?? Data()
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }

    /// The line as stored and as `authorized_keys` would hold it, without the comment.
    public var openSSH: String { "\(algorithm) \(base64)" }

    /// Parses a public key line.
    /// - Throws: `.invalidInput` saying what is wrong: not one line, an algorithm the server cannot
    ///   verify (RSA and DSA among them), a blob that is not base64 or does not name the same algorithm.
    public init(line text: String) throws(StoreError) {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if line.isEmpty { throw .invalidInput("the public key is empty; pass the contents of a .pub file") }
        if line.utf8.count > 16_384 || line.contains(where: \.isNewline) {
            throw .invalidInput("pass exactly one public key line (ssh-ed25519 AAAA… comment)")
        }
        if line.hasPrefix("-----BEGIN") { throw .invalidInput("that is a private key; pass the .pub file beside it") }
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let algorithm = fields[0]
        guard Self.algorithms.contains(algorithm) else {
            throw .invalidInput(
                "keys of type '\(VisibleText.replacingControls(String(algorithm.prefix(40))))' are not supported; use ed25519 "
                    + "(ssh-keygen -t ed25519) or ECDSA")
        }
        guard fields.count >= 2, let blob = Data(base64Encoded: fields[1]), blob.count >= 8 else {
            throw .invalidInput("the key after '\(algorithm)' is not base64; pass the whole line of the .pub file")
        }
        guard Self.name(inBlob: blob) == algorithm else {
            throw .invalidInput("the key's data is not an \(algorithm) key; the line looks damaged")
        }
        let comment = fields.dropFirst(2).joined(separator: " ")
        if comment.utf8.count > 200 { throw .invalidInput("a key comment has at most 200 bytes") }
        self.algorithm = algorithm
        self.base64 = fields[1]
        self.comment = VisibleText.replacingControls(comment)
    }

    /// The key line of an ed25519 public key's 32 raw bytes.
    public static func ed25519Line(rawKey: Data, comment: String = "") -> String {
        func field(_ bytes: [UInt8]) -> [UInt8] { withUnsafeBytes(of: UInt32(bytes.count).bigEndian, Array.init) + bytes }
        let blob = field(Array("ssh-ed25519".utf8)) + field(Array(rawKey))
        return (["ssh-ed25519", Data(blob).base64EncodedString()] + (comment.isEmpty ? [] : [comment])).joined(separator: " ")
    }

    /// The algorithm name a key blob starts with (a 4-byte big-endian length and the name).
    private static func name(inBlob blob: Data) -> String? {
        let bytes = [UInt8](blob)
        let length = bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard length > 0, length <= 64, bytes.count >= 4 + length else { return nil }
        return String(bytes: bytes[4..<(4 + length)], encoding: .ascii)
    }
}

/// A login or logout over SSH, for the audit log.
public enum SSHSessionEvent: String, Sendable, Hashable {
    case login = "ssh.login"
    case logout = "ssh.logout"
}

/// What the SSH server asks of a backend besides ``StoreBackend``: who a key belongs to, and
/// recording sessions. Both engines conform.
public protocol SSHKeyAuthenticating: Sendable {
    /// The identity of the account that registered the key with this fingerprint, with its current
    /// role and suspension.
    /// - Throws: `.unauthenticated("unknown key")` when no account has it.
    func identity(sshKeyFingerprint fingerprint: String) async throws(StoreError) -> Identity
    /// Appends the audit event of `identity` logging in or out over SSH; `detail` (the session's
    /// peer and key fingerprint, or why it ended) becomes the event's reason.
    func recordSSHSession(_ event: SSHSessionEvent, of identity: Identity, session: String, detail: String) async throws(StoreError)
}

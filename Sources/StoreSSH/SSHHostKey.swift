import Crypto
import Foundation
import NIOSSH
import StoreService

/// The server's ed25519 host key, kept in a file of its own (mode 0600) so its fingerprint stays the
/// same across restarts.
public struct SSHHostKey: Sendable {
    /// The first line of the key file.
    static let header = "store-tui ssh host key ed25519"

    let key: Curve25519.Signing.PrivateKey

    /// The key as swift-nio-ssh takes it.
    var nioKey: NIOSSHPrivateKey { NIOSSHPrivateKey(ed25519Key: key) }

    /// The public key line (`ssh-ed25519 AAAA…`).
    public var publicKeyLine: String { SSHPublicKey.ed25519Line(rawKey: key.publicKey.rawRepresentation) }

    /// `SHA256:…`, as `ssh-keygen -l` and the ssh client print it.
    public var fingerprint: String { (try? SSHPublicKey(line: publicKeyLine))?.fingerprint ?? "" }

    /// Reads the key at `path`, or makes one there (mode 0600, its directory 0700) when there is none.
    /// - Throws: ``SSHServerError/hostKey(_:)`` for a file others may read or that is not such a key.
    public static func loadOrCreate(at path: String) throws -> SSHHostKey {
        if FileManager.default.fileExists(atPath: path) { return try load(path) }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let key = Curve25519.Signing.PrivateKey()
        let text = "\(header)\n\(key.rawRepresentation.base64EncodedString())\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { return try load(path) }  // another instance made it first
            throw SSHServerError.hostKey("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else {
            throw SSHServerError.hostKey("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return SSHHostKey(key: key)
    }

    private static func load(_ path: String) throws -> SSHHostKey {
        var status = stat()
        guard stat(path, &status) == 0 else { throw SSHServerError.hostKey("cannot read \(path)") }
        if status.st_mode & 0o077 != 0 {
            throw SSHServerError.hostKey("\(path) may be read by others; run chmod 600 \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SSHServerError.hostKey("cannot read \(path)")
        }
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.count == 2, lines[0] == header, let raw = Data(base64Encoded: lines[1]),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { throw SSHServerError.hostKey("\(path) is not a store-tui host key; move it away to make a new one") }
        return SSHHostKey(key: key)
    }
}

/// Why the SSH server could not start.
public enum SSHServerError: Error, CustomStringConvertible {
    case hostKey(String)
    case console(String)

    public var description: String {
        switch self {
        case .hostKey(let reason): "SSH host key: \(reason)"
        case .console(let reason): "SSH console: \(reason)"
        }
    }
}

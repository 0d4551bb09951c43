import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A saved login: which store and the token for it.
public struct Credentials: Codable, Sendable, Hashable {
    /// The store's base URL.
    public var store: String
    /// The bearer token.
    public var token: String

    /// Creates credentials.
    public init(store: String, token: String) {
        self.store = store
        self.token = token
    }
}

/// Why credentials cannot be read or written, and what to do about it.
public struct CredentialsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    /// Creates an error with a message for people.
    public init(_ description: String) { self.description = description }
}

/// The credentials file: `$XDG_CONFIG_HOME/store-tui/credentials.json` (default `~/.config/…`).
///
/// The directory is created 0700 and the file 0600, written to a temporary file in the same directory
/// (created with `O_EXCL`, synced) and renamed over the old one, so a reader never sees half a file and
/// the token is never readable by others, not even for a moment. Loading refuses a file that group or
/// others can read, or that another user owns. `STORE_TUI_TOKEN` overrides the saved token and is never
/// written to disk.
public enum CredentialsFile {
    /// The environment variable whose token overrides the file.
    public static let tokenVariable = "STORE_TUI_TOKEN"

    /// The file's location for `environment`.
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base: URL
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            base = URL(fileURLWithPath: config, isDirectory: true)
        } else {
            let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            base = home.appendingPathComponent(".config", isDirectory: true)
        }
        return base.appendingPathComponent("store-tui", isDirectory: true).appendingPathComponent("credentials.json")
    }

    /// The saved credentials, or `nil` when there is no file.
    /// - Throws: ``CredentialsError`` when the file is readable by others, owned by someone else, or unreadable.
    public static func load(from url: URL = defaultURL()) throws(CredentialsError) -> Credentials? {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw CredentialsError("Cannot read \(url.path): \(String(cString: strerror(errno))).")
        }
        if info.st_uid != getuid() {
            throw CredentialsError("\(url.path) belongs to another user; remove it and run `store-tui login` again.")
        }
        if info.st_mode & 0o077 != 0 {
            let mode = String(info.st_mode & 0o777, radix: 8)
            throw CredentialsError(
                "\(url.path) can be read by other users (mode \(mode)); run `chmod 600 \(url.path)` or log in again, and consider revoking the token.")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CredentialsError("Cannot read \(url.path): \(error.localizedDescription).")
        }
        do { return try JSONDecoder().decode(Credentials.self, from: data) } catch {
            throw CredentialsError("\(url.path) is not a credentials file; run `store-tui login` again.")
        }
    }

    /// Saves `credentials` atomically with mode 0600 in a 0700 directory.
    /// - Throws: ``CredentialsError`` when the directory or file cannot be written.
    public static func save(_ credentials: Credentials, to url: URL = defaultURL()) throws(CredentialsError) {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CredentialsError("Cannot create \(directory.path): \(error.localizedDescription).")
        }
        _ = chmod(directory.path, 0o700)
        let data: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            data = try encoder.encode(credentials)
        } catch {
            throw CredentialsError("Cannot encode the credentials: \(error).")
        }
        let temporary = directory.appendingPathComponent(".credentials.\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CredentialsError("Cannot create \(temporary.path): \(String(cString: strerror(errno))).")
        }
        var failure: String?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if failure == nil, rename(temporary.path, url.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary.path)
            throw CredentialsError("Cannot write \(url.path): \(failure).")
        }
    }

    /// The credentials to use: `STORE_TUI_TOKEN` (with `store`, or the saved store) over the saved file.
    /// - Parameters:
    ///   - store: the store asked for on the command line, if any.
    ///   - environment: the process environment.
    ///   - url: the credentials file.
    /// - Returns: the token to use for `store` (or the saved store), or `nil` when there is none.
    public static func resolve(
        store: String?, environment: [String: String] = ProcessInfo.processInfo.environment, url: URL? = nil
    ) throws(CredentialsError) -> Credentials? {
        let environmentToken = environment[tokenVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let token = environmentToken, let store { return Credentials(store: store, token: token) }
        let saved = try load(from: url ?? defaultURL(environment: environment))
        if let token = environmentToken {
            guard let target = saved?.store else { return nil }
            return Credentials(store: target, token: token)
        }
        guard let saved else { return nil }
        if let store, normalized(store) != normalized(saved.store) { return nil }
        return saved
    }

    private static func normalized(_ store: String) -> String {
        var text = store.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        return text.lowercased()
    }
}

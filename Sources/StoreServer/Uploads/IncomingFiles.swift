import Foundation
import StoreService

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files uploads arrive in, named for the process receiving them, so a process that
/// starts can tell which were left behind by one that was killed mid-upload and remove them.
///
/// A name is `<prefix><host>-<pid>-<uuid>`. At start, a file of this host whose process no longer
/// runs is removed; a file of another host (a shared upload directory) only once it has not been
/// written for ``abandonedAfter`` seconds, since that host's processes cannot be asked.
struct IncomingFiles: Sendable {
    /// The directory the files live in.
    let directory: URL
    /// What every name starts with.
    let prefix: String

    /// Seconds after which another host's untouched incoming file counts as abandoned.
    static let abandonedAfter: TimeInterval = 3600

    /// This machine's name, as it goes into file names (only letters, digits, `.` and `_`).
    static let host: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        let name = gethostname(&buffer, buffer.count) == 0 ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "host"
        let safe = name.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "." ? Character($0) : "_" }
        return safe.isEmpty ? "host" : String(safe.prefix(64))
    }()

    /// A new, empty file (mode 0600) named for this process.
    /// - Throws: `.unavailable` when it cannot be created.
    func make() throws(StoreError) -> URL {
        let url = directory.appendingPathComponent("\(prefix)\(Self.host)-\(getpid())-\(UUID().uuidString.lowercased())")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw .unavailable("the directory for incoming uploads is not writable")
        }
        return url
    }

    /// Removes the incoming files processes that died left behind; returns how many.
    @discardableResult
    func removeAbandoned(now: Date = Date()) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(prefix) {
            let url = directory.appendingPathComponent(name)
            if isAbandoned(String(name.dropFirst(prefix.count)), at: url, now: now), unlink(url.path) == 0 { removed += 1 }
        }
        return removed
    }

    private func isAbandoned(_ rest: String, at url: URL, now: Date) -> Bool {
        // <host>-<pid>-<uuid>; the uuid has four dashes of its own.
        let parts = rest.split(separator: "-")
        if parts.count == 7, String(parts[0]) == Self.host, let pid = Int32(parts[1]) {
            return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let touched = attributes[.modificationDate] as? Date
        else { return false }
        return now.timeIntervalSince(touched) > Self.abandonedAfter
    }
}

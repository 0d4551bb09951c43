import Foundation
import NIOCore
import StoreService

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory charmcraft uploads live in when `--upload-dir` is given (otherwise they live in the
/// database, see ``DatabaseUploadStore``): `<id>.charm` (the file), `<id>.json` (its ``UploadRecord``),
/// `.incoming-<host>-<pid>-<uuid>` (files still arriving) and `<id>.claim` (a push in progress).
///
/// Every write is atomic (write a temporary file, then `rename`), so a reader on any instance sees either
/// the old or the new sidecar, never half of one. The directory is created with mode 0700.
struct UploadStore: Sendable {
    /// The directory.
    let directory: URL

    /// The file of an upload.
    func fileURL(_ id: String) -> URL { directory.appendingPathComponent("\(id).charm") }

    private func sidecarURL(_ id: String) -> URL { directory.appendingPathComponent("\(id).json") }
    private func claimURL(_ id: String) -> URL { directory.appendingPathComponent("\(id).claim") }

    /// Creates the directory (0700) when it does not exist yet.
    /// - Throws: `.unavailable` when it cannot be created or is not a directory.
    func prepare() throws(StoreError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw .unavailable("the upload directory is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unavailable("the upload directory cannot be created")
        }
    }

    /// Files still arriving, named for the receiving process (see ``IncomingFiles``).
    var incoming: IncomingFiles { IncomingFiles(directory: directory, prefix: ".incoming-") }

    /// A new, empty temporary file (mode 0600) for an incoming upload.
    func makeIncomingFile() throws(StoreError) -> URL {
        try prepare()
        return try incoming.make()
    }

    /// Moves a received file into place under `record.uploadID` and writes its sidecar.
    ///
    /// The file is renamed first, so a sidecar never names a missing file.
    func commit(incoming: URL, record: UploadRecord) throws(StoreError) {
        guard rename(incoming.path, fileURL(record.uploadID).path) == 0 else {
            throw .unavailable("the upload could not be stored (rename failed, errno \(errno))")
        }
        try save(record)
    }

    /// Writes a sidecar atomically (replacing any earlier one).
    func save(_ record: UploadRecord) throws(StoreError) {
        do {
            try record.encoded().write(to: sidecarURL(record.uploadID), options: [.atomic])
        } catch {
            throw .unavailable("the upload record could not be written")
        }
    }

    /// The sidecar of `id`; `nil` when there is none.
    /// - Throws: `.unavailable` when it exists but cannot be read.
    func record(_ id: String) throws(StoreError) -> UploadRecord? {
        let url = sidecarURL(id)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try UploadRecord.decoded(from: Data(contentsOf: url))
        } catch {
            throw .unavailable("the upload record \(id) cannot be read")
        }
    }

    /// Takes the exclusive right to push `id` (an `O_EXCL` claim file); `false` when someone holds it.
    ///
    /// A claim file not touched for ``ServerUpload/claimLease`` seconds was left by a push whose
    /// process died (a working push renews it): it is removed and the claim taken anew.
    func claim(_ id: String) throws(StoreError) -> Bool {
        try prepare()
        for _ in 0..<2 {
            let descriptor = open(claimURL(id).path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            if descriptor >= 0 {
                close(descriptor)
                return true
            }
            guard errno == EEXIST else { throw .unavailable("the upload directory is not writable (errno \(errno))") }
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: claimURL(id).path),
                  let touched = attributes[.modificationDate] as? Date,
                  Date().timeIntervalSince(touched) > ServerUpload.claimLease
            else { return false }
            _ = unlink(claimURL(id).path)
        }
        return false
    }

    /// Renews a claim: touches its file.
    func renewClaim(_ id: String) {
        _ = utimes(claimURL(id).path, nil)
    }

    /// Gives the claim back.
    func releaseClaim(_ id: String) {
        _ = unlink(claimURL(id).path)
    }

    /// Removes a temporary file (after a failed upload).
    func discard(_ url: URL) {
        _ = unlink(url.path)
    }
}

extension UploadStore: UploadStorage {
    func removeAbandonedIncomingFiles() -> Int {
        incoming.removeAbandoned()
    }

    func pendingUploads(of uploaderID: String) async throws(StoreError) -> PendingUploads {
        pending { $0 == uploaderID }
    }

    func pendingUploads(startingWith prefix: String) async throws(StoreError) -> PendingUploads {
        pending { $0.hasPrefix(prefix) }
    }

    /// The unexpired, unpushed uploads whose uploader id `matches`.
    private func pending(_ matches: (String) -> Bool) -> PendingUploads {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var pending = PendingUploads(count: 0, bytes: 0)
        let oldest = Date().addingTimeInterval(-ServerUpload.lifetime)
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            guard let record = try? record(String(name.dropLast(5))), record.package == nil, matches(record.uploaderID),
                  record.receivedAt > oldest
            else { continue }
            pending.count += 1
            pending.bytes += record.size
        }
        return pending
    }

    func commit(incoming: URL, upload: ServerUpload) async throws(StoreError) {
        do { try commit(incoming: incoming, record: UploadRecord(upload)) } catch {
            discard(incoming)
            throw error
        }
    }

    func upload(_ id: String) async throws(StoreError) -> ServerUpload? {
        try record(id)?.upload
    }

    func withFile<T: Sendable>(of id: String, _ body: @Sendable (URL) async throws -> T) async throws -> T {
        try await body(fileURL(id))
    }

    func read(_ id: String, from offset: Int64, maximum: Int, into buffer: inout ByteBuffer) async throws(StoreError) -> Bool {
        let descriptor = open(fileURL(id).path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        // Read straight into the buffer that is sent (one copy, the kernel's).
        buffer.clear(minimumCapacity: max(0, maximum))
        var position = off_t(max(0, offset))
        while buffer.readableBytes < maximum {
            let wanted = maximum - buffer.readableBytes
            let count = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { target in
                pread(descriptor, target.baseAddress, wanted, position)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unavailable("the kept file of an upload cannot be read (\(String(cString: strerror(errno))))")
            }
            guard count > 0 else { break }
            position += off_t(count)
        }
        return true
    }

    /// The file stays in the directory either way (this store never purges pushed files).
    func recordPushed(_ upload: ServerUpload, keepingBytes: Bool) async throws(StoreError) {
        try save(UploadRecord(upload))
    }
}

import Foundation
import NIOCore
import StoreService

/// Where charmcraft uploads are kept between `POST /unscanned-upload/` and the push that makes one a
/// revision: shared by every server instance, so the push and the review poll may reach any of them.
///
/// Two kinds: ``DatabaseUploadStore`` (the default: bytes and records in the database the instances
/// already share, see ``ServerStateStore``) and ``UploadStore`` (a directory the instances must share,
/// chosen with `--upload-dir`). A file arrives in a local temporary file first (``makeIncomingFile()``),
/// so the body is streamed and hashed without holding it in memory.
protocol UploadStorage: Sendable {
    /// A new, empty file (mode 0600) to receive an upload into.
    func makeIncomingFile() throws(StoreError) -> URL
    /// Keeps a received file under `upload.uploadID`; the incoming file is consumed either way.
    func commit(incoming: URL, upload: ServerUpload) async throws(StoreError)
    /// Removes an incoming file (after a failed upload).
    func discard(_ incoming: URL)
    /// The upload `id` names; `nil` when there is none.
    func upload(_ id: String) async throws(StoreError) -> ServerUpload?
    /// Takes the exclusive right to push `id`; `false` when another request holds it.
    func claim(_ id: String) async throws(StoreError) -> Bool
    /// Extends a claim this request holds (see ``ServerUpload/claimLease``).
    func renewClaim(_ id: String) async
    /// Gives a claim back.
    func releaseClaim(_ id: String) async
    /// Replaces `buffer`'s bytes with at most `maximum` bytes of upload `id` from `offset` (at most one
    /// stored chunk, so a download is streamed part by part); empty at the end. `false` when the bytes
    /// are not kept. The buffer's storage is reused when nothing else holds it any more: a download
    /// passes the buffer of its previous part, which the socket has usually sent by then, so a download
    /// allocates a part's memory about once instead of once a part.
    func read(_ id: String, from offset: Int64, maximum: Int, into buffer: inout ByteBuffer) async throws(StoreError) -> Bool
    /// Runs `body` with a local file holding upload `id`'s bytes.
    func withFile<T: Sendable>(of id: String, _ body: @Sendable (URL) async throws -> T) async throws -> T
    /// Records the package and revision `upload` became (and gives its claim back).
    /// (`keepingBytes`: the file stays, for good, as a snap's does.)
    func recordPushed(_ upload: ServerUpload, keepingBytes: Bool) async throws(StoreError)
    /// Removes incoming files a killed process left behind (run at start); returns how many.
    func removeAbandonedIncomingFiles() -> Int
    /// The uploads of account `uploaderID` not yet pushed to a package (the pending-upload quota).
    func pendingUploads(of uploaderID: String) async throws(StoreError) -> PendingUploads
    /// The uploads not yet pushed of every uploader id starting with `prefix`.
    func pendingUploads(startingWith prefix: String) async throws(StoreError) -> PendingUploads
}

extension StoreAPI {
    /// The upload storage of this server: `--upload-dir` when given, else the database when the backend
    /// keeps server state, else the default upload directory.
    var uploads: any UploadStorage { Self.uploadStorage(backend: backend, configuration: configuration) }

    /// The upload storage of a server over `backend` with `configuration`.
    static func uploadStorage(backend: any StoreBackend, configuration: ServerConfiguration) -> any UploadStorage {
        if let directory = configuration.uploadDirectory { return UploadStore(directory: directory) }
        if let shared = backend as? any ServerStateStore { return DatabaseUploadStore(state: shared) }
        return UploadStore(directory: ServerConfiguration.defaultUploadDirectory())
    }
}

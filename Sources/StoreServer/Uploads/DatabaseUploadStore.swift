import Foundation
import NIOCore
import StoreService
import Synchronization

/// charmcraft uploads kept in the database every server instance shares (``ServerStateStore``): the
/// file in chunks of ``ServerUpload/chunkSize``, beside a record of who uploaded it and what it became.
///
/// The file is received into a local temporary file, then copied into the database a chunk at a time;
/// a push reads it back into a temporary file for ``CharmFile`` and removes it afterwards. Memory use is
/// one chunk, whatever the file's size; the database holds at most `--max-upload-size` per upload until
/// it is pushed (its bytes are then dropped) or expires after ``ServerUpload/lifetime``.
struct DatabaseUploadStore: UploadStorage {
    /// The shared state.
    let state: any ServerStateStore

    /// Files arriving, and files read back for a push, in the temporary directory.
    var incoming: IncomingFiles { IncomingFiles(directory: FileManager.default.temporaryDirectory, prefix: "store-upload-") }

    func makeIncomingFile() throws(StoreError) -> URL {
        try incoming.make()
    }

    func removeAbandonedIncomingFiles() -> Int {
        incoming.removeAbandoned()
    }

    func pendingUploads(startingWith prefix: String) async throws(StoreError) -> PendingUploads {
        try await state.pendingUploads(uploaderIDsStartingWith: prefix)
    }

    func pendingUploads(of uploaderID: String) async throws(StoreError) -> PendingUploads {
        try await state.pendingUploads(uploaderID: uploaderID)
    }

    func commit(incoming: URL, upload: ServerUpload) async throws(StoreError) {
        defer { discard(incoming) }
        do throws(StoreError) {
            let unreadable = StoreError.unavailable("the received upload cannot be read")
            let handle: FileHandle
            do { handle = try FileHandle(forReadingFrom: incoming) } catch { throw unreadable }
            defer { try? handle.close() }
            var index = 0
            while true {
                let chunk: Data?
                do { chunk = try handle.read(upToCount: ServerUpload.chunkSize) } catch { throw unreadable }
                guard let chunk, !chunk.isEmpty else { break }
                try await state.storeUploadChunk(uploadID: upload.uploadID, index: index, bytes: chunk)
                index += 1
            }
            try await state.commitUpload(upload)
        } catch {
            try? await state.discardUpload(id: upload.uploadID)
            throw error
        }
    }

    func discard(_ incoming: URL) {
        try? FileManager.default.removeItem(at: incoming)
    }

    func upload(_ id: String) async throws(StoreError) -> ServerUpload? {
        try await state.upload(id: id)
    }

    func claim(_ id: String) async throws(StoreError) -> Bool {
        try await state.claimUpload(id: id)
    }

    func renewClaim(_ id: String) async {
        try? await state.renewUploadClaim(id: id)
    }

    func releaseClaim(_ id: String) async {
        try? await state.releaseUploadClaim(id: id)
    }

    func read(_ id: String, from offset: Int64, maximum: Int, into buffer: inout ByteBuffer) async throws(StoreError) -> Bool {
        let size = Int64(ServerUpload.chunkSize)
        let index = Int(offset / size)
        let start = Int(offset % size)
        // Only the part asked for, never past the chunk's end (a download reads less than a chunk at a time),
        // read by the engine straight into the buffer that is sent: one call, no `Data` between.
        buffer.clear(minimumCapacity: max(0, maximum))
        let sink = ByteBufferSink(taking: &buffer)
        defer { buffer = sink.take() }
        guard try await state.readUploadChunkPart(
            uploadID: id, index: index, from: start, maximum: min(maximum, Int(size) - start), into: sink) != nil
        else {
            // Past the last chunk: the end, when the upload has chunks at all.
            guard offset > 0 else { return false }
            return try await state.uploadChunkPart(uploadID: id, index: 0, from: 0, maximum: 0) != nil
        }
        return true
    }

    func withFile<T: Sendable>(of id: String, _ body: @Sendable (URL) async throws -> T) async throws -> T {
        let url = try makeIncomingFile()
        defer { discard(url) }
        let handle = try FileHandle(forWritingTo: url)
        do {
            var index = 0
            while let chunk = try await state.uploadChunk(uploadID: id, index: index) {
                try handle.write(contentsOf: chunk)
                index += 1
            }
            try handle.close()
        } catch {
            try? handle.close()
            throw error
        }
        return try await body(url)
    }

    func recordPushed(_ upload: ServerUpload, keepingBytes: Bool) async throws(StoreError) {
        guard let package = upload.package, let revision = upload.revision else { return }
        try await state.recordUploadPushed(id: upload.uploadID, package: package, revision: revision, keepingBytes: keepingBytes)
    }
}

/// A download's part buffer lent to the engine for one read (``ServerStateStore/readUploadChunkPart(uploadID:index:from:maximum:into:)``):
/// it holds the buffer's only reference meanwhile, so the engine's bytes land in its storage without a copy.
final class ByteBufferSink: UploadPartSink {
    private let buffer: Mutex<ByteBuffer>

    /// Takes `buffer`'s storage, leaving an empty buffer in its place until ``take()``.
    init(taking buffer: inout ByteBuffer) {
        var taken = ByteBuffer()
        swap(&taken, &buffer)
        self.buffer = Mutex(taken)
    }

    func append(maximum: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Int) {
        guard maximum > 0 else { return }
        buffer.withLock { buffer in
            _ = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: maximum) { target in
                min(fill(UnsafeMutableRawBufferPointer(rebasing: target.prefix(maximum))), maximum)
            }
        }
    }

    /// The buffer with what was appended, its storage handed back.
    func take() -> ByteBuffer {
        buffer.withLock { buffer in
            var taken = ByteBuffer()
            swap(&taken, &buffer)
            return taken
        }
    }
}

import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif
import StoreService

/// The server's shared state in the SQLite file (tables of migration `v2-server-state`), so several
/// `serve` processes over one file share it. Every call is one transaction; writes purge what expired.
extension SQLiteBackend: ServerStateStore {
    // MARK: Idempotency

    /// Starts the request `scope` names, or says why not; see ``ServerStateStore``.
    public func beginIdempotentRequest(
        scope: String, fingerprint: String, policy: IdempotencyPolicy
    ) async throws(StoreError) -> IdempotencyDecision {
        let now = clock().databaseValue
        return try await write { db in
            if let row = try Row.fetchOne(db, sql: """
                SELECT fingerprint, reply FROM idempotency_records WHERE scope = ? AND expires_at > ?
                """, arguments: [scope, now]) {
                guard try row.value("fingerprint") as String == fingerprint else { return .mismatch }
                let reply: Data? = try row.value("reply")
                return reply.map { .replay($0) } ?? .inProgress
            }
            try db.execute(sql: "DELETE FROM idempotency_records WHERE expires_at <= ?", arguments: [now])
            try db.execute(sql: """
                INSERT INTO idempotency_records (scope, fingerprint, reply, created_at, expires_at) VALUES (?, ?, NULL, ?, ?)
                """, arguments: [scope, fingerprint, now, now + policy.lease])
            return .proceed
        }
    }

    /// Keeps or forgets a finished request's reply; see ``ServerStateStore``.
    public func finishIdempotentRequest(scope: String, reply: Data?, policy: IdempotencyPolicy) async throws(StoreError) {
        let now = clock().databaseValue
        try await write { db in
            if let reply {
                try db.execute(sql: "UPDATE idempotency_records SET reply = ?, expires_at = ? WHERE scope = ?",
                               arguments: [reply, now + policy.lifetime, scope])
            } else {
                try db.execute(sql: "DELETE FROM idempotency_records WHERE scope = ?", arguments: [scope])
            }
        }
    }

    // MARK: Signing keys

    /// The key stored under `name`, storing `candidate` when there is none; see ``ServerStateStore``.
    public func signingKey(named name: String, candidate: Data) async throws(StoreError) -> Data {
        let now = clock().databaseValue
        return try await write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO signing_keys (name, key, created_at) VALUES (?, ?, ?)",
                           arguments: [name, candidate, now])
            guard let key = try Data.fetchOne(db, sql: "SELECT key FROM signing_keys WHERE name = ?", arguments: [name]) else {
                throw StoreError.unavailable("the signing key '\(name)' could not be stored")
            }
            return key
        }
    }

    // MARK: Failed authentications

    /// Seconds `client` must wait before authenticating again; see ``AuthFailurePolicy``.
    public func authFailureDelay(for client: String, policy: AuthFailurePolicy) async throws(StoreError) -> Int? {
        let now = clock()
        let fullAt = try await read { db in
            try Double.fetchOne(db, sql: "SELECT full_at FROM auth_failures WHERE client = ?", arguments: [client])
        }
        return policy.delay(fullAt: fullAt.map(Date.init(timeIntervalSince1970:)), now: now)
    }

    /// Spends one attempt of `client` and purges the buckets that are full again.
    public func recordAuthFailure(for client: String, policy: AuthFailurePolicy) async throws(StoreError) {
        let now = clock()
        try await write { db in
            let previous = try Double.fetchOne(db, sql: "SELECT full_at FROM auth_failures WHERE client = ?", arguments: [client])
            let fullAt = policy.fullAt(afterFailureAt: now, previous: previous.map(Date.init(timeIntervalSince1970:)))
            try db.execute(sql: "DELETE FROM auth_failures WHERE full_at <= ?", arguments: [now.databaseValue])
            try db.execute(sql: "INSERT OR REPLACE INTO auth_failures (client, full_at) VALUES (?, ?)",
                           arguments: [client, fullAt.databaseValue])
        }
    }

    // MARK: Uploads

    /// Stores one chunk of an upload still arriving.
    public func storeUploadChunk(uploadID: String, index: Int, bytes: Data) async throws(StoreError) {
        let now = clock().databaseValue
        try await write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO upload_chunks (upload_id, idx, bytes, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [uploadID, index, bytes, now])
        }
    }

    /// Records a received upload and purges expired uploads and orphaned chunks.
    public func commitUpload(_ upload: ServerUpload) async throws(StoreError) {
        let now = clock().databaseValue
        try await write { db in
            try Self.purgeUploads(db, now: now)
            try db.execute(sql: """
                INSERT INTO uploads (upload_id, uploader_id, uploader, filename, size, sha3_384, received_at, expires_at, package, revision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    upload.uploadID, upload.uploaderID, upload.uploader, upload.filename, upload.size, upload.sha3_384,
                    upload.receivedAt.databaseValue, now + ServerUpload.lifetime, upload.package, upload.revision,
                ])
        }
    }

    /// The upload `id` names, unless it expired.
    public func upload(id: String) async throws(StoreError) -> ServerUpload? {
        let now = clock().databaseValue
        return try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM uploads WHERE upload_id = ? AND expires_at > ?",
                                             arguments: [id, now])
            else { return nil }
            return ServerUpload(
                uploadID: try row.value("upload_id"), uploaderID: try row.value("uploader_id"), uploader: try row.value("uploader"),
                filename: try row.value("filename"), size: try row.value("size"), sha3_384: try row.value("sha3_384"),
                receivedAt: try row.date("received_at"), package: try row.value("package"), revision: try row.value("revision"))
        }
    }

    /// One chunk of an upload.
    public func uploadChunk(uploadID: String, index: Int) async throws(StoreError) -> Data? {
        try await read { db in
            try Data.fetchOne(db, sql: "SELECT bytes FROM upload_chunks WHERE upload_id = ? AND idx = ?", arguments: [uploadID, index])
        }
    }

    /// Part of one chunk of an upload, read from the stored blob in place (SQLite's incremental blob
    /// I/O) rather than the whole chunk copied out and sliced.
    public func uploadChunkPart(uploadID: String, index: Int, from offset: Int, maximum: Int) async throws(StoreError) -> Data? {
        try await read { db in
            try Self.withChunkBlob(db, uploadID: uploadID, index: index, from: offset, maximum: maximum) { blob, count in
                var bytes = Data(count: count)
                try bytes.withUnsafeMutableBytes { buffer in try Self.readBlob(blob, into: buffer, from: offset, index: index) }
                return bytes
            }.map { $0 ?? Data() }
        }
    }

    /// The same part, read from the blob straight into `sink` (one copy: SQLite's, from its pages).
    public func readUploadChunkPart(
        uploadID: String, index: Int, from offset: Int, maximum: Int, into sink: any UploadPartSink
    ) async throws(StoreError) -> Int? {
        try await read { db in
            try Self.withChunkBlob(db, uploadID: uploadID, index: index, from: offset, maximum: maximum) { blob, count in
                var failure: (any Error)?
                sink.append(maximum: count) { target in
                    do { try Self.readBlob(blob, into: UnsafeMutableRawBufferPointer(rebasing: target.prefix(count)), from: offset, index: index) } catch {
                        failure = error
                        return 0
                    }
                    return count
                }
                if let failure { throw failure }
                return count
            }.map { $0 ?? 0 }
        }
    }

    /// Opens chunk `index`'s blob and runs `body` with it and the count of bytes to read from `offset` (at
    /// most `maximum`, clipped at the chunk's end): `.some(nil)` when there is nothing from `offset` on,
    /// `nil` when there is no such chunk.
    private static func withChunkBlob<T>(
        _ db: Database, uploadID: String, index: Int, from offset: Int, maximum: Int,
        _ body: (OpaquePointer, Int) throws -> T
    ) throws -> T?? {
        guard let rowid = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT rowid FROM upload_chunks WHERE upload_id = ? AND idx = ?"), arguments: [uploadID, index])
        else { return nil }
        var handle: OpaquePointer?
        let opened = sqlite3_blob_open(db.sqliteConnection, "main", "upload_chunks", "bytes", rowid, 0, &handle)
        guard opened == SQLITE_OK, let blob = handle else {
            if let handle { sqlite3_blob_close(handle) }
            throw DatabaseError(resultCode: ResultCode(rawValue: opened), message: "cannot open chunk \(index) of an upload")
        }
        defer { sqlite3_blob_close(blob) }
        let size = Int(sqlite3_blob_bytes(blob))
        guard offset >= 0, offset < size, maximum > 0 else { return .some(nil) }
        return .some(try body(blob, min(maximum, size - offset)))
    }

    /// Reads `target.count` bytes of an open blob from `offset`.
    private static func readBlob(_ blob: OpaquePointer, into target: UnsafeMutableRawBufferPointer, from offset: Int, index: Int) throws {
        let code = sqlite3_blob_read(blob, target.baseAddress, Int32(target.count), Int32(offset))
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot read chunk \(index) of an upload")
        }
    }

    /// Takes the right to push an upload for ``ServerUpload/claimLease``.
    public func claimUpload(id: String) async throws(StoreError) -> Bool {
        let now = clock().databaseValue
        return try await write { db in
            try db.execute(sql: """
                UPDATE uploads SET claimed_until = ?
                WHERE upload_id = ? AND package IS NULL AND expires_at > ? AND (claimed_until IS NULL OR claimed_until <= ?)
                """, arguments: [now + ServerUpload.claimLease, id, now, now])
            return db.changesCount == 1
        }
    }

    /// Extends a held claim by ``ServerUpload/claimLease``.
    public func renewUploadClaim(id: String) async throws(StoreError) {
        let now = clock().databaseValue
        try await write { db in
            try db.execute(sql: """
                UPDATE uploads SET claimed_until = ?
                WHERE upload_id = ? AND package IS NULL AND claimed_until IS NOT NULL
                """, arguments: [now + ServerUpload.claimLease, id])
        }
    }

    /// Gives a claim back.
    public func releaseUploadClaim(id: String) async throws(StoreError) {
        try await write { db in
            try db.execute(sql: "UPDATE uploads SET claimed_until = NULL WHERE upload_id = ?", arguments: [id])
        }
    }

    /// Records the revision an upload became and drops its bytes.
    public func recordUploadPushed(id: String, package: String, revision: Int, keepingBytes: Bool) async throws(StoreError) {
        try await write { db in
            try db.execute(sql: "UPDATE uploads SET package = ?, revision = ?, claimed_until = NULL WHERE upload_id = ?",
                           arguments: [package, revision, id])
            if keepingBytes {
                try db.execute(sql: "UPDATE uploads SET expires_at = ? WHERE upload_id = ?",
                               arguments: [ServerUpload.keptUntil.timeIntervalSince1970, id])
            } else {
                try db.execute(sql: "DELETE FROM upload_chunks WHERE upload_id = ?", arguments: [id])
            }
        }
    }

    /// Removes an upload and its bytes.
    public func discardUpload(id: String) async throws(StoreError) {
        try await write { db in
            try db.execute(sql: "DELETE FROM upload_chunks WHERE upload_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM uploads WHERE upload_id = ?", arguments: [id])
        }
    }

    /// The account's uploads not yet pushed nor expired.
    public func pendingUploads(uploaderID: String) async throws(StoreError) -> PendingUploads {
        let now = clock().databaseValue
        return try await read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM uploads
                WHERE uploader_id = ? AND package IS NULL AND expires_at > ?
                """, arguments: [uploaderID, now])
            return PendingUploads(count: row?["n"] ?? 0, bytes: row?["bytes"] ?? 0)
        }
    }

    /// The uploads not yet pushed nor expired of every uploader id starting with `prefix`.
    public func pendingUploads(uploaderIDsStartingWith prefix: String) async throws(StoreError) -> PendingUploads {
        let now = clock().databaseValue
        return try await read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM uploads
                WHERE substr(uploader_id, 1, ?) = ? AND package IS NULL AND expires_at > ?
                """, arguments: [prefix.count, prefix, now])
            return PendingUploads(count: row?["n"] ?? 0, bytes: row?["bytes"] ?? 0)
        }
    }

    /// Deletes expired uploads with their chunks, and chunks no upload was committed for in time.
    private static func purgeUploads(_ db: Database, now: Double) throws {
        try db.execute(sql: """
            DELETE FROM upload_chunks WHERE upload_id IN (SELECT upload_id FROM uploads WHERE expires_at <= ?)
            """, arguments: [now])
        try db.execute(sql: "DELETE FROM uploads WHERE expires_at <= ?", arguments: [now])
        // Chunks of an upload still recorded (a kept snap's) are never orphans.
        try db.execute(sql: """
            DELETE FROM upload_chunks WHERE created_at <= ?
                AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.upload_id = upload_chunks.upload_id)
            """, arguments: [now - ServerUpload.lifetime])
    }
}

import Foundation
import PostgresNIO
import StoreService

/// The server's shared state in PostgreSQL (tables of migration `v2-server-state`), so any number of
/// `serve` instances over one database share it. Every call is one transaction; rows another instance
/// may write at the same time are locked or written with one upsert; writes purge what expired.
extension PostgresBackend: ServerStateStore {
    // MARK: Idempotency

    /// Starts the request `scope` names, or says why not; see ``ServerStateStore``.
    ///
    /// A new scope is inserted with `ON CONFLICT DO NOTHING` and the row is then read locked, so two
    /// instances starting the same scope at once see one `proceed` and one `inProgress`.
    public func beginIdempotentRequest(
        scope: String, fingerprint: String, policy: IdempotencyPolicy
    ) async throws(StoreError) -> IdempotencyDecision {
        let now = Timestamp(clock())
        let leaseEnd = Timestamp(clock().addingTimeInterval(policy.lease))
        return try await write { db in
            try await db.execute("DELETE FROM idempotency_records WHERE expires_at <= \(now)")
            let inserted = try await db.row("""
                INSERT INTO idempotency_records (scope, fingerprint, reply, created_at, expires_at)
                VALUES (\(scope), \(fingerprint), NULL, \(now), \(leaseEnd))
                ON CONFLICT (scope) DO NOTHING RETURNING scope
                """)
            if inserted != nil { return .proceed }
            guard let row = try await db.row("SELECT fingerprint, reply FROM idempotency_records WHERE scope = \(scope) FOR UPDATE")
            else { return .inProgress }
            guard try row.value("fingerprint", as: String.self) == fingerprint else { return .mismatch }
            return try row.value("reply", as: Data?.self).map { .replay($0) } ?? .inProgress
        }
    }

    /// Keeps or forgets a finished request's reply; see ``ServerStateStore``.
    public func finishIdempotentRequest(scope: String, reply: Data?, policy: IdempotencyPolicy) async throws(StoreError) {
        let expiry = Timestamp(clock().addingTimeInterval(policy.lifetime))
        try await write { db in
            if let reply {
                try await db.execute("UPDATE idempotency_records SET reply = \(reply), expires_at = \(expiry) WHERE scope = \(scope)")
            } else {
                try await db.execute("DELETE FROM idempotency_records WHERE scope = \(scope)")
            }
        }
    }

    // MARK: Signing keys

    /// The key stored under `name`, storing `candidate` when there is none; see ``ServerStateStore``.
    public func signingKey(named name: String, candidate: Data) async throws(StoreError) -> Data {
        let now = Timestamp(clock())
        return try await write { db in
            try await db.execute("""
                INSERT INTO signing_keys (name, key, created_at) VALUES (\(name), \(candidate), \(now))
                ON CONFLICT (name) DO NOTHING
                """)
            guard let key = try await db.scalar("SELECT key FROM signing_keys WHERE name = \(name)", as: Data.self) else {
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
            try await db.scalar("SELECT full_at FROM auth_failures WHERE client = \(client)", as: Timestamp.self)
        }
        return policy.delay(fullAt: fullAt?.date, now: now)
    }

    /// Spends one attempt of `client` in one upsert (concurrent failures on several instances all
    /// count), and purges the buckets that are full again.
    ///
    /// The update is ``AuthFailurePolicy/fullAt(afterFailureAt:previous:)`` written in SQL.
    public func recordAuthFailure(for client: String, policy: AuthFailurePolicy) async throws(StoreError) {
        let date = clock()
        let now = Timestamp(date)
        let first = Timestamp(policy.fullAt(afterFailureAt: date, previous: nil))
        let cap = Timestamp(date.addingTimeInterval(policy.interval * Double(policy.burst)))
        let interval = policy.interval
        try await write { db in
            try await db.execute("DELETE FROM auth_failures WHERE full_at <= \(now)")
            try await db.execute("""
                INSERT INTO auth_failures (client, full_at) VALUES (\(client), \(first))
                ON CONFLICT (client) DO UPDATE SET full_at = LEAST(
                    GREATEST(auth_failures.full_at, \(now)) + make_interval(secs => \(interval)), \(cap))
                """)
        }
    }

    // MARK: Uploads

    /// Stores one chunk of an upload still arriving.
    public func storeUploadChunk(uploadID: String, index: Int, bytes: Data) async throws(StoreError) {
        let now = Timestamp(clock())
        let index = Int32(clamping: index)
        try await write { db in
            try await db.execute("""
                INSERT INTO upload_chunks (upload_id, idx, bytes, created_at) VALUES (\(uploadID), \(index), \(bytes), \(now))
                ON CONFLICT (upload_id, idx) DO UPDATE SET bytes = EXCLUDED.bytes, created_at = EXCLUDED.created_at
                """)
        }
    }

    /// Records a received upload and purges expired uploads and orphaned chunks.
    public func commitUpload(_ upload: ServerUpload) async throws(StoreError) {
        let date = clock()
        let now = Timestamp(date)
        let expiry = Timestamp(date.addingTimeInterval(ServerUpload.lifetime))
        let orphaned = Timestamp(date.addingTimeInterval(-ServerUpload.lifetime))
        let revision = upload.revision.map { Int32(clamping: $0) }
        try await write { db in
            try await db.execute("""
                DELETE FROM upload_chunks WHERE upload_id IN (SELECT upload_id FROM uploads WHERE expires_at <= \(now))
                """)
            try await db.execute("DELETE FROM uploads WHERE expires_at <= \(now)")
            // Chunks of an upload still recorded (a kept snap's) are never orphans.
            try await db.execute("""
                DELETE FROM upload_chunks c WHERE c.created_at <= \(orphaned)
                    AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.upload_id = c.upload_id)
                """)
            try await db.execute("""
                INSERT INTO uploads (upload_id, uploader_id, uploader, filename, size, sha3_384, received_at, expires_at, package, revision)
                VALUES (\(upload.uploadID), \(upload.uploaderID), \(upload.uploader), \(upload.filename), \(upload.size),
                        \(upload.sha3_384), \(Timestamp(upload.receivedAt)), \(expiry), \(upload.package), \(revision))
                """)
        }
    }

    /// The upload `id` names, unless it expired.
    public func upload(id: String) async throws(StoreError) -> ServerUpload? {
        let now = Timestamp(clock())
        return try await read { db in
            guard let row = try await db.row("SELECT * FROM uploads WHERE upload_id = \(id) AND expires_at > \(now)") else { return nil }
            return ServerUpload(
                uploadID: try row.value("upload_id", as: String.self), uploaderID: try row.value("uploader_id", as: String.self),
                uploader: try row.value("uploader", as: String.self), filename: try row.value("filename", as: String?.self),
                size: try row.value("size", as: Int64.self), sha3_384: try row.value("sha3_384", as: String.self),
                receivedAt: try row.date("received_at"), package: try row.value("package", as: String?.self),
                revision: try row.optionalInt("revision"))
        }
    }

    /// The account's uploads not yet pushed nor expired.
    public func pendingUploads(uploaderID: String) async throws(StoreError) -> PendingUploads {
        let now = Timestamp(clock())
        return try await read { db in
            guard let row = try await db.row("""
                SELECT count(*)::bigint AS n, coalesce(sum(size), 0)::bigint AS bytes FROM uploads
                WHERE uploader_id = \(uploaderID) AND package IS NULL AND expires_at > \(now)
                """) else { return PendingUploads(count: 0, bytes: 0) }
            return PendingUploads(count: Int(try row.value("n", as: Int64.self)), bytes: try row.value("bytes", as: Int64.self))
        }
    }
    /// The uploads not yet pushed nor expired of every uploader id starting with `prefix`.
    public func pendingUploads(uploaderIDsStartingWith prefix: String) async throws(StoreError) -> PendingUploads {
        let now = Timestamp(clock())
        return try await read { db in
            guard let row = try await db.row("""
                SELECT count(*)::bigint AS n, coalesce(sum(size), 0)::bigint AS bytes FROM uploads
                WHERE starts_with(uploader_id, \(prefix)) AND package IS NULL AND expires_at > \(now)
                """) else { return PendingUploads(count: 0, bytes: 0) }
            return PendingUploads(count: Int(try row.value("n", as: Int64.self)), bytes: try row.value("bytes", as: Int64.self))
        }
    }


    /// One chunk of an upload.
    public func uploadChunk(uploadID: String, index: Int) async throws(StoreError) -> Data? {
        let index = Int32(clamping: index)
        return try await read { db in
            try await db.scalar("SELECT bytes FROM upload_chunks WHERE upload_id = \(uploadID) AND idx = \(index)", as: Data.self)
        }
    }

    /// Part of one chunk of an upload: the server sends only the bytes asked for (`substring`).
    public func uploadChunkPart(uploadID: String, index: Int, from offset: Int, maximum: Int) async throws(StoreError) -> Data? {
        try await chunkPart(uploadID: uploadID, index: index, from: offset, maximum: maximum).map { Data($0.readableBytesView) }
    }

    /// The same part, copied from the reply's buffer straight into `sink` (no `Data` between).
    public func readUploadChunkPart(
        uploadID: String, index: Int, from offset: Int, maximum: Int, into sink: any UploadPartSink
    ) async throws(StoreError) -> Int? {
        guard let part = try await chunkPart(uploadID: uploadID, index: index, from: offset, maximum: maximum) else { return nil }
        let count = min(part.readableBytes, max(0, maximum))
        sink.append(maximum: count) { target in
            part.withUnsafeReadableBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source.prefix(count))) }
            return count
        }
        return count
    }

    /// At most `maximum` bytes of chunk `index` from `offset`, as the reply's buffer holds them; `nil` without the chunk.
    private func chunkPart(uploadID: String, index: Int, from offset: Int, maximum: Int) async throws(StoreError) -> ByteBuffer? {
        let index = Int32(clamping: index)
        let start = Int32(clamping: max(0, offset) + 1)
        let count = Int32(clamping: max(0, maximum))
        return try await read { db in
            try await db.scalar(
                "SELECT substring(bytes FROM \(start) FOR \(count)) FROM upload_chunks WHERE upload_id = \(uploadID) AND idx = \(index)",
                as: ByteBuffer.self)
        }
    }

    /// Takes the right to push an upload for ``ServerUpload/claimLease``.
    public func claimUpload(id: String) async throws(StoreError) -> Bool {
        let date = clock()
        let now = Timestamp(date)
        let leaseEnd = Timestamp(date.addingTimeInterval(ServerUpload.claimLease))
        return try await write { db in
            try await db.row("""
                UPDATE uploads SET claimed_until = \(leaseEnd)
                WHERE upload_id = \(id) AND package IS NULL AND expires_at > \(now)
                    AND (claimed_until IS NULL OR claimed_until <= \(now))
                RETURNING upload_id
                """) != nil
        }
    }

    /// Extends a held claim by ``ServerUpload/claimLease``.
    public func renewUploadClaim(id: String) async throws(StoreError) {
        let leaseEnd = Timestamp(clock().addingTimeInterval(ServerUpload.claimLease))
        try await write { db in
            try await db.execute("""
                UPDATE uploads SET claimed_until = \(leaseEnd)
                WHERE upload_id = \(id) AND package IS NULL AND claimed_until IS NOT NULL
                """)
        }
    }

    /// Gives a claim back.
    public func releaseUploadClaim(id: String) async throws(StoreError) {
        try await write { db in
            try await db.execute("UPDATE uploads SET claimed_until = NULL WHERE upload_id = \(id)")
        }
    }

    /// Records the revision an upload became and drops its bytes.
    public func recordUploadPushed(id: String, package: String, revision: Int, keepingBytes: Bool) async throws(StoreError) {
        let revision = Int32(clamping: revision)
        let kept = Timestamp(ServerUpload.keptUntil)
        try await write { db in
            try await db.execute("""
                UPDATE uploads SET package = \(package), revision = \(revision), claimed_until = NULL WHERE upload_id = \(id)
                """)
            if keepingBytes {
                try await db.execute("UPDATE uploads SET expires_at = \(kept) WHERE upload_id = \(id)")
            } else {
                try await db.execute("DELETE FROM upload_chunks WHERE upload_id = \(id)")
            }
        }
    }

    /// Removes an upload and its bytes.
    public func discardUpload(id: String) async throws(StoreError) {
        try await write { db in
            try await db.execute("DELETE FROM upload_chunks WHERE upload_id = \(id)")
            try await db.execute("DELETE FROM uploads WHERE upload_id = \(id)")
        }
    }
}

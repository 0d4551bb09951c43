import Foundation

/// What the store server shares between its instances through the database, so that any number of
/// `store-tui serve` processes over one database behave as one server.
///
/// Three kinds of state live here, each purged once it has expired (engines purge as they write):
/// - **Idempotency records**, one per `scope` (a hash of the caller's credentials and the
///   `Idempotency-Key`): in progress (no reply yet) for at most ``IdempotencyPolicy/lease``, so a
///   record whose instance died never blocks a retry for long; finished (a reply) for
///   ``IdempotencyPolicy/lifetime``.
/// - **Failed authentications** per client address, as a token bucket stored as one timestamp (the
///   generic cell rate algorithm): ``AuthFailurePolicy`` says how many failures in a row are allowed
///   and how fast they are earned back. One row per address, however many failures it makes.
/// - **charmcraft uploads**: the file's bytes in chunks of at most ``ServerUpload/chunkSize`` (so no
///   instance holds a whole file in memory, and no database value comes near SQLite's or
///   PostgreSQL's 1 GB limit), and a ``ServerUpload`` record naming who uploaded it and, once pushed,
///   the revision it became. The server caps a file's size (`--max-upload-size`, 200 MiB by default),
///   so an upload takes at most that much database space until it is pushed (its chunks are then
///   dropped) or expires after ``ServerUpload/lifetime``.
///
/// Times come from the engine's clock. Instances' clocks are assumed to agree (NTP), as they must
/// for token expiry anyway.
public protocol ServerStateStore: Sendable {
    // MARK: Idempotency

    /// Starts the request `scope` names, or says why not: the kept reply, still in progress, or a
    /// different request (another `fingerprint`) under the same key. Starting records it in progress.
    func beginIdempotentRequest(
        scope: String, fingerprint: String, policy: IdempotencyPolicy
    ) async throws(StoreError) -> IdempotencyDecision

    /// Keeps the reply of a finished request for ``IdempotencyPolicy/lifetime``, or forgets the request
    /// when `reply` is `nil`, so that a retry runs it again.
    func finishIdempotentRequest(scope: String, reply: Data?, policy: IdempotencyPolicy) async throws(StoreError)

    // MARK: Failed authentications

    /// Seconds `client` must wait before it may try to authenticate again; `nil` when it may now.
    func authFailureDelay(for client: String, policy: AuthFailurePolicy) async throws(StoreError) -> Int?

    /// Spends one authentication attempt of `client`.
    func recordAuthFailure(for client: String, policy: AuthFailurePolicy) async throws(StoreError)

    // MARK: Signing keys

    /// The secret key stored under `name`; when there is none yet, `candidate` is stored and returned.
    /// Every instance over one database gets the same key (the first one stored wins a race).
    func signingKey(named name: String, candidate: Data) async throws(StoreError) -> Data

    // MARK: Uploads

    /// Stores chunk `index` (from 0) of an upload still arriving; chunks of an upload never committed
    /// are purged after ``ServerUpload/lifetime``.
    func storeUploadChunk(uploadID: String, index: Int, bytes: Data) async throws(StoreError)

    /// Records a fully received upload, whose chunks are stored; it can be read from any instance.
    func commitUpload(_ upload: ServerUpload) async throws(StoreError)

    /// The upload `id` names; `nil` when there is none (or it expired).
    func upload(id: String) async throws(StoreError) -> ServerUpload?

    /// Chunk `index` of upload `id`; `nil` past the last one (or once the upload was pushed without
    /// keeping its bytes).
    func uploadChunk(uploadID: String, index: Int) async throws(StoreError) -> Data?

    /// At most `maximum` bytes of chunk `index` of upload `id`, from byte `offset` within the chunk: what a
    /// download sends next, read without the rest of the chunk. Empty from the chunk's end on; `nil` where
    /// ``uploadChunk(uploadID:index:)`` is `nil`.
    func uploadChunkPart(uploadID: String, index: Int, from offset: Int, maximum: Int) async throws(StoreError) -> Data?

    /// The same part as ``uploadChunkPart(uploadID:index:from:maximum:)``, written into `sink` (once, at most
    /// `maximum` bytes) instead of returned: an engine that can read its storage in place writes straight
    /// into the buffer a download sends, with no `Data` between. The bytes written; `nil` where
    /// ``uploadChunk(uploadID:index:)`` is `nil`. The default reads the `Data` and copies it.
    func readUploadChunkPart(
        uploadID: String, index: Int, from offset: Int, maximum: Int, into sink: any UploadPartSink
    ) async throws(StoreError) -> Int?

    /// Takes the exclusive right to push upload `id` for ``ServerUpload/claimLease``; `false` when
    /// another request holds it or the upload was already pushed.
    func claimUpload(id: String) async throws(StoreError) -> Bool

    /// Extends a held claim by another ``ServerUpload/claimLease`` (the push holding it is still
    /// working); nothing happens when the upload is unclaimed or already pushed.
    func renewUploadClaim(id: String) async throws(StoreError)

    /// Gives a claim back without pushing.
    func releaseUploadClaim(id: String) async throws(StoreError)

    /// Records that upload `id` became `revision` of `package` and drops its claim; its bytes are
    /// dropped too unless `keepingBytes` (a snap's file, which devices will download), in which case
    /// the upload no longer expires.
    func recordUploadPushed(id: String, package: String, revision: Int, keepingBytes: Bool) async throws(StoreError)

    /// Removes an upload and its bytes (a failed or refused upload).
    func discardUpload(id: String) async throws(StoreError)

    /// The uploads of account `uploaderID` not yet pushed to a package (nor expired): the quota
    /// `--max-pending-uploads` and `--max-pending-upload-bytes` bound.
    func pendingUploads(uploaderID: String) async throws(StoreError) -> PendingUploads

    /// The uploads not yet pushed nor expired of every uploader id starting with `prefix` (all
    /// anonymous uploads, whichever client sent them).
    func pendingUploads(uploaderIDsStartingWith prefix: String) async throws(StoreError) -> PendingUploads
}

/// How many uploads an account keeps waiting to be pushed, and their bytes.
public struct PendingUploads: Sendable, Hashable {
    public var count: Int
    public var bytes: Int64

    /// Creates a tally.
    public init(count: Int, bytes: Int64) {
        self.count = count
        self.bytes = bytes
    }
}

/// What to do with a request carrying an `Idempotency-Key`.
public enum IdempotencyDecision: Sendable, Equatable {
    /// Run it: it is now recorded in progress.
    case proceed
    /// Send this kept reply again.
    case replay(Data)
    /// The first request with this key is still running.
    case inProgress
    /// The key was used for a different request.
    case mismatch
}

/// How long idempotency records are kept.
public struct IdempotencyPolicy: Sendable, Hashable {
    /// Seconds a finished request's reply is kept for replay.
    public var lifetime: TimeInterval
    /// Seconds a request may stay in progress before a retry may run it again (its instance may have died).
    public var lease: TimeInterval

    /// The default lease: 60 seconds.
    public static let defaultLease: TimeInterval = 60

    /// Creates a policy.
    /// - Parameters:
    ///   - lifetime: seconds a reply is kept.
    ///   - lease: seconds a request may stay in progress.
    public init(lifetime: TimeInterval, lease: TimeInterval = IdempotencyPolicy.defaultLease) {
        self.lifetime = max(lifetime, 0)
        self.lease = max(lease, 0)
    }
}

/// How failed authentications are throttled: a token bucket of ``burst`` attempts per client,
/// earned back at ``refillPerMinute``.
///
/// The bucket is stored as one time, `fullAt`: when the client will have all its attempts back. A
/// failure moves it one ``interval`` later (never more than ``burst`` intervals from now); the client
/// is throttled while fewer than one attempt is left. Pure arithmetic, shared by every engine.
public struct AuthFailurePolicy: Sendable, Hashable {
    /// Failed attempts allowed in a row.
    public var burst: Int
    /// Attempts earned back per minute.
    public var refillPerMinute: Double

    /// Creates a policy.
    /// - Parameters:
    ///   - burst: failed attempts allowed in a row (at least 1).
    ///   - refillPerMinute: attempts earned back per minute.
    public init(burst: Int, refillPerMinute: Double) {
        self.burst = max(burst, 1)
        self.refillPerMinute = max(refillPerMinute, 0.001)
    }

    /// Seconds to earn back one attempt.
    public var interval: TimeInterval { 60 / refillPerMinute }

    /// When the bucket is full again after one more failure at `now`, given when it was full before.
    public func fullAt(afterFailureAt now: Date, previous: Date?) -> Date {
        let start = max(previous ?? now, now)
        return min(start.addingTimeInterval(interval), now.addingTimeInterval(interval * Double(burst)))
    }

    /// Seconds to wait at `now` before trying again, given when the bucket is full; `nil` when an attempt is left.
    public func delay(fullAt: Date?, now: Date) -> Int? {
        guard let fullAt else { return nil }
        let wait = fullAt.timeIntervalSince(now) - interval * Double(burst - 1)
        guard wait > 1e-6 else { return nil }
        return Int(wait.rounded(.up))
    }
}

/// A charmcraft upload as the server shares it between instances.
public struct ServerUpload: Sendable, Hashable, Codable {
    /// The id charmcraft got back (a lower-case UUID).
    public var uploadID: String
    /// The account that uploaded the file; only it may turn the file into a revision.
    public var uploaderID: String
    /// That account's username.
    public var uploader: String
    /// The file name the client sent, if any (informational).
    public var filename: String?
    /// The file's size in bytes.
    public var size: Int64
    /// SHA3-384 of the file, 96 lower-case hex digits.
    public var sha3_384: String
    /// When the file arrived.
    public var receivedAt: Date
    /// The package the file was pushed to, once it was.
    public var package: String?
    /// The revision the file became, once it did.
    public var revision: Int?

    /// The largest chunk stored: 1 MiB.
    public static let chunkSize = 1 << 20
    /// How long an upload (and, once pushed, the record the review poll reads) is kept: 24 hours.
    public static let lifetime: TimeInterval = 24 * 3600
    /// How long a claim lasts unless the push holding it renews it: 5 seconds. A push renews its
    /// claim every ``claimRenewal`` while it works, so a claim outlives its push only when the
    /// process died (then another request may push the upload after at most this long). Short
    /// enough that a retried push waiting out a dead one's claim (at most a lease and a half)
    /// answers inside a client's usual 10-second timeout.
    public static let claimLease: TimeInterval = 5
    /// The expiry of an upload kept for good (a snap's file): the end of year 9999.
    public static let keptUntil = Date(timeIntervalSince1970: 253_402_300_799)
    /// How often a working push renews its claim: every second.
    public static let claimRenewal: TimeInterval = 1

    /// Creates a record.
    public init(
        uploadID: String, uploaderID: String, uploader: String, filename: String?, size: Int64, sha3_384: String,
        receivedAt: Date, package: String? = nil, revision: Int? = nil
    ) {
        self.uploadID = uploadID
        self.uploaderID = uploaderID
        self.uploader = uploader
        self.filename = filename
        self.size = size
        self.sha3_384 = sha3_384
        self.receivedAt = receivedAt
        self.package = package
        self.revision = revision
    }
}

/// Memory an engine writes part of an upload chunk into (``ServerStateStore/readUploadChunkPart(uploadID:index:from:maximum:into:)``),
/// on whatever thread it reads on; the caller owns the memory and reads it once the call returns.
public protocol UploadPartSink: AnyObject, Sendable {
    /// Lets `fill` write up to `maximum` bytes at the sink's end; `fill` returns how many it wrote.
    func append(maximum: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Int)
}

extension ServerStateStore {
    public func readUploadChunkPart(
        uploadID: String, index: Int, from offset: Int, maximum: Int, into sink: any UploadPartSink
    ) async throws(StoreError) -> Int? {
        guard let bytes = try await uploadChunkPart(uploadID: uploadID, index: index, from: offset, maximum: maximum) else { return nil }
        sink.append(maximum: bytes.count) { target in bytes.copyBytes(to: target) }
        return bytes.count
    }
}

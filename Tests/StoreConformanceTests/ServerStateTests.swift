import Foundation
import GRDB
@_spi(Testing) import StorePostgres
import StoreService
import StoreSQLite
import Synchronization
import Testing

/// The server's shared state (``ServerStateStore``) on every engine that keeps it, seen from two
/// backends over one database, as two `serve` instances see it.
@Suite("Server state shared between instances")
struct ServerStateTests {
    /// The engines that keep server state (an engine over HTTP does not).
    static let engines: [StoreEngine] = StoreEngine.allCases.filter {
        switch $0 {
        case .sqlite, .postgres: true
        default: false
        }
    }

    private static let policy = IdempotencyPolicy(lifetime: 3600, lease: 60)
    private static let throttle = AuthFailurePolicy(burst: 3, refillPerMinute: 1)

    // MARK: Idempotency

    @Test(arguments: engines)
    func aRequestStartedOnOneInstanceIsInProgressThenReplayedOnTheOther(engine: StoreEngine) async throws {
        try await withTwoInstances(engine) { first, second, _ in
            #expect(try await first.beginIdempotentRequest(scope: "s", fingerprint: "f", policy: Self.policy) == .proceed)
            #expect(try await second.beginIdempotentRequest(scope: "s", fingerprint: "f", policy: Self.policy) == .inProgress)
            #expect(try await second.beginIdempotentRequest(scope: "s", fingerprint: "other", policy: Self.policy) == .mismatch)
            try await first.finishIdempotentRequest(scope: "s", reply: Data("reply".utf8), policy: Self.policy)
            #expect(try await second.beginIdempotentRequest(scope: "s", fingerprint: "f", policy: Self.policy) == .replay(Data("reply".utf8)))
            #expect(try await second.beginIdempotentRequest(scope: "s", fingerprint: "other", policy: Self.policy) == .mismatch)
        }
    }

    @Test(arguments: engines)
    func aForgottenRequestRunsAgain(engine: StoreEngine) async throws {
        try await withTwoInstances(engine) { first, second, _ in
            _ = try await first.beginIdempotentRequest(scope: "s", fingerprint: "f", policy: Self.policy)
            try await first.finishIdempotentRequest(scope: "s", reply: nil, policy: Self.policy)
            #expect(try await second.beginIdempotentRequest(scope: "s", fingerprint: "f", policy: Self.policy) == .proceed)
        }
    }

    @Test(arguments: engines)
    func aRequestWhoseInstanceDiedStopsBlockingAfterTheLease(engine: StoreEngine) async throws {
        try await withTwoInstances(engine) { first, second, clock in
            _ = try await first.beginIdempotentRequest(scope: "s", fingerprint: "f", policy: Self.policy)
            clock.advance(by: 59)
            #expect(try await second.beginIdempotentRequest(scope: "s", fingerprint: "f", policy: Self.policy) == .inProgress)
            clock.advance(by: 1)
            #expect(try await second.beginIdempotentRequest(scope: "s", fingerprint: "f", policy: Self.policy) == .proceed)
        }
    }

    @Test(arguments: engines)
    func repliesExpireAfterTheirLifetimeAndArePurged(engine: StoreEngine) async throws {
        try await withTwoInstances(engine) { first, second, clock in
            for scope in ["a", "b"] {
                _ = try await first.beginIdempotentRequest(scope: scope, fingerprint: "f", policy: Self.policy)
                try await first.finishIdempotentRequest(scope: scope, reply: Data("kept".utf8), policy: Self.policy)
            }
            clock.advance(by: 3599)
            #expect(try await second.beginIdempotentRequest(scope: "a", fingerprint: "f", policy: Self.policy) == .replay(Data("kept".utf8)))
            clock.advance(by: 1)
            #expect(try await second.beginIdempotentRequest(scope: "a", fingerprint: "new", policy: Self.policy) == .proceed)
            #expect(try await rowCount("idempotency_records", engine: engine, backend: second) == 1)  // "b" purged, "a" anew
        }
    }

    @Test(arguments: engines)
    func concurrentRetriesOnTwoInstancesLetExactlyOneRun(engine: StoreEngine) async throws {
        try await withTwoInstances(engine) { first, second, _ in
            let decisions = try await withThrowingTaskGroup(of: IdempotencyDecision.self) { group in
                for index in 0..<8 {
                    let instance = index.isMultiple(of: 2) ? first : second
                    group.addTask { try await instance.beginIdempotentRequest(scope: "s", fingerprint: "f", policy: Self.policy) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(decisions.filter { $0 == .proceed }.count == 1)
            #expect(decisions.filter { $0 == .inProgress }.count == 7)
        }
    }

    // MARK: Failed authentications

    @Test(arguments: engines)
    func failuresCountedOnOneInstanceThrottleTheOther(engine: StoreEngine) async throws {
        try await withTwoInstances(engine) { first, second, clock in
            for _ in 0..<3 {
                #expect(try await second.authFailureDelay(for: "10.0.0.1", policy: Self.throttle) == nil)
                try await first.recordAuthFailure(for: "10.0.0.1", policy: Self.throttle)
            }
            #expect(try await second.authFailureDelay(for: "10.0.0.1", policy: Self.throttle) == 60)
            #expect(try await second.authFailureDelay(for: "10.0.0.2", policy: Self.throttle) == nil)
            clock.advance(by: 59)
            #expect(try await first.authFailureDelay(for: "10.0.0.1", policy: Self.throttle) == 1)
            clock.advance(by: 1)
            #expect(try await first.authFailureDelay(for: "10.0.0.1", policy: Self.throttle) == nil)
        }
    }

    @Test(arguments: engines)
    func concurrentFailuresOnTwoInstancesAllCount(engine: StoreEngine) async throws {
        let policy = AuthFailurePolicy(burst: 10, refillPerMinute: 10)
        try await withTwoInstances(engine) { first, second, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<10 {
                    let instance = index.isMultiple(of: 2) ? first : second
                    group.addTask { try await instance.recordAuthFailure(for: "10.0.0.9", policy: policy) }
                }
                try await group.waitForAll()
            }
            // Ten failures at one instant leave the bucket empty: one attempt is 6 s away.
            #expect(try await first.authFailureDelay(for: "10.0.0.9", policy: policy) == 6)
        }
    }

    @Test(arguments: engines)
    func clientsWhoseAttemptsAreBackArePurged(engine: StoreEngine) async throws {
        try await withTwoInstances(engine) { first, _, clock in
            try await first.recordAuthFailure(for: "10.0.0.1", policy: Self.throttle)
            clock.advance(by: 60)
            try await first.recordAuthFailure(for: "10.0.0.2", policy: Self.throttle)
            #expect(try await rowCount("auth_failures", engine: engine, backend: first) == 1)
        }
    }

    // MARK: Uploads

    @Test(arguments: engines)
    func anUploadStoredOnOneInstanceIsReadAndPushedOnTheOther(engine: StoreEngine) async throws {
        try await withTwoInstances(engine) { first, second, clock in
            let chunks = [Data(repeating: 0x0d, count: ServerUpload.chunkSize), Data([0, 1, 2, 0x0a, 0xff])]
            let upload = Self.upload("0b6a3c1e-5d2f-4a7b-9c8d-1e2f3a4b5c6d", at: clock.now)
            for (index, chunk) in chunks.enumerated() {
                try await first.storeUploadChunk(uploadID: upload.uploadID, index: index, bytes: chunk)
            }
            try await first.commitUpload(upload)

            #expect(try await second.upload(id: upload.uploadID) == upload)
            #expect(try await second.uploadChunk(uploadID: upload.uploadID, index: 0) == chunks[0])
            #expect(try await second.uploadChunk(uploadID: upload.uploadID, index: 1) == chunks[1])
            #expect(try await second.uploadChunk(uploadID: upload.uploadID, index: 2) == nil)

            #expect(try await second.claimUpload(id: upload.uploadID))
            #expect(try await !first.claimUpload(id: upload.uploadID))
            try await second.recordUploadPushed(id: upload.uploadID, package: "alice-charm", revision: 4, keepingBytes: false)
            let pushed = try #require(try await first.upload(id: upload.uploadID))
            #expect(pushed.package == "alice-charm" && pushed.revision == 4)
            #expect(try await first.uploadChunk(uploadID: upload.uploadID, index: 0) == nil)
            #expect(try await !first.claimUpload(id: upload.uploadID))
        }
    }

    /// What a download reads next: part of a chunk, from any instance, clipped at the chunk's end.
    @Test(arguments: engines)
    func aPartOfAChunkIsReadWithoutTheRestAndClippedAtItsEnd(engine: StoreEngine) async throws {
        try await withTwoInstances(engine) { first, second, clock in
            let whole = Data((0..<ServerUpload.chunkSize).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) })
            let chunks = [whole, Data([0, 1, 2, 0x0a, 0xff])]
            let upload = Self.upload("6c1d9e7f-2a3b-4c5d-8e9f-0a1b2c3d4e5f", at: clock.now)
            for (index, chunk) in chunks.enumerated() {
                try await first.storeUploadChunk(uploadID: upload.uploadID, index: index, bytes: chunk)
            }
            try await first.commitUpload(upload)
            let middle = 300_000..<(300_000 + 262_144)
            #expect(try await second.uploadChunkPart(uploadID: upload.uploadID, index: 0, from: middle.lowerBound, maximum: middle.count)
                        == whole.subdata(in: middle), "\(engine)")
            #expect(try await second.uploadChunkPart(uploadID: upload.uploadID, index: 0, from: ServerUpload.chunkSize - 10, maximum: 4096)
                        == whole.suffix(10), "clipped at the chunk's end")
            #expect(try await second.uploadChunkPart(uploadID: upload.uploadID, index: 0, from: ServerUpload.chunkSize, maximum: 4096)
                        == Data(), "empty from the end on")
            #expect(try await second.uploadChunkPart(uploadID: upload.uploadID, index: 1, from: 1, maximum: 3) == Data([1, 2, 0x0a]))
            #expect(try await second.uploadChunkPart(uploadID: upload.uploadID, index: 2, from: 0, maximum: 10) == nil)
            #expect(try await second.uploadChunkPart(uploadID: "missing", index: 0, from: 0, maximum: 10) == nil)
            // The same parts read into a sink (SQLite straight from the blob; PostgreSQL through the `Data`).
            let asks: [(index: Int, from: Int, maximum: Int)] = [
                (0, middle.lowerBound, middle.count), (0, ServerUpload.chunkSize - 10, 4096), (0, ServerUpload.chunkSize, 4096),
                (1, 1, 3), (2, 0, 10), (0, 0, 1), (1, 0, 100),
            ]
            for ask in asks {
                let sink = BytesSink()
                let count = try await second.readUploadChunkPart(
                    uploadID: upload.uploadID, index: ask.index, from: ask.from, maximum: ask.maximum, into: sink)
                let expected = try await second.uploadChunkPart(uploadID: upload.uploadID, index: ask.index, from: ask.from, maximum: ask.maximum)
                #expect(count == expected?.count && sink.bytes == Array(expected ?? Data()), "\(engine) \(ask)")
            }
            #expect(try await second.readUploadChunkPart(uploadID: "missing", index: 0, from: 0, maximum: 10, into: BytesSink()) == nil)
        }
    }

    /// A snap's file is kept once pushed (devices download it): its bytes outlive the upload lifetime
    /// and the purges later uploads run.
    @Test(arguments: engines)
    func aKeptUploadsBytesOutliveItsLifetimeAndEveryPurge(engine: StoreEngine) async throws {
        try await withTwoInstances(engine) { first, second, clock in
            let chunks = [Data(repeating: 0x5a, count: ServerUpload.chunkSize), Data("tail".utf8)]
            let kept = Self.upload("4fae7a5c-9b6d-4e1f-9a2b-5c6d7e8f9001", at: clock.now)
            for (index, chunk) in chunks.enumerated() {
                try await first.storeUploadChunk(uploadID: kept.uploadID, index: index, bytes: chunk)
            }
            try await first.commitUpload(kept)
            try await second.recordUploadPushed(id: kept.uploadID, package: "hello", revision: 9, keepingBytes: true)
            clock.advance(by: ServerUpload.lifetime * 3)
            let later = Self.upload("5abf8b6d-0c7e-4f2a-8b3c-6d7e8f900112", at: clock.now)
            try await second.commitUpload(later)  // purges what expired
            let stored = try #require(try await first.upload(id: kept.uploadID))
            #expect(stored.package == "hello" && stored.revision == 9, "\(engine)")
            #expect(try await first.uploadChunk(uploadID: kept.uploadID, index: 0) == chunks[0])
            #expect(try await first.uploadChunk(uploadID: kept.uploadID, index: 1) == chunks[1])
            #expect(try await first.pendingUploads(uploaderID: kept.uploaderID).count == 1)  // only `later`
        }
    }

    @Test(arguments: engines)
    func pendingUploadsAreSummedOverEveryUploaderOfAPrefix(engine: StoreEngine) async throws {
        try await withTwoInstances(engine) { first, second, clock in
            for (index, uploader) in ["anonymous:10.0.0.1", "anonymous:10.0.0.2", "acct-anonymous"].enumerated() {
                var upload = Self.upload("6bc09c7e-1d8f-4a3b-9c4d-7e8f9001122\(index)", at: clock.now)
                upload.uploaderID = uploader
                try await first.commitUpload(upload)
            }
            let anonymous = try await second.pendingUploads(uploaderIDsStartingWith: "anonymous:")
            #expect(anonymous.count == 2, "\(engine)")
            #expect(anonymous.bytes == 2 * Self.upload("x", at: clock.now).size)
            #expect(try await second.pendingUploads(uploaderIDsStartingWith: "anonymous:10.0.0.2").count == 1)
        }
    }

    @Test(arguments: engines)
    func aClaimWhoseInstanceDiedLapsesAfterItsLease(engine: StoreEngine) async throws {
        try await withTwoInstances(engine) { first, second, clock in
            let upload = Self.upload("1c7b4d2f-6e3a-4b8c-8d9e-2f3a4b5c6d7e", at: clock.now)
            try await first.commitUpload(upload)
            #expect(try await first.claimUpload(id: upload.uploadID))
            clock.advance(by: ServerUpload.claimLease - 1)
            #expect(try await !second.claimUpload(id: upload.uploadID))
            clock.advance(by: 1)
            #expect(try await second.claimUpload(id: upload.uploadID))
            try await second.releaseUploadClaim(id: upload.uploadID)
            #expect(try await first.claimUpload(id: upload.uploadID))
        }
    }

    @Test(arguments: engines)
    func expiredAndDiscardedUploadsAreGoneWithTheirBytes(engine: StoreEngine) async throws {
        try await withTwoInstances(engine) { first, second, clock in
            let old = Self.upload("2d8c5e3a-7f4b-4c9d-9e0f-3a4b5c6d7e8f", at: clock.now)
            try await first.storeUploadChunk(uploadID: old.uploadID, index: 0, bytes: Data("old".utf8))
            try await first.commitUpload(old)
            try await first.storeUploadChunk(uploadID: "orphan", index: 0, bytes: Data("never committed".utf8))
            clock.advance(by: ServerUpload.lifetime)
            #expect(try await second.upload(id: old.uploadID) == nil)

            let fresh = Self.upload("3e9d6f4b-8a5c-4d0e-8f1a-4b5c6d7e8f90", at: clock.now)
            try await second.storeUploadChunk(uploadID: fresh.uploadID, index: 0, bytes: Data("fresh".utf8))
            try await second.commitUpload(fresh)  // purges what expired
            #expect(try await first.uploadChunk(uploadID: old.uploadID, index: 0) == nil)
            #expect(try await first.uploadChunk(uploadID: "orphan", index: 0) == nil)

            try await first.discardUpload(id: fresh.uploadID)
            #expect(try await second.upload(id: fresh.uploadID) == nil)
            #expect(try await second.uploadChunk(uploadID: fresh.uploadID, index: 0) == nil)
            #expect(try await rowCount("uploads", engine: engine, backend: second) == 0)
            #expect(try await rowCount("upload_chunks", engine: engine, backend: second) == 0)
        }
    }

    // MARK: Helpers

    private static func upload(_ id: String, at date: Date) -> ServerUpload {
        ServerUpload(
            uploadID: id, uploaderID: "acc-alice", uploader: "alice", filename: "alice-charm_ubuntu-22.04-amd64.charm", size: 42,
            sha3_384: String(repeating: "a", count: 96), receivedAt: Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded()))
    }
}

/// Opens a fresh store on `engine` and a second backend over the same database (another `serve`
/// instance), both on `clock`, and runs `body` with both as ``ServerStateStore``s.
private func withTwoInstances(
    _ engine: StoreEngine, clock: TestClock = TestClock(),
    _ body: (any ServerStateStore, any ServerStateStore, TestClock) async throws -> Void
) async throws {
    try await withOpenedStore(engine, clock: clock) { opened in
        let first = try #require(opened.backend as? any ServerStateStore)
        try await withSecondInstance(engine, databasePath: opened.databasePath, postgresURL: opened.postgresURL, clock: clock) { second in
            try await body(first, try #require(second as? any ServerStateStore), clock)
        }
    }
}

/// The rows of `table`, read past the engine.
private func rowCount(_ table: String, engine: StoreEngine, backend: any ServerStateStore) async throws -> Int {
    if let postgres = backend as? PostgresBackend {
        let rows = try await postgres.rawQuery("SELECT count(*) AS n FROM \(table)")
        return Int((rows.first?["n"] ?? nil) ?? "") ?? -1
    }
    let sqlite = try #require(backend as? SQLiteBackend)
    return try await DatabaseQueue(path: sqlite.location).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
}

/// Collects what an engine writes into it.
private final class BytesSink: UploadPartSink {
    private let state = Mutex<[UInt8]>([])

    var bytes: [UInt8] { state.withLock { $0 } }

    func append(maximum: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Int) {
        var scratch = [UInt8](repeating: 0xAA, count: maximum)
        let count = scratch.withUnsafeMutableBytes(fill)
        state.withLock { $0 += scratch.prefix(count) }
    }
}

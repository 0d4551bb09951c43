import Foundation
import StoreModels
import StoreService
import Testing

/// Two `serve` instances over one database behave as one server: idempotency records, the
/// auth-failure limiter and charmcraft uploads live in the database, not in either instance.
@Suite("Several instances over one database")
struct MultiInstanceTests {
    private static let register = Data(#"{"name": "fresh-name", "type": "snap"}"#.utf8)

    @Test(arguments: SharedDatabase.available)
    func aRetryReachingTheOtherInstanceIsReplayedAndAppliedOnce(database: SharedDatabase) async throws {
        try await TwoInstances.with(database) { servers in
            let key = [("Idempotency-Key", "0e1f2a3b-retry")]
            let first = try await servers.request(
                .POST, "/api/v1/packages", on: servers.first, as: "alice", headers: key, body: Self.register)
            #expect(first.status == 201, "\(first.text)")
            let retry = try await servers.request(
                .POST, "/api/v1/packages", on: servers.second, as: "alice", headers: key, body: Self.register)
            #expect(retry.status == 201)
            #expect(retry.body == first.body)
            #expect(retry.header("Idempotent-Replayed") == "true")
            let other = Data(#"{"name": "other-name", "type": "snap"}"#.utf8)
            let reused = try await servers.request(.POST, "/api/v1/packages", on: servers.second, as: "alice", headers: key, body: other)
            #expect(reused.status == 422)
            let admin = servers.backend.service(for: try await servers.backend.identity(username: "admin"))
            #expect(try await admin.auditLog(AuditQuery(package: "fresh-name")).items.count == 1)
        }
    }

    @Test(arguments: SharedDatabase.available)
    func aRequestInProgressOnAnInstanceThatDiedBlocksItsKeyOnlyForTheLease(database: SharedDatabase) async throws {
        try await TwoInstances.with(database) { servers in
            // The first instance recorded the request in progress (as IdempotencyStore scopes and
            // fingerprints it) and died before answering.
            let token = try #require(servers.tokens["alice"])
            let scope = Secrets.hash(ofToken: "Bearer \(token)\n1a2b-abandoned")
            let fingerprint = Secrets.hash(ofToken: "POST /api/v1/packages\n\(Self.register.base64EncodedString())")
            let started = try await servers.backend.beginIdempotentRequest(
                scope: scope, fingerprint: fingerprint, policy: IdempotencyPolicy(lifetime: 3600))
            #expect(started == .proceed)
            let key = [("Idempotency-Key", "1a2b-abandoned")]
            let blocked = try await servers.request(
                .POST, "/api/v1/packages", on: servers.second, as: "alice", headers: key, body: Self.register)
            #expect(blocked.status == 409)
            #expect(try blocked.firstError().code == "idempotency-key-in-use")
            servers.clock.advance(by: IdempotencyPolicy.defaultLease)
            let retried = try await servers.request(
                .POST, "/api/v1/packages", on: servers.second, as: "alice", headers: key, body: Self.register)
            #expect(retried.status == 201, "\(retried.text)")
        }
    }

    @Test(arguments: SharedDatabase.available)
    func failedAuthenticationsOnOneInstanceThrottleTheOther(database: SharedDatabase) async throws {
        var configuration = TestServer.configuration()
        configuration.authFailureBurst = 3
        configuration.authFailureRefillPerMinute = 1
        try await TwoInstances.with(database, configuration: configuration) { servers in
            for _ in 0..<3 {
                let failed = try await servers.request(.GET, "/api/v1/whoami", on: servers.first, authorization: "Bearer stui_wrong")
                #expect(failed.status == 401)
            }
            let throttled = try await servers.request(.GET, "/api/v1/whoami", on: servers.second, authorization: "Bearer stui_wrong")
            #expect(throttled.status == 429)
            #expect(throttled.header("Retry-After") == "60")
            servers.clock.advance(by: 60)
            let again = try await servers.request(.GET, "/api/v1/whoami", on: servers.second, as: "alice")
            #expect(again.status == 200)
        }
    }

    @Test(arguments: SharedDatabase.available)
    func anUploadReceivedByOneInstanceBecomesARevisionThroughTheOther(database: SharedDatabase) async throws {
        try await TwoInstances.with(database) { servers in
            let registered = try await servers.request(
                .POST, "/v1/charm", on: servers.first, as: "alice", body: Data(#"{"name": "alice-charm", "type": "charm"}"#.utf8))
            #expect(registered.status == 200, "\(registered.text)")
            // Larger than one stored chunk, with bytes that look like multipart delimiters.
            let file = try CharmArchive.make(name: "alice-charm", version: "2.0", padding: ServerUpload.chunkSize + 4096,
                                             extra: ["src/crlf.txt": String(repeating: "\r\n--boundary", count: 500)])
            let uploaded = try await servers.request(
                .POST, "/unscanned-upload/", on: servers.first, as: "alice", body: Self.multipart(file),
                contentType: "multipart/form-data; boundary=\(Self.boundary)")
            #expect(uploaded.status == 200, "\(uploaded.text)")
            let id = try WireCoding.decode(UnscannedUploadResponse.self, from: uploaded.body).uploadID

            let pushed = try await servers.request(
                .POST, "/v1/charm/alice-charm/revisions", on: servers.second, as: "alice", body: Data(#"{"upload-id": "\#(id)"}"#.utf8))
            #expect(pushed.status == 200, "\(pushed.text)")
            let statusURL = try WireCoding.decode(CharmPushRevisionResponse.self, from: pushed.body).statusURL
            let poll = try await servers.request(.GET, statusURL, on: servers.first, as: "alice")
            let review = try #require(try WireCoding.decode(CharmUploadReviewResponse.self, from: poll.body).revisions.first)
            #expect(review.status == "approved" && review.revision == 1)

            let revision = try #require(try await servers.backend.service(for: try await servers.backend.identity(username: "alice"))
                .revisions(of: PackageName(trusted: "alice-charm"), query: RevisionQuery()).items.first)
            #expect(revision.version == "2.0")
            #expect(revision.size == Int64(file.count))
            // Another instance pushing it again makes no second revision.
            let again = try await servers.request(
                .POST, "/v1/charm/alice-charm/revisions", on: servers.first, as: "alice", body: Data(#"{"upload-id": "\#(id)"}"#.utf8))
            #expect(again.body == pushed.body)
            // The bytes are kept once pushed (Juju downloads charms), and either instance serves them.
            #expect(try await servers.backend.uploadChunk(uploadID: id, index: 0) != nil)
            let charmID = try await servers.backend.service(for: try await servers.backend.identity(username: "alice"))
                .package(named: PackageName(trusted: "alice-charm")).package.id
            _ = try await servers.request(
                .POST, "/v1/charm/alice-charm/releases", on: servers.first, as: "alice",
                body: Data(#"[{"revision": 1, "channel": "stable", "resources": []}]"#.utf8))
            let downloaded = try await servers.request(.GET, "/api/v1/charms/download/\(charmID)_1.charm", on: servers.first, contentType: nil)
            #expect(downloaded.status == 200 && downloaded.body == file, "\(downloaded.status)")
        }
    }

    private static let boundary = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"

    /// `file` as charmcraft's multipart body: one field `binary`.
    private static func multipart(_ file: Data) -> Data {
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"alice-charm.charm\"\r\n".utf8)
        body += Data("Content-Type: application/octet-stream\r\n\r\n".utf8)
        body += file
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        return body
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import StoreAPI
import StoreModels
import StoreService
import Testing
import ZIPFoundation
@testable import StoreServer
@testable import StoreSQLite
import GRDB

/// The attacks of the adversarial review (issue #11) and the leaks of issue #19, against a live server.
@Suite("Hardening")
struct HardeningTests {
    // MARK: Token secrets and idempotency

    private static let issue = #"{"username": "alice", "role": "viewer", "description": "ci"}"#

    @Test func aRetriedTokenRequestDoesNotGetTheSecretAgain() async throws {
        try await TestServer.with { server async throws in
            let key = [("Idempotency-Key", "token-key-1")]
            let first = try await server.request(.POST, "/api/v1/tokens", as: "admin", headers: key, body: Self.issue)
            #expect(first.status == 201, "\(first.text)")
            let issued = try first.decode(APIIssuedToken.self)
            #expect(first.header("Cache-Control") == "private, no-store")
            let second = try await server.request(.POST, "/api/v1/tokens", as: "admin", headers: key, body: Self.issue)
            #expect(second.status == 409, "\(second.text)")
            #expect(try second.firstError().code == "token-secret-not-replayed")
            #expect(second.text.contains(issued.token.id))
            #expect(!second.text.contains(issued.secret))
            // Nothing kept in the database holds the secret.
            let kept = try await server.backend.read { db in
                try String.fetchAll(db, sql: "SELECT CAST(reply AS TEXT) FROM idempotency_records WHERE reply IS NOT NULL")
            }
            #expect(!kept.isEmpty)
            #expect(kept.allSatisfy { !$0.contains(issued.secret) && !$0.contains(Data(issued.secret.utf8).base64EncodedString()) })
        }
    }

    @Test func aRevokedTokenGetsNoReplay() async throws {
        try await TestServer.with { server async throws in
            let admin = try await server.direct(as: "admin")
            let caller = try await admin.issueToken(username: "admin", role: .admin, expiresAt: nil, description: "to revoke")
            let key = [("Idempotency-Key", "token-key-2")]
            let first = try await server.request(
                .POST, "/api/v1/tokens", authorization: "Bearer \(caller.secret)", headers: key, body: Self.issue)
            #expect(first.status == 201)
            try await admin.revokeToken(id: caller.info.id)
            let replay = try await server.request(
                .POST, "/api/v1/tokens", authorization: "Bearer \(caller.secret)", headers: key, body: Self.issue)
            #expect(replay.status == 401, "\(replay.text)")
            #expect(replay.header("Idempotent-Replayed") == nil)
        }
    }

    // MARK: The failure limiter

    @Test func aValidTokenGetsThroughWhileItsAddressIsThrottled() async throws {
        try await TestServer.with { server async throws in
            var statuses: [Int] = []
            for _ in 0..<12 {
                statuses.append(try await server.request(.GET, "/api/v1/whoami", authorization: "Bearer stui_wrong").status)
            }
            #expect(statuses.suffix(2) == [429, 429], "\(statuses)")
            let valid = try await server.request(.GET, "/api/v1/whoami", as: "alice")
            #expect(valid.status == 200, "\(valid.text)")
            #expect(try await server.request(.GET, "/api/v1/whoami", authorization: "Bearer stui_wrong").status == 429)
        }
    }

    @Test func forwardedForIsBelievedOnlyFromATrustedProxy() async throws {
        var configuration = TestServer.configuration()
        configuration.trustedProxies = [try #require(AddressRange(cidr: "127.0.0.0/8"))]
        try await TestServer.with(configuration) { server async throws in
            for _ in 0..<11 {
                _ = try await server.request(
                    .GET, "/api/v1/whoami", authorization: "Bearer stui_wrong", headers: [("X-Forwarded-For", "203.0.113.5")])
            }
            let throttled = try await server.request(
                .GET, "/api/v1/whoami", authorization: "Bearer stui_wrong", headers: [("X-Forwarded-For", "203.0.113.5")])
            #expect(throttled.status == 429)
            let other = try await server.request(
                .GET, "/api/v1/whoami", authorization: "Bearer stui_wrong", headers: [("X-Forwarded-For", "203.0.113.6")])
            #expect(other.status == 401)
        }
        try await TestServer.with { server async throws in
            for index in 0..<11 {
                _ = try await server.request(
                    .GET, "/api/v1/whoami", authorization: "Bearer stui_wrong", headers: [("X-Forwarded-For", "203.0.113.\(index)")])
            }
            let spoofed = try await server.request(
                .GET, "/api/v1/whoami", authorization: "Bearer stui_wrong", headers: [("X-Forwarded-For", "198.51.100.1")])
            #expect(spoofed.status == 429, "X-Forwarded-For from an untrusted peer must be ignored")
        }
    }

    // MARK: Headers

    @Test func everyReplyIsNosniffAndAuthenticatedOnesArePrivate() async throws {
        try await TestServer.with { server async throws in
            for target in ["/health", "/openapi.yaml", "/v2/snaps/info/hello", "/no/such/path"] {
                let anonymous = try await server.request(.GET, target)
                #expect(anonymous.header("X-Content-Type-Options") == "nosniff", "\(target)")
                #expect(anonymous.header("Cache-Control") != "private, no-store", "\(target)")
            }
            for target in ["/api/v1/whoami", "/v2/snaps/info/hello", "/api/v1/packages/nope"] {
                let authenticated = try await server.request(.GET, target, as: "alice")
                #expect(authenticated.header("Cache-Control") == "private, no-store", "\(target)")
                #expect(authenticated.header("X-Content-Type-Options") == "nosniff")
            }
        }
    }

    @Test func whoamiOfASuspendedAccountPromisesNoChanges() async throws {
        try await TestServer.with { server async throws in
            let before = try JSONShape.object(try await Charmcraft(server: server, user: "eve").request(.GET, "/v1/tokens/whoami"))
            #expect((before["permissions"] as? [String])?.contains("package-manage") == true)
            _ = try await server.direct(as: "admin").suspend("eve", reason: "spam")
            let response = try await Charmcraft(server: server, user: "eve").request(.GET, "/v1/tokens/whoami")
            let permissions = (try JSONShape.object(response)["permissions"] as? [String]) ?? []
            #expect(response.status == 200, "\(response.text)")
            #expect(!permissions.isEmpty)
            #expect(permissions.allSatisfy { !$0.contains("manage") && !$0.contains("register") }, "\(permissions)")
        }
    }

    @Test func aDeeplyNestedJSONBodyIsRefusedBeforeDecoding() async throws {
        try await TestServer.with { server async throws in
            let body = #"{"name": "x", "type": "snap", "extra": "# + String(repeating: "[", count: 100_000)
            let response = try await server.request(.POST, "/api/v1/packages", as: "alice", body: body)
            #expect(response.status == 400)
            #expect(try response.firstError().message.contains("the body nests deeper than 64 levels"))
        }
    }

    // MARK: 5xx replies

    @Test func aServerFailureSaysNothingInternal() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/api/v1/packages?q=bug", headers: [("X-Request-Id", "req-abc")])
            #expect(response.status == 500)
            #expect(!response.text.contains("a bug"), "\(response.text)")
            #expect(response.text.contains("req-abc"))
            let unavailable = try await server.request(.GET, "/api/v1/packages?q=unavailable", headers: [("X-Request-Id", "req-def")])
            #expect(unavailable.status == 503)
            #expect(unavailable.header("Retry-After") == "1")
            #expect(!unavailable.text.contains("locked"), "\(unavailable.text)")
            #expect(unavailable.text.contains("req-def"))
            #expect(try unavailable.firstError().code == "store-unavailable")
        }
    }

    @Test(arguments: ["/v2/snaps/find?q=a%00b", "/v2/charms/find?q=hello%00world", "/api/v1/packages?q=x%00y%1b",
                      "/v2/snaps/find?q=%00"])
    func controlCharactersInSearchTextAreDropped(_ target: String) async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, target)
            #expect(response.status == 200, "\(response.text)")
        }
    }

    @Test(arguments: ["/api/v1/packages?category=a%00b", "/api/v1/packages?publisher=al%1bice", "/api/v1/audit?actor=x%00"])
    func controlCharactersInFiltersAreRefused(_ target: String) async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, target, as: "admin")
            #expect(response.status == 400, "\(response.text)")
            #expect(try response.firstError().message.contains("control character"))
        }
    }

    // MARK: Uploads

    @Test func bytesAfterTheClosingBoundaryCountTowardTheCap() async throws {
        try await Charmcraft.withServer { server, _ in
            let boundary = "b0undary"
            var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"a.charm\"\r\n\r\n".utf8)
            body += Data("tiny".utf8) + Data("\r\n--\(boundary)--\r\n".utf8)
            body += Data(repeating: 0x41, count: 3 << 20)
            let response = try await Self.chunked(server, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(response.status == 413, "\(response.text)")
        }
    }

    @Test func aPublisherMayKeepOnlySoManyUploadsUnpushed() async throws {
        var configuration = TestServer.configuration()
        configuration.uploadDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("quota-\(UUID().uuidString)")
        configuration.maxPendingUploads = 2
        configuration.maxPendingUploadBytes = 10_000
        defer { try? FileManager.default.removeItem(at: configuration.uploadDirectory!) }
        try await TestServer.with(configuration) { server async throws in
            let alice = Charmcraft(server: server, user: "alice")
            #expect(try await alice.uploadFile(Data(repeating: 1, count: 100)).status == 200)
            let big = try await alice.uploadFile(Data(repeating: 1, count: 20_000))
            #expect(big.status == 403, "\(big.text)")
            #expect(try JSONShape.firstError(big).code == "upload-quota-exceeded")
            #expect(try await alice.uploadFile(Data(repeating: 1, count: 100)).status == 200)
            let third = try await alice.uploadFile(Data(repeating: 1, count: 100))
            #expect(third.status == 403)
            #expect(try JSONShape.firstError(third).message.contains("at most 2"))
            // Another publisher has a quota of their own.
            #expect(try await Charmcraft(server: server, user: "bob").uploadFile(Data(repeating: 1, count: 100)).status == 200)
        }
    }

    @Test func anIdempotencyKeyDoesNotCapAnUploadAtTheJSONLimit() async throws {
        try await Charmcraft.withServer { server, _ in
            let boundary = "b0undary"
            var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"a.charm\"\r\n\r\n".utf8)
            body += Data(repeating: 0x42, count: 2 << 20) + Data("\r\n--\(boundary)--\r\n".utf8)
            let response = try await rawRequest(
                .POST, url: server.baseURL + "/unscanned-upload/", authorization: "Macaroon \(try #require(server.tokens["alice"]))",
                headers: [("Idempotency-Key", "upload-1")], body: ByteBuffer(bytes: body),
                contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(response.status == 200, "\(response.text)")
        }
    }

    @Test func uploadFileNamesKeepNoControlCharacters() async throws {
        try await Charmcraft.withServer { server, uploads in
            let uploaded = try await Charmcraft(server: server, user: "alice").uploadFile(Data("x".utf8), filename: "evil\u{1B}[31m\u{07}.charm")
            #expect(uploaded.status == 200)
            let sidecars = try FileManager.default.contentsOfDirectory(atPath: uploads.path).filter { $0.hasSuffix(".json") }
            let text = try String(contentsOf: uploads.appendingPathComponent(try #require(sidecars.first)), encoding: .utf8)
            #expect(text.contains("evil\u{241B}[31m\u{2407}.charm"), "\(text)")
            #expect(!text.contains("\\u001b") && !text.contains("\u{1B}"))
        }
    }

    @Test func hostileArchivesAreRejectedWithAReason() async throws {
        let uploads = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: uploads) }
        var configuration = TestServer.configuration()
        configuration.uploadDirectory = uploads
        configuration.maxArchiveEntries = 50
        try await TestServer.with(configuration) { server async throws in
            let alice = Charmcraft(server: server, user: "alice")
            #expect(try await alice.request(.POST, "/v1/charm", json: #"{"name": "alice-charm", "type": "charm"}"#).status == 200)
            let valid = try CharmArchive.make(name: "alice-charm")
            let deepBlock = (0..<300).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
            let cases: [(Data, String)] = [
                (try CharmArchive.make(name: "alice-charm", omit: ["metadata.yaml"], extra: ["metadata.yaml": String(repeating: "[", count: 10_000)]),
                 "metadata.yaml nests deeper than 64 levels"),
                (try CharmArchive.make(name: "alice-charm", omit: ["manifest.yaml"], extra: ["manifest.yaml": deepBlock]),
                 "manifest.yaml nests deeper than 64 levels"),
                (try CharmArchive.make(name: "alice-charm", extra: Dictionary(uniqueKeysWithValues: (0..<60).map { ("f/\($0)", "x") })),
                 "The charm file has more than 50 entries"),
                (try Self.zipNamingTwice(first: valid), "The charm file names metadata.yaml more than once"),
            ]
            for (file, message) in cases {
                let (statusURL, _) = try await alice.push(file, to: "alice-charm")
                let review = try await alice.poll(statusURL)
                #expect(review.status == "rejected")
                #expect(review.errors?.contains { $0.message.hasPrefix(message) } == true, "\(String(describing: review.errors)) lacks \(message)")
            }
            // The server survived: it answers, and its database does too (readiness is a 2 s probe, so a
            // machine busy with the rest of the suite gets a few tries).
            #expect(try await server.request(.GET, "/health/live").status == 200)
            var ready = try await server.request(.GET, "/health").status
            for _ in 0..<4 where ready != 200 {
                try await Task.sleep(for: .seconds(1))
                ready = try await server.request(.GET, "/health").status
            }
            #expect(ready == 200)
        }
    }

    /// A zip holding every member of `first` and then a second `metadata.yaml` naming another charm.
    private static func zipNamingTwice(first: Data) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("twice-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        try first.write(to: url)
        let archive = try Archive(url: url, accessMode: .update)
        let other = Data("name: someone-else\nsummary: s\ndescription: d\n".utf8)
        try archive.addEntry(with: "metadata.yaml", type: .file, uncompressedSize: Int64(other.count)) { position, size in
            other.subdata(in: Int(position)..<(Int(position) + size))
        }
        return try Data(contentsOf: url)
    }

    /// A request whose body is sent chunked (no `Content-Length`), so only the handler can count it.
    private static func chunked(_ server: TestServer, body: Data, contentType: String) async throws -> RawResponse {
        var request = HTTPClientRequest(url: server.baseURL + "/unscanned-upload/")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Macaroon \(try #require(server.tokens["alice"]))")
        request.headers.add(name: "Content-Type", value: contentType)
        let pieces = stride(from: 0, to: body.count, by: 64 * 1024).map { ByteBuffer(bytes: body[$0..<min($0 + 64 * 1024, body.count)]) }
        let stream = AsyncStream<ByteBuffer> { continuation in
            for piece in pieces { continuation.yield(piece) }
            continuation.finish()
        }
        request.body = .stream(stream, length: .unknown)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return RawResponse(status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
    }
}

import Foundation
import StoreModels
import StoreService
import Testing

/// charmcraft's upload: `POST /unscanned-upload/`, `POST …/revisions {"upload-id"}`, the review poll.
@Suite("charmcraft: upload")
struct CharmcraftUploadTests {
    /// Registers `name` for alice and returns her client.
    static func aliceWithCharm(_ server: TestServer, _ name: String = "alice-charm") async throws -> Charmcraft {
        let alice = Charmcraft(server: server, user: "alice")
        let registered = try await alice.request(.POST, "/v1/charm", json: #"{"name": "\#(name)", "type": "charm"}"#)
        #expect(registered.status == 200, "\(registered.text)")
        return alice
    }

    @Test func aValidCharmIsApproved() async throws {
        try await Charmcraft.withServer { server, uploads in
            let alice = try await Self.aliceWithCharm(server)
            let file = try CharmArchive.make(name: "alice-charm", version: "1.2.3")
            let uploaded = try await alice.uploadFile(file)
            #expect(uploaded.status == 200, "\(uploaded.text)")
            #expect(Set(try JSONShape.object(uploaded).keys) == ["successful", "upload_id"])
            let id = try WireCoding.decode(UnscannedUploadResponse.self, from: uploaded.body).uploadID
            #expect(UUID(uuidString: id) != nil)
            #expect(FileManager.default.fileExists(atPath: uploads.appendingPathComponent("\(id).charm").path))
            #expect(FileManager.default.fileExists(atPath: uploads.appendingPathComponent("\(id).json").path))
            let permissions = try FileManager.default.attributesOfItem(atPath: uploads.path)[.posixPermissions] as? Int
            #expect(permissions == 0o700)

            let pushed = try await alice.request(.POST, "/v1/charm/alice-charm/revisions", json: #"{"upload-id": "\#(id)"}"#)
            #expect(pushed.status == 200, "\(pushed.text)")
            #expect(pushed.text == #"{"status-url":"/v1/charm/alice-charm/revisions/review?upload-id=\#(id)"}"#)

            let review = try await alice.poll("/v1/charm/alice-charm/revisions/review?upload-id=\(id)")
            #expect(review == CharmUploadReview(uploadID: id, status: "approved", revision: 1, errors: nil))
            let pollText = try await alice.request(.GET, "/v1/charm/alice-charm/revisions/review?upload-id=\(id)").text
            #expect(pollText.contains(#""errors":null"#))

            let revisions = try WireCoding.decode(
                CharmRevisionsResponse.self, from: try await alice.request(.GET, "/v1/charm/alice-charm/revisions").body).revisions
            let revision = try #require(revisions.first)
            #expect(revision.revision == 1)
            #expect(revision.version == "1.2.3")
            #expect(revision.status == "approved")
            #expect(revision.bases == [CharmBase(architecture: "amd64", channel: "22.04", name: "ubuntu")])
            #expect(revision.size == Int64(file.count))
            #expect(revision.sha3_384?.count == 96)

            // Pushing the same upload again gives the same status URL and no second revision.
            let again = try await alice.request(.POST, "/v1/charm/alice-charm/revisions", json: #"{"upload-id": "\#(id)"}"#)
            #expect(again.text == pushed.text)
            let count = try await server.direct(as: "alice").revisions(of: PackageName(trusted: "alice-charm"), query: RevisionQuery()).items.count
            #expect(count == 1)

            let released = try await alice.request(.POST, "/v1/charm/alice-charm/releases", json: #"[{"revision": 1, "channel": "edge", "resources": []}]"#)
            #expect(released.status == 200, "\(released.text)")
        }
    }

    @Test func charmcraft3PlatformsAndTimestampVersions() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await Self.aliceWithCharm(server)
            let file = try CharmArchive.make(
                name: "alice-charm", version: nil, omit: ["manifest.yaml"],
                extra: ["manifest.yaml": "base: ubuntu@24.04\nplatforms:\n  arm64:\n  amd64:\n"])
            let (statusURL, _) = try await alice.push(file, to: "alice-charm")
            #expect(try await alice.poll(statusURL).status == "approved")
            let revision = try #require(try await server.direct(as: "alice")
                .revisions(of: PackageName(trusted: "alice-charm"), query: RevisionQuery()).items.first)
            #expect(revision.base == "ubuntu@24.04")
            #expect(Set(revision.architectures) == [.amd64, .arm64])
            #expect(AutomatedChecks.isValidVersion(revision.version))
        }
    }

    @Test func malformedFilesAreRejectedWithReviewErrors() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await Self.aliceWithCharm(server)
            let cases: [(Data, String)] = [
                (Data("definitely not a zip".utf8), "Invalid charm file: it is not a zip archive"),
                (try CharmArchive.make(name: "alice-charm", omit: ["metadata.yaml"]), "Missing required file: metadata.yaml"),
                (try CharmArchive.make(name: "alice-charm", omit: ["manifest.yaml"]), "Missing required file: manifest.yaml"),
                (try CharmArchive.make(name: "someone-else"), "The charm name in metadata.yaml ('someone-else') does not match the package 'alice-charm'"),
                (try CharmArchive.make(name: "alice-charm", omit: ["metadata.yaml"], extra: ["metadata.yaml": "name: [unclosed"]),
                 "metadata.yaml is not valid YAML"),
            ]
            for (file, message) in cases {
                let (statusURL, id) = try await alice.push(file, to: "alice-charm")
                let review = try await alice.poll(statusURL)
                #expect(review.status == "rejected")
                #expect(review.uploadID == id)
                #expect(review.revision != nil)
                let errors = try #require(review.errors)
                #expect(errors.allSatisfy { $0.code == "review-error" })
                #expect(errors.contains { $0.message.hasPrefix(message) }, "\(errors) lacks \(message)")
            }
            let revisions = try WireCoding.decode(
                CharmRevisionsResponse.self, from: try await alice.request(.GET, "/v1/charm/alice-charm/revisions").body).revisions
            #expect(revisions.count == cases.count)
            #expect(revisions.allSatisfy { $0.status == "rejected" && $0.errors?.first?.code == "review-error" })
            let audit = try await server.direct(as: "admin").auditLog(AuditQuery(package: "alice-charm", action: "upload"))
            #expect(audit.items.count == cases.count)
        }
    }

    @Test func aFlaggedUploadWaitsForAReviewer() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await Self.aliceWithCharm(server)
            let (firstURL, _) = try await alice.push(try CharmArchive.make(name: "alice-charm", version: "1.0"), to: "alice-charm")
            #expect(try await alice.poll(firstURL).status == "approved")
            // Ten times larger: the size-jump check sends it to human review.
            let big = try CharmArchive.make(name: "alice-charm", version: "1.1", padding: 16 * 1024)
            let (statusURL, id) = try await alice.push(big, to: "alice-charm")
            let waiting = try await alice.poll(statusURL)
            #expect(waiting == CharmUploadReview(uploadID: id, status: "scanned", revision: 2, errors: nil))
            #expect(try await alice.poll(statusURL).status == "scanned")

            let queue = try await server.direct(as: "reviewer").reviewQueue(cursor: nil, limit: 50)
            #expect(queue.items.contains { $0.package.rawValue == "alice-charm" && $0.revision.number == 2 })
            _ = try await server.direct(as: "reviewer").review(PackageName(trusted: "alice-charm"), revision: 2, decision: .approve(notes: "fine"))
            #expect(try await alice.poll(statusURL) == CharmUploadReview(uploadID: id, status: "approved", revision: 2, errors: nil))
        }
    }

    @Test func aReviewerRejectionIsOneReviewError() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await Self.aliceWithCharm(server)
            _ = try await alice.push(try CharmArchive.make(name: "alice-charm"), to: "alice-charm")
            let (statusURL, _) = try await alice.push(try CharmArchive.make(name: "alice-charm", version: "2.0", padding: 16 * 1024), to: "alice-charm")
            _ = try await server.direct(as: "reviewer").review(
                PackageName(trusted: "alice-charm"), revision: 2, decision: .reject(reason: "ships a crypto miner; remove it"))
            let review = try await alice.poll(statusURL)
            #expect(review.status == "rejected")
            #expect(review.errors == [WireError(code: "review-error", message: "ships a crypto miner; remove it")])
        }
    }

    @Test func uploadIDsBelongToTheirUploader() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await Self.aliceWithCharm(server)
            let uploaded = try await alice.uploadFile(try CharmArchive.make(name: "alice-charm"))
            let id = try WireCoding.decode(UnscannedUploadResponse.self, from: uploaded.body).uploadID

            let bob = Charmcraft(server: server, user: "bob")
            let stolen = try await bob.request(.POST, "/v1/charm/alice-charm/revisions", json: #"{"upload-id": "\#(id)"}"#)
            #expect(stolen.status == 404)
            let peek = try await bob.request(.GET, "/v1/charm/alice-charm/revisions/review?upload-id=\(id)")
            #expect(peek.status == 404)

            // Before the push the poll says `new`, with no revision.
            #expect(try await alice.poll("/v1/charm/alice-charm/revisions/review?upload-id=\(id)")
                == CharmUploadReview(uploadID: id, status: "new", revision: nil, errors: nil))

            let unknown = try await alice.request(.POST, "/v1/charm/alice-charm/revisions", json: #"{"upload-id": "\#(UUID().uuidString)"}"#)
            #expect(unknown.status == 404)
            let traversal = try await alice.request(.POST, "/v1/charm/alice-charm/revisions", json: #"{"upload-id": "../../etc/passwd"}"#)
            #expect(traversal.status == 404)
            let missing = try await alice.request(.GET, "/v1/charm/alice-charm/revisions/review")
            #expect(missing.status == 400)

            // An upload becomes a revision of one package only.
            _ = try await alice.request(.POST, "/v1/charm", json: #"{"name": "alice-other", "type": "charm"}"#)
            let first = try await alice.request(.POST, "/v1/charm/alice-charm/revisions", json: #"{"upload-id": "\#(id)"}"#)
            #expect(first.status == 200)
            let second = try await alice.request(.POST, "/v1/charm/alice-other/revisions", json: #"{"upload-id": "\#(id)"}"#)
            #expect(second.status == 409)
        }
    }

    /// Accounts need the publisher role; no credentials at all is snapcraft's anonymous upload.
    @Test func uploadsNeedAPublisherOrNoCredentialsAndAWellFormedBody() async throws {
        try await Charmcraft.withServer { server, uploads in
            let file = try CharmArchive.make(name: "alice-charm")
            let anonymous = try await Charmcraft(server: server).uploadFile(file)
            #expect(anonymous.status == 200)
            let anonymousID = try WireCoding.decode(UnscannedUploadResponse.self, from: anonymous.body).uploadID
            let badToken = try await Charmcraft(server: server, token: "stui_not-a-token").uploadFile(file)
            #expect(badToken.status == 401)
            let viewerToken = try await server.direct(as: "admin").issueToken(username: "carol", role: .viewer, expiresAt: nil, description: "test")
            let viewer = try await Charmcraft(server: server, token: viewerToken.secret).uploadFile(file)
            #expect(viewer.status == 403)
            #expect(try JSONShape.firstError(viewer).message.contains("publisher role"))

            let alice = Charmcraft(server: server, user: "alice")
            let admin = try await server.direct(as: "admin")
            _ = try await admin.suspend("eve", reason: "test")
            let suspended = try await Charmcraft(server: server, user: "eve").uploadFile(file)
            #expect(suspended.status == 403)
            #expect(try JSONShape.firstError(suspended).message.contains("suspended"))
            let notMultipart = try await alice.send(.POST, "/unscanned-upload/", body: file, contentType: "application/octet-stream")
            #expect(notMultipart.status == 400)
            let boundary = "xyz"
            let wrongField = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhello\r\n--\(boundary)--\r\n".utf8)
            let noBinary = try await alice.send(.POST, "/unscanned-upload/", body: wrongField, contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(noBinary.status == 400)
            #expect(try JSONShape.firstError(noBinary).message.contains("binary"))
            let truncated = try await alice.send(
                .POST, "/unscanned-upload/", body: Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"binary\"\r\n\r\nabc".utf8),
                contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(truncated.status == 400)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: uploads.path).filter { !$0.hasPrefix(anonymousID) }
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
    }

    @Test func uploadsAboveTheCapAre413() async throws {
        try await Charmcraft.withServer(maxUploadSize: 4096) { server, uploads in
            let alice = Charmcraft(server: server, user: "alice")
            let small = try await alice.uploadFile(Data(repeating: 1, count: 4096))
            #expect(small.status == 200, "\(small.text)")
            let large = try await alice.uploadFile(Data(repeating: 1, count: 4097))
            #expect(large.status == 413)
            #expect(try JSONShape.firstError(large).code == "payload-too-large")
            // The declared length alone is refused before the body is read.
            let huge = try await alice.uploadFile(Data(repeating: 2, count: 200 * 1024))
            #expect(huge.status == 413)
            let files = try FileManager.default.contentsOfDirectory(atPath: uploads.path)
            #expect(files.filter { $0.hasPrefix(".incoming-") }.isEmpty, "\(files)")
            #expect(files.count == 2)  // the small upload and its sidecar
        }
    }

    @Test func aBinaryFileWithCRLFsSurvivesIntact() async throws {
        try await Charmcraft.withServer { server, uploads in
            let alice = Charmcraft(server: server, user: "alice")
            var file = Data()
            for index in 0..<50_000 { file.append(contentsOf: index % 7 == 0 ? Array("\r\n--".utf8) : [UInt8(truncatingIfNeeded: index)]) }
            let response = try await alice.uploadFile(file)
            #expect(response.status == 200, "\(response.text)")
            let id = try WireCoding.decode(UnscannedUploadResponse.self, from: response.body).uploadID
            #expect(try Data(contentsOf: uploads.appendingPathComponent("\(id).charm")) == file)
        }
    }
}

@Suite("charmcraft: upload across instances")
struct CharmcraftUploadInstanceTests {
    @Test func anotherInstanceSharingTheDirectoryAnswersThePoll() async throws {
        try await Charmcraft.withServer { server, uploads in
            let alice = try await CharmcraftUploadTests.aliceWithCharm(server)
            let uploaded = try await alice.uploadFile(try CharmArchive.make(name: "alice-charm"))
            let id = try WireCoding.decode(UnscannedUploadResponse.self, from: uploaded.body).uploadID
            try await SecondInstance.with(sharing: server, uploads: uploads) { port in
                var elsewhere = alice
                elsewhere.port = port
                let pushed = try await elsewhere.request(.POST, "/v1/charm/alice-charm/revisions", json: #"{"upload-id": "\#(id)"}"#)
                #expect(pushed.status == 200, "\(pushed.text)")
                let statusURL = try WireCoding.decode(CharmPushRevisionResponse.self, from: pushed.body).statusURL
                #expect(try await alice.poll(statusURL).status == "approved")
                #expect(try await elsewhere.poll(statusURL).status == "approved")
            }
        }
    }

    /// A push killed with its server leaves a claim that only lapses; pushing again waits it out, and
    /// must answer inside the 10 seconds a client waits (it waited up to 15 s, so the retry timed out,
    /// was cancelled, and the stale claim stayed).
    @Test func aPushRetriedAfterADeadPushAnswersWithinAClientsTimeout() async throws {
        try await Charmcraft.withServer { server, uploads in
            var alice = try await CharmcraftUploadTests.aliceWithCharm(server)
            let uploaded = try await alice.uploadFile(try CharmArchive.make(name: "alice-charm"))
            let id = try WireCoding.decode(UnscannedUploadResponse.self, from: uploaded.body).uploadID
            // The claim a killed push leaves: freshly renewed just before its process died.
            #expect(FileManager.default.createFile(atPath: uploads.appendingPathComponent("\(id).claim").path, contents: Data()))
            alice.timeout = .seconds(9)
            let pushed = try await alice.request(.POST, "/v1/charm/alice-charm/revisions", json: #"{"upload-id": "\#(id)"}"#)
            #expect(pushed.status == 200, "\(pushed.text)")
            let statusURL = try WireCoding.decode(CharmPushRevisionResponse.self, from: pushed.body).statusURL
            #expect(try await alice.poll(statusURL).status == "approved")
            #expect(!FileManager.default.fileExists(atPath: uploads.appendingPathComponent("\(id).claim").path))
        }
    }
}

@Suite("charmcraft: hostile charm text")
struct CharmcraftHostileTextTests {
    /// The `version` file and relation interfaces are publisher text: stored with controls made visible.
    @Test func controlCharactersInACharmNeverReachTheRevision() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await CharmcraftUploadTests.aliceWithCharm(server)
            let metadata = "name: alice-charm\nsummary: s\nrequires:\n  db:\n    interface: \"pg\\u001b[2J\"\n"
            let file = try CharmArchive.make(name: "alice-charm", version: "1.0\u{1b}]0;pwned\u{07}", extra: ["metadata.yaml": metadata])
            _ = try await alice.push(file, to: "alice-charm")
            let revision = try #require(try await server.direct(as: "alice").revisions(
                of: PackageName(trusted: "alice-charm"), query: RevisionQuery()).items.first)
            for text in [revision.version] + revision.permissions {
                #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(text.debugDescription)")
            }
        }
    }
}

import Foundation
import StoreModels
import StoreService
import Testing

/// charmcraft's resource calls over HTTP: what a charm's metadata declares, file pushes through
/// `/unscanned-upload/`, releases that carry resources.
@Suite("charmcraft: resources")
struct CharmcraftResourceTests {
    static let metadata = """
        name: alice-charm
        summary: A charm with resources
        description: Declares a file and an image.
        resources:
          data:
            type: file
            filename: data.tar
            description: Seed data
          image:
            type: oci-image
            upstream-source: example/image:1

        """

    /// alice's charm with a first revision declaring `data` and `image`.
    static func charmDeclaringResources(_ server: TestServer) async throws -> Charmcraft {
        let alice = try await CharmcraftUploadTests.aliceWithCharm(server)
        let (statusURL, _) = try await alice.push(
            try CharmArchive.make(name: "alice-charm", omit: ["metadata.yaml"], extra: ["metadata.yaml": metadata]), to: "alice-charm")
        #expect(try await alice.poll(statusURL).status == "approved")
        return alice
    }

    /// Uploads `bytes` and pushes them as a revision of `resource`; the push's reply.
    static func pushResource(_ bytes: Data, _ resource: String, as client: Charmcraft) async throws -> (RawResponse, String) {
        let uploaded = try await client.uploadFile(bytes, filename: "data.tar")
        let id = try WireCoding.decode(UnscannedUploadResponse.self, from: uploaded.body).uploadID
        let pushed = try await client.request(
            .POST, "/v1/charm/alice-charm/resources/\(resource)/revisions", json: #"{"upload-id": "\#(id)", "type": "file"}"#)
        return (pushed, id)
    }

    @Test func declaredResourcesAreListedAndAFilePushBecomesARevisionWithItsDigests() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await Self.charmDeclaringResources(server)
            let listed = try WireCoding.decode(CharmResourcesResponse.self, from: try await alice.request(.GET, "/v1/charm/alice-charm/resources").body)
            #expect(listed.resources.map(\.name) == ["data", "image"])
            #expect(listed.resources.first?.type == "file" && listed.resources.first?.revision == 1 && listed.resources.last?.type == "oci-image")

            let bytes = Data((0..<5000).map { UInt8($0 % 7) })
            let (pushed, id) = try await Self.pushResource(bytes, "data", as: alice)
            #expect(pushed.status == 200, "\(pushed.text)")
            let statusURL = try #require(try JSONShape.object(pushed)["status-url"] as? String)
            let review = try await alice.poll(statusURL)
            #expect(review.status == "approved" && review.revision == 1)
            let again = try await alice.request(.POST, "/v1/charm/alice-charm/resources/data/revisions", json: #"{"upload-id": "\#(id)"}"#)
            let againURL = try JSONShape.object(again)["status-url"] as? String
            #expect(again.status == 200 && againURL == statusURL)
            let asCharm = try await alice.request(.POST, "/v1/charm/alice-charm/revisions", json: #"{"upload-id": "\#(id)"}"#)
            #expect(asCharm.status == 409, "a resource's upload is not also a charm revision: \(asCharm.text)")

            let listing = try await alice.request(.GET, "/v1/charm/alice-charm/resources/data/revisions")
            let revisions = try WireCoding.decode(CharmResourceRevisionsResponse.self, from: listing.body).revisions
            #expect(revisions.map(\.revision) == [1] && revisions.first?.size == 5000)
            #expect(revisions.first?.sha256.count == 64 && revisions.first?.sha384.count == 96 && revisions.first?.sha512.count == 128)
            let item = try #require(JSONShape.items(try JSONShape.object(listing)["revisions"]).first)
            #expect(JSONShape.keys(item) == ["bases", "created-at", "name", "revision", "sha256", "sha3-384", "sha384", "sha512", "size",
                                             "type", "updated-at", "updated-by"])
        }
    }

    @Test func ociImagesUndeclaredNamesAndStrangersAreRefusedClearly() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await Self.charmDeclaringResources(server)
            let credentials = try await alice.request(.GET, "/v1/charm/alice-charm/resources/image/oci-image/upload-credentials")
            #expect(credentials.status == 400 && credentials.text.contains("file resources only"))
            let (undeclared, _) = try await Self.pushResource(Data("x".utf8), "nope", as: alice)
            #expect(undeclared.status == 404 && undeclared.text.contains("No resource of 'alice-charm' named 'nope'"), "\(undeclared.text)")
            let badName = try await alice.request(.GET, "/v1/charm/alice-charm/resources/%1B%5B2J/revisions")
            #expect(badName.status == 400 && !badName.text.contains("\u{1B}"), "\(badName.text)")
            let eve = Charmcraft(server: server, user: "eve")
            let (stranger, _) = try await Self.pushResource(Data("x".utf8), "data", as: eve)
            #expect(stranger.status == 403, "\(stranger.text)")
        }
    }

    @Test func badResourceDeclarationsRejectTheCharmRevisionWithTheReason() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await CharmcraftUploadTests.aliceWithCharm(server)
            let hostile = "name: alice-charm\nsummary: s\nresources:\n  \"Data\\e[2J\":\n    type: file\n  ok:\n    type: tarball\n"
            let (statusURL, _) = try await alice.push(
                try CharmArchive.make(name: "alice-charm", omit: ["metadata.yaml"], extra: ["metadata.yaml": hostile]), to: "alice-charm")
            let review = try await alice.poll(statusURL)
            #expect(review.status == "rejected")
            let messages = (review.errors ?? []).map(\.message).joined(separator: " | ")
            #expect(messages.contains("resource name") && messages.contains("not file or oci-image"), "\(messages)")
            #expect(!messages.contains("\u{1B}"), "the escape is shown inert")
            let listed = try await alice.request(.GET, "/v1/charm/alice-charm/resources")
            #expect(try WireCoding.decode(CharmResourcesResponse.self, from: listed.body).resources.isEmpty)
        }
    }

    @Test func aReleaseWithAResourceShowsItInTheChannelMap() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await Self.charmDeclaringResources(server)
            _ = try await Self.pushResource(Data("one".utf8), "data", as: alice)
            let released = try await alice.request(
                .POST, "/v1/charm/alice-charm/releases",
                json: #"[{"revision": 1, "channel": "beta", "resources": [{"name": "data", "revision": 1}]}]"#)
            #expect(released.status == 200, "\(released.text)")
            let document = try WireCoding.decode(
                CharmReleasesResponse.self, from: try await alice.request(.GET, "/v1/charm/alice-charm/releases").body)
            let beta = try #require(document.channelMap.first { $0.channel == "latest/beta" })
            #expect(beta.resources == [CharmResourceRef(name: "data", type: "file", revision: 1)])
            let missing = try await alice.request(
                .POST, "/v1/charm/alice-charm/releases",
                json: #"[{"revision": 1, "channel": "edge", "resources": [{"name": "data", "revision": 5}]}]"#)
            #expect(missing.status == 404 && missing.text.contains("revision of resource 'data'"), "\(missing.text)")
        }
    }
}

import Foundation
import StoreModels
import StoreService
import Testing
@testable import StoreServer

/// snapcraft's dashboard API end to end over HTTP: login, names, upload, review, release, close.
@Suite("snapcraft: login and publishing")
struct SnapcraftTests {
    @Test func aSnapPublishedAsSnapcraftDoesIsApprovedReleasedAndDescribed() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await SnapcraftClient.login(server, as: "alice")
            let file = try SnapImage.make(yaml: SnapImage.yaml(name: "alice-tool", version: "2.1"))
            let statusURL = try await alice.publish(file, as: "alice-tool", channels: ["edge"])
            #expect(statusURL.hasPrefix(server.baseURL + "/dev/api/snap-status/"))
            // The first poll (snapcraft sends it at once) already finds the work done.
            let status = try await alice.poll(statusURL)
            #expect(status["processed"] as? Bool == true)
            #expect(status["code"] as? String == "ready_to_release")
            #expect(status["revision"] as? Int == 1)

            let revision = try #require(try await server.direct(as: "alice").revisions(
                of: PackageName(trusted: "alice-tool"), query: RevisionQuery()).items.first)
            #expect(revision.version == "2.1")
            #expect(revision.architectures == [.amd64])
            #expect(revision.confinement == .strict && revision.grade == .stable)
            #expect(revision.permissions == ["network", "home"])
            #expect(revision.size == Int64(file.count) && revision.sha3_384.count == 96)
            let map = try await server.direct(as: "alice").channelMap(of: PackageName(trusted: "alice-tool"))
            #expect(map.releases.map(\.channel.fullName) == ["latest/edge"])

            let document = try JSONShape.object(try await alice.request(.GET, "/api/v2/snaps/alice-tool/channel-map"))
            let entry = try #require(JSONShape.items(document["channel-map"]).first)
            #expect(entry["channel"] as? String == "latest/edge" && entry["revision"] as? Int == 1)
            #expect(JSONShape.keys(entry["progressive"]) == ["paused", "percentage", "current-percentage"])
            #expect(JSONShape.items(document["revisions"]).map { $0["revision"] as? Int } == [1])
            let snap = document["snap"] as? [String: Any] ?? [:]
            let tracks = JSONShape.items(snap["tracks"])
            #expect(!tracks.isEmpty)
        }
    }

    @Test func releasingProgressivelyAndClosingChangeTheChannelMap() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await SnapcraftClient.login(server, as: "alice")
            _ = try await alice.publish(try SnapImage.make(yaml: SnapImage.yaml(name: "alice-tool")), as: "alice-tool")
            let released = try await alice.request(.POST, "/dev/api/snap-release/", json: #"{"name": "alice-tool", "revision": "1", "channels": ["beta", "candidate"]}"#)
            #expect(released.status == 200, "\(released.text)")
            #expect(Set(try JSONShape.object(released)["opened_channels"] as? [String] ?? []) == ["beta", "candidate"])
            let progressive = try await alice.request(.POST, "/dev/api/snap-release/", json: """
                {"name": "alice-tool", "revision": "1", "channels": ["stable"], "progressive": {"percentage": 30, "paused": false}}
                """)
            #expect(progressive.status == 200, "\(progressive.text)")
            let map = try await server.direct(as: "alice").channelMap(of: PackageName(trusted: "alice-tool"))
            #expect(map.releases.first { $0.channel.risk == .stable }?.progressivePercentage == 30)

            let id = try await server.direct(as: "alice").package(named: PackageName(trusted: "alice-tool")).package.id
            let closed = try await alice.request(.POST, "/dev/api/snaps/\(id)/close", json: #"{"channels": ["beta"]}"#)
            #expect(closed.status == 200, "\(closed.text)")
            #expect(JSONShape.keys(try JSONShape.object(closed)) == ["closed_channels", "channel_map_tree"])
            let after = try await server.direct(as: "alice").channelMap(of: PackageName(trusted: "alice-tool"))
            #expect(!after.releases.contains { $0.channel.risk == .beta })

            let history = try JSONShape.object(try await alice.request(.GET, "/api/v2/snaps/alice-tool/releases"))
            let first = JSONShape.items(history["revisions"]).first
            #expect(first?["status"] as? String == "Published")
            #expect(JSONShape.items(history["releases"]).allSatisfy { $0.keys.contains("expiration-date") })
        }
    }

    @Test func aClassicSnapWaitsForAReviewerAndIsReleasedWhenApproved() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await SnapcraftClient.login(server, as: "alice")
            let file = try SnapImage.make(yaml: SnapImage.yaml(name: "alice-classic", confinement: "classic"))
            let statusURL = try await alice.publish(file, as: "alice-classic", channels: ["edge"])
            let status = try await alice.poll(statusURL)
            #expect(status["code"] as? String == "need_manual_review")
            #expect((status["errors"] as? [[String: Any]])?.first?["message"] as? String == "classic confinement needs a reviewer's approval")
            let queue = try await server.direct(as: "reviewer").reviewQueue(cursor: nil, limit: 50).items
            #expect(queue.contains { $0.package.rawValue == "alice-classic" && $0.revision.confinement == .classic })
            #expect(try await server.direct(as: "alice").channelMap(of: PackageName(trusted: "alice-classic")).releases.isEmpty)
            _ = try await server.direct(as: "reviewer").review(PackageName(trusted: "alice-classic"), revision: 1, decision: .approve(notes: nil))
            #expect(try await alice.poll(statusURL)["code"] as? String == "ready_to_release")
            let map = try await server.direct(as: "alice").channelMap(of: PackageName(trusted: "alice-classic"))
            #expect(map.releases.map(\.channel.fullName) == ["latest/edge"])
        }
    }

    @Test func hostileAndMalformedSnapsAreRejectedWithReasons() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await SnapcraftClient.login(server, as: "alice")
            let deep = "name: alice-deep\nversion: '1'\nx: " + String(repeating: "[", count: 10_000) + "\n"
            let cases: [(name: String, file: Data, expected: String)] = [
                ("alice-deep", try SnapImage.make(yaml: deep), "nests deeper than 64 levels"),
                ("alice-other", try SnapImage.make(yaml: SnapImage.yaml(name: "someone-else")), "does not match the package 'alice-other'"),
                ("alice-zip", try CharmArchive.make(name: "alice-zip"), "not a squashfs image"),
                ("alice-noyaml", try SnapImage.make(yaml: ": : :\n\t- ["), "meta/snap.yaml"),
                ("alice-badver", try SnapImage.make(yaml: SnapImage.yaml(name: "alice-badver", version: "1.0\\u001b[31m")), "is invalid"),
            ]
            for item in cases {
                let status = try await alice.poll(try await alice.publish(item.file, as: item.name))
                #expect(status["code"] as? String == "processing_error", "\(item.name): \(status)")
                let messages = (status["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
                #expect(messages.contains { $0.contains(item.expected) }, "\(item.name): \(messages)")
                #expect(!messages.joined().unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(item.name): \(messages)")
            }
        }
    }

    @Test func anotherPublisherIsRefusedWhereSnapcraftLooksForIt() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await SnapcraftClient.login(server, as: "alice")
            _ = try await alice.request(.POST, "/dev/api/register-name/", json: #"{"snap_name": "alice-tool", "series": "16"}"#)
            let eve = try await SnapcraftClient.login(server, as: "eve")
            let push = try await eve.request(.POST, "/dev/api/snap-push/", json: #"{"name": "alice-tool", "dry_run": true}"#)
            #expect(push.status == 403)
            let envelope = try JSONShape.object(push)
            #expect(JSONShape.items(envelope["error_list"]).first?["code"] as? String == "resource-forbidden")
            let missing = try await eve.request(.POST, "/dev/api/snap-push/", json: #"{"name": "nobody-has-this", "dry_run": true}"#)
            #expect(JSONShape.items(try JSONShape.object(missing)["error_list"]).first?["code"] as? String == "resource-not-found")
            let taken = try await eve.request(.POST, "/dev/api/register-name/", json: #"{"snap_name": "alice-tool", "series": "16"}"#)
            #expect(taken.status == 409)
            let item = try #require(JSONShape.items(try JSONShape.object(taken)["error_list"]).first)
            #expect(item["code"] as? String == "already_registered" && item["register_name_url"] is String)
            let release = try await eve.request(.POST, "/dev/api/snap-release/", json: #"{"name": "alice-tool", "revision": "1", "channels": ["edge"]}"#)
            #expect(release.status == 403)
        }
    }

    @Test func aSessionEndsWithItsTokenAndBadLoginsAreRefused() async throws {
        try await Charmcraft.withServer { server, _ in
            let admin = try await server.direct(as: "admin")
            let issued = try await admin.issueToken(username: "alice", role: .publisher, expiresAt: nil, description: "snapcraft login")
            let session = SnapcraftClient(
                server: server, authorization: try await SnapcraftSession.login(baseURL: server.baseURL, username: "alice", secret: issued.secret))
            #expect(try await session.request(.GET, "/api/v2/tokens/whoami").status == 200)
            try await admin.revokeToken(id: issued.info.id)
            let refused = try await session.request(.GET, "/api/v2/tokens/whoami")
            #expect(refused.status == 401)
            #expect(try JSONShape.object(refused)["error_message"] is String)

            // The wrong account for the secret, an unknown secret, a caveat this store never issued.
            for (email, password) in [("bob", server.tokens["alice"] ?? ""), ("alice", "stui_nope")] {
                await #expect(throws: TestServerError.self) {
                    _ = try await SnapcraftSession.login(baseURL: server.baseURL, username: email, secret: password)
                }
            }
            let forged = try await SnapcraftSession.post(server.baseURL + "/api/v2/tokens/discharge",
                                                         json: #"{"email": "alice", "password": "x", "caveat_id": "made-up"}"#)
            #expect(forged.status == 400)
            // A suspended account logs in and may look, but changes nothing.
            _ = try await admin.suspend("eve", reason: "test")
            let eve = try await SnapcraftClient.login(server, as: "eve")
            let whoami = try JSONShape.object(try await eve.request(.GET, "/api/v2/tokens/whoami"))
            #expect(whoami["permissions"] as? [String] == ["package_access"])
            #expect(try await eve.request(.POST, "/dev/api/register-name/", json: #"{"snap_name": "eve-new"}"#).status == 403)
        }
    }

    @Test func snapcraftLogsInWithTheAccountsEmailAndWhoamiShowsIt() async throws {
        try await Charmcraft.withServer { server, _ in
            let admin = try await server.direct(as: "admin")
            let issued = try await admin.issueToken(
                username: "alice", role: .publisher, expiresAt: nil, description: "laptop", email: "alice@example.com")
            let session = SnapcraftClient(server: server, authorization: try await SnapcraftSession.login(
                baseURL: server.baseURL, username: "Alice@Example.com", secret: issued.secret))
            let whoami = try JSONShape.object(try await session.request(.GET, "/api/v2/tokens/whoami"))
            let account = whoami["account"] as? [String: Any] ?? [:]
            #expect(account["email"] as? String == "alice@example.com" && account["username"] as? String == "alice")
            // Someone else's email with alice's secret does not log in.
            _ = try await admin.issueToken(username: "bob", role: .publisher, expiresAt: nil, description: "x", email: "bob@example.com")
            await #expect(throws: TestServerError.self) {
                _ = try await SnapcraftSession.login(baseURL: server.baseURL, username: "bob@example.com", secret: issued.secret)
            }
        }
    }

    @Test func restrictionsASessionCannotKeepAreRefused() async throws {
        try await Charmcraft.withServer { server, _ in
            let restricted = try await SnapcraftSession.post(
                server.baseURL + "/dev/api/acl/", json: #"{"permissions": ["package_access"], "channels": ["edge"]}"#)
            #expect(restricted.status == 400)
            let envelope = try JSONShape.object(restricted)
            #expect((envelope["error_message"] as? String)?.contains("does not restrict sessions") == true)
        }
    }

    /// In the database (the default storage), an approved snap's bytes stay for devices; a rejected one's go.
    @Test func onlyApprovedOrPendingSnapsKeepTheirBytes() async throws {
        try await TestServer.with { server async throws in
            let alice = try await SnapcraftClient.login(server, as: "alice")
            let good = try await alice.publish(try SnapImage.make(yaml: SnapImage.yaml(name: "alice-kept")), as: "alice-kept")
            let bad = try await alice.publish(try SnapImage.make(yaml: SnapImage.yaml(name: "someone-else")), as: "alice-dropped")
            #expect(try await alice.poll(good)["code"] as? String == "ready_to_release")
            #expect(try await alice.poll(bad)["code"] as? String == "processing_error")
            let goodID = String(good.split(separator: "/").last ?? "")
            let badID = String(bad.split(separator: "/").last ?? "")
            #expect(try await server.backend.uploadChunk(uploadID: goodID, index: 0) != nil)
            #expect(try await server.backend.uploadChunk(uploadID: badID, index: 0) == nil)
        }
    }

    /// Anonymous uploads from all clients together are capped, so many addresses cannot fill the disk.
    @Test func anonymousUploadsFromAllClientsShareACap() async throws {
        var configuration = TestServer.configuration()
        configuration.maxAnonymousPendingUploadBytes = 12_000
        try await TestServer.with(configuration) { server async throws in
            let anonymous = SnapcraftClient(server: server)
            let file = Data(repeating: 0x41, count: 5_000)
            _ = try await anonymous.upload(file)
            _ = try await anonymous.upload(file)
            await #expect(throws: TestServerError.self) { _ = try await anonymous.upload(file) }
            // An account's own quota is not the anonymous one.
            let alice = Charmcraft(server: server, user: "alice")
            #expect(try await alice.uploadFile(file).status == 200)
        }
    }

    @Test func theStatusOfAnUnknownUploadIsAProcessedError() async throws {
        try await Charmcraft.withServer { server, _ in
            let poll = try await SnapcraftClient(server: server).poll(server.baseURL + "/dev/api/snap-status/00000000-0000-0000-0000-000000000000")
            #expect(poll["processed"] as? Bool == true)
            #expect(poll["code"] as? String == "processing_error")
        }
    }
}

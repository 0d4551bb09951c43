import Foundation
import StoreModels
import StoreService
import Testing

/// charmcraft's status (`GET …/releases`), release and close (`POST …/releases`) and revisions.
///
/// The fixture charm `postgresql-k8s` (eve): revision 1 (ubuntu@22.04 amd64) on latest/stable, revision 2
/// (ubuntu@24.04 amd64) on latest/edge.
@Suite("charmcraft: status, release, close, revisions")
struct CharmcraftReleaseTests {
    static let entryKeys: Set<String> = ["base", "channel", "expiration-date", "progressive", "resources", "revision", "when"]
    static let baseKeys: Set<String> = ["architecture", "channel", "name"]

    @Test func statusHasEveryChannelAndEveryReleasedRevision() async throws {
        try await Charmcraft.withServer { server, _ in
            let response = try await Charmcraft(server: server, user: "eve").request(.GET, "/v1/charm/postgresql-k8s/releases")
            #expect(response.status == 200, "\(response.text)")
            let object = try JSONShape.object(response)
            #expect(Set(object.keys) == ["channel-map", "package", "revisions"])
            let entries = JSONShape.items(object["channel-map"])
            #expect(entries.count == 2)
            for entry in entries {
                #expect(JSONShape.keys(entry) == Self.entryKeys)
                #expect(JSONShape.keys(entry["base"]) == Self.baseKeys)
                #expect(entry["expiration-date"] is NSNull)
            }
            let channels = JSONShape.items((object["package"] as? [String: Any])?["channels"])
            #expect(channels.compactMap { $0["name"] as? String } == ["latest/stable", "latest/candidate", "latest/beta", "latest/edge"])
            #expect(channels.map { $0["fallback"] as? String } == [nil, "latest/stable", "latest/candidate", "latest/beta"])
            for channel in channels { #expect(JSONShape.keys(channel) == ["name", "track", "risk", "branch", "fallback"]) }
            let revisions = JSONShape.items(object["revisions"])
            for revision in revisions {
                #expect(JSONShape.keys(revision).isSuperset(of: ["revision", "version", "created-at", "status", "errors", "bases", "size", "sha3-384"]))
                for base in JSONShape.items(revision["bases"]) { #expect(JSONShape.keys(base) == Self.baseKeys) }
                #expect(revision["status"] as? String == "released")
                #expect((revision["sha3-384"] as? String)?.count == 96)
            }
            let document = try WireCoding.decode(CharmReleasesResponse.self, from: response.body)
            #expect(Set(document.channelMap.map(\.revision)).isSubset(of: Set(document.revisions.map(\.revision))))
        }
    }

    @Test func releaseSeveralChannelsAtOnce() async throws {
        try await Charmcraft.withServer { server, _ in
            let eve = Charmcraft(server: server, user: "eve")
            let body = #"[{"revision": 2, "channel": "beta", "resources": []}, {"revision": 2, "channel": "latest/edge/fix-1", "resources": []}]"#
            let response = try await eve.request(.POST, "/v1/charm/postgresql-k8s/releases", json: body)
            #expect(response.status == 200, "\(response.text)")
            let released = try WireCoding.decode(CharmReleaseResponse.self, from: response.body).released
            #expect(released == [
                CharmReleaseItem(revision: 2, channel: "latest/beta"), CharmReleaseItem(revision: 2, channel: "latest/edge/fix-1"),
            ])
            #expect(JSONShape.items(try JSONShape.object(response)["released"]).allSatisfy { JSONShape.keys($0) == ["channel", "revision", "resources"] })

            let status = try await eve.request(.GET, "/v1/charm/postgresql-k8s/releases")
            let document = try WireCoding.decode(CharmReleasesResponse.self, from: status.body)
            let branch = try #require(document.channelMap.first { $0.channel == "latest/edge/fix-1" })
            #expect(branch.expirationDate?.date != nil)
            #expect(document.channelMap.contains { $0.channel == "latest/beta" && $0.revision == 2 })
            let branchChannel = try #require(document.package.channels.first { $0.name == "latest/edge/fix-1" })
            #expect(branchChannel.fallback == "latest/edge")
            #expect(branchChannel.branch == "fix-1")

            let map = try await server.direct(as: "eve").channelMap(of: PackageName(trusted: "postgresql-k8s"))
            #expect(map.releases.contains { $0.channel.fullName == "latest/beta" && $0.revision == 2 })
        }
    }

    @Test func aFailingItemAppliesNothing() async throws {
        try await Charmcraft.withServer { server, _ in
            let eve = Charmcraft(server: server, user: "eve")
            let before = try await server.direct(as: "eve").channelMap(of: PackageName(trusted: "postgresql-k8s"))
            let body = #"[{"revision": 2, "channel": "candidate", "resources": []}, {"revision": 2, "channel": "9.9/edge", "resources": []}]"#
            let response = try await eve.request(.POST, "/v1/charm/postgresql-k8s/releases", json: body)
            #expect(response.status == 400)
            #expect(try JSONShape.firstError(response).code == "invalid-track")
            let after = try await server.direct(as: "eve").channelMap(of: PackageName(trusted: "postgresql-k8s"))
            #expect(after == before)

            let badChannel = try await eve.request(.POST, "/v1/charm/postgresql-k8s/releases", json: #"[{"revision": 1, "channel": "a/b/c/d", "resources": []}]"#)
            #expect(badChannel.status == 400)
            #expect(try JSONShape.firstError(badChannel).code == "invalid-channel")
            let empty = try await eve.request(.POST, "/v1/charm/postgresql-k8s/releases", json: "[]")
            #expect(empty.status == 400)
            let resources = try await eve.request(
                .POST, "/v1/charm/postgresql-k8s/releases", json: #"[{"revision": 1, "channel": "beta", "resources": [{"name": "img", "revision": 3}]}]"#)
            #expect(resources.status == 400)
            let unknownRevision = try await eve.request(.POST, "/v1/charm/postgresql-k8s/releases", json: #"[{"revision": 99, "channel": "beta", "resources": []}]"#)
            #expect(unknownRevision.status == 400)
            #expect(try JSONShape.firstError(unknownRevision).code == "revision-not-found")
        }
    }

    @Test func closeRemovesTheChannel() async throws {
        try await Charmcraft.withServer { server, _ in
            let eve = Charmcraft(server: server, user: "eve")
            let response = try await eve.request(.POST, "/v1/charm/postgresql-k8s/releases", json: #"[{"revision": null, "channel": "latest/edge", "resources": []}]"#)
            #expect(response.status == 200, "\(response.text)")
            #expect(try WireCoding.decode(CharmReleaseResponse.self, from: response.body).released == [CharmReleaseItem(revision: nil, channel: "latest/edge")])
            #expect(response.text.contains(#""revision":null"#))
            let status = try WireCoding.decode(CharmReleasesResponse.self, from: try await eve.request(.GET, "/v1/charm/postgresql-k8s/releases").body)
            #expect(status.channelMap.map(\.channel) == ["latest/stable"])
            #expect(status.revisions.map(\.revision) == [1])
        }
    }

    @Test func onlyPublishersAndCollaboratorsRelease() async throws {
        try await Charmcraft.withServer { server, _ in
            let body = #"[{"revision": 1, "channel": "beta", "resources": []}]"#
            let bob = try await Charmcraft(server: server, user: "bob").request(.POST, "/v1/charm/postgresql-k8s/releases", json: body)
            #expect(bob.status == 403)
            #expect(try JSONShape.firstError(bob).code == "permission-denied")

            let admin = try await server.direct(as: "admin")
            _ = try await admin.suspend("eve", reason: "test")
            let eve = try await Charmcraft(server: server, user: "eve").request(.POST, "/v1/charm/postgresql-k8s/releases", json: body)
            #expect(eve.status == 403)
            #expect(try JSONShape.firstError(eve).message.contains("suspended"))

            let anonymous = try await Charmcraft(server: server).request(.POST, "/v1/charm/postgresql-k8s/releases", json: body)
            #expect(anonymous.status == 401)
        }
    }

    @Test func revisionsListEveryRevisionWithStatus() async throws {
        try await Charmcraft.withServer { server, _ in
            let eve = Charmcraft(server: server, user: "eve")
            _ = try await eve.request(.POST, "/v1/charm/postgresql-k8s/releases", json: #"[{"revision": null, "channel": "edge", "resources": []}]"#)
            let response = try await eve.request(.GET, "/v1/charm/postgresql-k8s/revisions")
            #expect(response.status == 200, "\(response.text)")
            let items = JSONShape.items(try JSONShape.object(response)["revisions"])
            #expect(items.compactMap { $0["revision"] as? Int } == [2, 1])
            for item in items {
                #expect(JSONShape.keys(item).isSuperset(of: ["revision", "version", "created-at", "status", "errors", "bases"]))
                #expect(item["errors"] is NSNull)
                for base in JSONShape.items(item["bases"]) { #expect(JSONShape.keys(base) == Self.baseKeys) }
            }
            let decoded = try WireCoding.decode(CharmRevisionsResponse.self, from: response.body).revisions
            #expect(decoded.map(\.status) == ["approved", "released"])
            #expect(decoded.first?.bases == [CharmBase(architecture: "amd64", channel: "24.04", name: "ubuntu")])

            let bob = try await Charmcraft(server: server, user: "bob").request(.GET, "/v1/charm/postgresql-k8s/revisions")
            #expect(bob.status == 403)
        }
    }
}

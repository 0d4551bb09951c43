import Foundation
import StoreModels
import StoreService
import Testing
@testable import StoreServer

/// charmcraft's whoami, names, register, unregister, metadata, tracks and libraries endpoints.
@Suite("charmcraft: account and names")
struct CharmcraftNamesTests {
    @Test func whoamiHasTheKeysCharmcraftIndexes() async throws {
        try await Charmcraft.withServer { server, _ in
            let response = try await Charmcraft(server: server, user: "alice").request(.GET, "/v1/tokens/whoami")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            let object = try JSONShape.object(response)
            #expect(Set(object.keys) == ["account", "permissions", "packages", "channels"])
            #expect(JSONShape.keys(object["account"]) == ["display-name", "username", "id"])
            #expect(object["packages"] is NSNull && object["channels"] is NSNull)
            let whoami = try WireCoding.decode(CharmWhoamiResponse.self, from: response.body)
            #expect(whoami.account.username == "alice")
            #expect(whoami.permissions.contains("package-manage"))
            #expect(whoami.permissions.contains("account-register-package"))
        }
    }

    @Test func whoamiNeedsValidCredentials() async throws {
        try await Charmcraft.withServer { server, _ in
            let anonymous = try await Charmcraft(server: server).request(.GET, "/v1/tokens/whoami")
            #expect(anonymous.status == 401)
            #expect(try JSONShape.firstError(anonymous).code == "macaroon-permission-required")
            let forged = try await server.request(.GET, "/v1/tokens/whoami", authorization: "Macaroon stui_notatoken")
            #expect(forged.status == 401)
            #expect(try JSONShape.firstError(forged).code == "macaroon-permission-required")
        }
    }

    @Test func namesListsOnlyTheCallersCharms() async throws {
        try await Charmcraft.withServer { server, _ in
            let eve = try await Charmcraft(server: server, user: "eve").request(.GET, "/v1/charm")
            #expect(eve.status == 200)
            let results = JSONShape.items(try JSONShape.object(eve)["results"])
            #expect(results.compactMap { $0["name"] as? String } == ["postgresql-k8s"])
            for item in results {
                #expect(JSONShape.keys(item).isSuperset(of: ["name", "type", "private", "status", "publisher"]))
                #expect((item["publisher"] as? [String: Any])?["display-name"] is String)
                #expect(item["tracks"] == nil)
            }
            let decoded = try WireCoding.decode(CharmRegisteredNamesResponse.self, from: eve.body)
            #expect(decoded.results.first?.type == "charm")
            #expect(decoded.results.first?.status == "published")

            let alice = try await Charmcraft(server: server, user: "alice").request(.GET, "/v1/charm?include-collaborations=true")
            #expect(alice.status == 200)
            #expect(try WireCoding.decode(CharmRegisteredNamesResponse.self, from: alice.body).results.isEmpty)
        }
    }

    @Test func registerGivesAnIDAndRefusesTakenNames() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = Charmcraft(server: server, user: "alice")
            let registered = try await alice.request(.POST, "/v1/charm", json: #"{"name": "alice-charm", "type": "charm"}"#)
            #expect(registered.status == 200, "\(registered.text)")
            let id = try WireCoding.decode(CharmRegisterNameResponse.self, from: registered.body).id
            #expect(!id.isEmpty)

            let names = try WireCoding.decode(CharmRegisteredNamesResponse.self, from: try await alice.request(.GET, "/v1/charm").body)
            #expect(names.results.map(\.name) == ["alice-charm"])
            #expect(names.results.first?.status == "registered")

            let again = try await Charmcraft(server: server, user: "bob").request(.POST, "/v1/charm", json: #"{"name": "alice-charm", "type": "charm"}"#)
            #expect(again.status == 409)
            #expect(try JSONShape.firstError(again).code == "conflict")

            let snap = try await alice.request(.POST, "/v1/charm", json: #"{"name": "x-charm", "type": "snap"}"#)
            #expect(snap.status == 400)
            let invalid = try await alice.request(.POST, "/v1/charm", json: #"{"name": "Bad_Name", "type": "charm"}"#)
            #expect(invalid.status == 400)
            let anonymous = try await Charmcraft(server: server).request(.POST, "/v1/charm", json: #"{"name": "anon-charm", "type": "charm"}"#)
            #expect(anonymous.status == 401)
        }
    }

    @Test func metadataListsTracks() async throws {
        try await Charmcraft.withServer { server, _ in
            let eve = Charmcraft(server: server, user: "eve")
            let response = try await eve.request(.GET, "/v1/charm/postgresql-k8s")
            #expect(response.status == 200, "\(response.text)")
            let metadata = try JSONShape.object(response)["metadata"] as? [String: Any]
            #expect(JSONShape.keys(metadata).isSuperset(of: [
                "id", "name", "private", "publisher", "status", "store", "type", "default-track", "tracks", "track-guardrails",
            ]))
            let decoded = try WireCoding.decode(CharmPackageMetadataResponse.self, from: response.body).metadata
            #expect(decoded.tracks?.map(\.name) == ["latest"])
            #expect(decoded.trackGuardrails == [])
            #expect(decoded.defaultTrack == "latest")
            for track in JSONShape.items(metadata?["tracks"]) {
                #expect(JSONShape.keys(track) == ["name", "created-at", "version-pattern", "automatic-phasing-percentage"])
            }

            let snap = try await eve.request(.GET, "/v1/charm/hello-world")
            #expect(snap.status == 404)
            #expect(try JSONShape.firstError(snap).code == "resource-not-found")
        }
    }

    @Test func aNameWithoutRevisionsIsUnregisteredAndFreeAgain() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = Charmcraft(server: server, user: "alice")
            let registered = try await alice.request(.POST, "/v1/charm", json: #"{"name": "short-lived", "type": "charm"}"#)
            let id = try JSONShape.object(registered)["id"] as? String
            let empty = try await alice.request(.DELETE, "/v1/charm/short-lived")
            #expect(empty.status == 200, "\(empty.text)")
            #expect(try JSONShape.object(empty)["package-id"] as? String == id)
            #expect(try await alice.request(.GET, "/v1/charm/short-lived").status == 404)
            let again = try await Charmcraft(server: server, user: "eve").request(.POST, "/v1/charm", json: #"{"name": "short-lived", "type": "charm"}"#)
            #expect(again.status == 200, "\(again.text)")
            #expect(try await server.direct(as: "admin").auditLog(AuditQuery(action: "package.unregister")).items.count == 1)

            let uploaded = try await Charmcraft(server: server, user: "eve").request(.DELETE, "/v1/charm/postgresql-k8s")
            #expect(uploaded.status == 409)
            #expect(try JSONShape.firstError(uploaded).message.contains("uploaded revisions"))

            let stranger = try await alice.request(.DELETE, "/v1/charm/postgresql-k8s")
            #expect(stranger.status == 403)
            #expect(try JSONShape.firstError(stranger).code == "permission-denied")
        }
    }

    @Test func tracksCannotBeCreated() async throws {
        try await Charmcraft.withServer { server, _ in
            let eve = Charmcraft(server: server, user: "eve")
            let latest = try await eve.request(
                .POST, "/v1/charm/postgresql-k8s/tracks", json: #"[{"name": "latest", "automatic-phasing-percentage": null}]"#)
            #expect(latest.status == 400)
            let error = try JSONShape.firstError(latest)
            #expect(error.code == "api-error")
            #expect(error.message == "Creation of 'latest' track is not allowed")

            let other = try await eve.request(.POST, "/v1/charm/postgresql-k8s/tracks", json: #"[{"name": "5", "automatic-phasing-percentage": null}]"#)
            #expect(other.status == 400)
            #expect(try JSONShape.firstError(other).message.contains("guardrail"))
        }
    }

    @Test func librariesBulkIsAnonymousAndEmpty() async throws {
        try await Charmcraft.withServer { server, _ in
            let anonymous = Charmcraft(server: server)
            let empty = try await anonymous.request(.POST, "/v1/charm/libraries/bulk", json: "[]")
            #expect(empty.status == 200)
            #expect(empty.text == #"{"libraries":[]}"#)
            let asked = try await anonymous.request(.POST, "/v1/charm/libraries/bulk", json: #"[{"library-id": "abc", "api": 0}]"#)
            #expect(try WireCoding.decode(CharmLibrariesResponse.self, from: asked.body).libraries.isEmpty)
            let notArray = try await anonymous.request(.POST, "/v1/charm/libraries/bulk", json: "{}")
            #expect(notArray.status == 400)
        }
    }
}

@Suite("charmcraft: printable text")
struct CharmcraftPrintableTests {
    @Test func escapesAndBidiOverridesAreDropped() {
        let hostile = "Mallory\u{1B}]0;Canonical (verified)\u{07}\u{202E}deifirev\u{202C} \u{2713}"
        #expect(CharmcraftDocuments.printable(hostile) == "Mallory]0;Canonical (verified)deifirev \u{2713}")
        #expect(CharmcraftDocuments.printable("line one\nline two\t!", keepingNewlines: true) == "line one\nline two!")
        #expect(CharmcraftDocuments.printable("Zoë 🚀 Ünïcødé") == "Zoë 🚀 Ünïcødé")
    }
}

import Foundation
import StoreAPI
@testable import StoreServer
import Testing

@Suite("Public v2 API")
struct PublicAPITests {
    @Test func findWithoutFieldsReturnsOnlyNamesAndAnEmptySnap() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/v2/snaps/find?q=hello")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("Snap-Store-Version") == "69")
            #expect(response.header("X-Request-Id")?.isEmpty == false)
            let results = try #require(try response.object()["results"] as? [[String: Any]])
            let names = Set(results.compactMap { $0["name"] as? String })
            #expect(names.contains("hello") && names.contains("hello-world"))
            #expect(names.isDisjoint(with: Fixture.hiddenNames))
            #expect(!names.contains("postgresql-k8s"))
            for result in results {
                #expect(Set(result.keys) == ["name", "snap-id", "snap"])
                #expect((result["snap"] as? [String: Any])?.isEmpty == true)
            }
        }
    }

    @Test func findWithFieldsCarriesTheStableRevision() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/v2/snaps/find?q=hello&fields=title,publisher,version,revision,channel")
            let results = try #require(try response.object()["results"] as? [[String: Any]])
            let hello = try #require(results.first { $0["name"] as? String == "hello" })
            let snap = try #require(hello["snap"] as? [String: Any])
            #expect(snap["title"] as? String == "Hello")
            #expect((snap["publisher"] as? [String: Any])?["username"] as? String == "alice")
            #expect(snap["summary"] == nil)
            let revision = try #require(hello["revision"] as? [String: Any])
            #expect(revision["version"] as? String == "1.0")
            #expect(revision["revision"] as? Int == 1)
            #expect(revision["channel"] as? String == "stable")
        }
    }

    @Test func infoChannelMapFollowsTheSnapStoreRules() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/v2/snaps/info/hello?fields=name,summary,version,revision")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            let document = try response.object()
            #expect(document["name"] as? String == "hello")
            #expect(document["snap-id"] as? String == "pkg-hello")
            #expect(document.keys.contains("default-track"))
            #expect(document["default-track"] is NSNull)
            let snap = try #require(document["snap"] as? [String: Any])
            #expect(Set(snap.keys) == ["name", "summary"])
            let entries = try #require(document["channel-map"] as? [[String: Any]])
            let channels = entries.compactMap { entry -> String? in
                guard let channel = entry["channel"] as? [String: Any] else { return nil }
                return "\(channel["name"] ?? "")|\(channel["track"] ?? "")|\(channel["risk"] ?? "")|\(channel["architecture"] ?? "")|\(entry["revision"] ?? "")"
            }
            // Latest first (name without `latest/`), risk order, architecture; closed and following channels and
            // branches are absent; another track keeps its name.
            #expect(channels == [
                "stable|latest|stable|amd64|1", "edge|latest|edge|amd64|2", "edge|latest|edge|arm64|2", "2.0/stable|2.0|stable|amd64|1",
            ])
            #expect(entries.allSatisfy { ($0["channel"] as? [String: Any])?["released-at"] is String })
            #expect(entries.first?["version"] as? String == "1.0")
            #expect(entries.first?["download"] == nil)
        }
    }

    @Test func infoWithoutFieldsUsesTheStoreDefaults() async throws {
        try await TestServer.with { server async throws in
            let document = try await server.request(.GET, "/v2/snaps/info/hello").object()
            let snap = try #require(document["snap"] as? [String: Any])
            #expect(Set(snap.keys) == ["license", "name", "prices", "publisher", "snap-id", "summary", "title"])
            let entry = try #require((document["channel-map"] as? [[String: Any]])?.first)
            let download = try #require(entry["download"] as? [String: Any])
            #expect(download["size"] as? Int == 1_000_000)
            #expect((download["sha3-384"] as? String)?.count == 96)
            #expect(entry["type"] as? String == "app")
            #expect(entry["created-at"] is String)
        }
    }

    @Test func infoFiltersByArchitecture() async throws {
        try await TestServer.with { server async throws in
            let document = try await server.request(.GET, "/v2/snaps/info/hello?architecture=arm64&fields=revision").object()
            let entries = try #require(document["channel-map"] as? [[String: Any]])
            #expect(entries.count == 1)
            #expect((entries.first?["channel"] as? [String: Any])?["name"] as? String == "edge")
        }
    }

    @Test(arguments: ["no-such-snap", "no:such:package", "secret-tool", "spam-hello", "quarantined-hello", "postgresql-k8s"])
    func infoOfAnUnknownOrHiddenSnapIs404(_ name: String) async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/v2/snaps/info/\(name)")
            #expect(response.status == 404)
            #expect(response.header("Content-Type") == "application/json")
            let error = try response.firstError()
            #expect(error.code == "resource-not-found")
            #expect(error.message == "No snap named '\(name)' found in series '16'.")
        }
    }

    @Test func privateSnapIsVisibleToItsOwner() async throws {
        try await TestServer.with { server async throws in
            let owner = try await server.request(.GET, "/v2/snaps/info/secret-tool", as: "alice")
            let other = try await server.request(.GET, "/v2/snaps/info/secret-tool", as: "eve")
            #expect(owner.status == 200)
            #expect(other.status == 404)
        }
    }

    @Test func badCredentialsOnThePublicAPIAreServedAnonymously() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/v2/snaps/info/hello", authorization: #"Macaroon root="nope", discharge="x""#)
            #expect(response.status == 200)
        }
    }

    @Test func unknownFieldIsRefused() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/v2/snaps/info/hello?fields=name,colour")
            #expect(response.status == 400)
            #expect(try response.firstError().message.contains("colour"))
        }
    }

    @Test func categoriesListNames() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/v2/snaps/categories")
            #expect(response.status == 200)
            let categories = try #require(try response.object()["categories"] as? [[String: Any]])
            #expect(categories.compactMap { $0["name"] as? String }.contains("utilities"))
            #expect(categories.allSatisfy { Set($0.keys) == ["name"] })
        }
    }

    @Test func charmInfoWithoutFieldsHasOnlyIdNameAndType() async throws {
        try await TestServer.with { server async throws in
            let document = try await server.request(.GET, "/v2/charms/info/postgresql-k8s").object()
            #expect(Set(document.keys) == ["id", "name", "type"])
            #expect(document["type"] as? String == "charm")
        }
    }

    @Test func charmInfoChannelMapIsPerBase() async throws {
        try await TestServer.with { server async throws in
            let target = "/v2/charms/info/postgresql-k8s?fields=result.summary,channel-map.channel.name,channel-map.channel.base,channel-map.revision.version,default-release.revision.version"
            let document = try await server.request(.GET, target).object()
            #expect((document["result"] as? [String: Any])?["summary"] as? String == "Charmed PostgreSQL for Kubernetes")
            let map = try #require(document["channel-map"] as? [[String: Any]])
            #expect(map.count == 2)
            let first = try #require(map.first?["channel"] as? [String: Any])
            #expect(first["name"] as? String == "latest/stable")
            #expect((first["base"] as? [String: Any])?["channel"] as? String == "22.04")
            let defaultRelease = try #require(document["default-release"] as? [String: Any])
            #expect((defaultRelease["revision"] as? [String: Any])?["version"] as? String == "14.9")
        }
    }

    @Test func charmFindListsCharmsOnly() async throws {
        try await TestServer.with { server async throws in
            let document = try await server.request(.GET, "/v2/charms/find?q=postgresql&fields=result.summary").object()
            let results = try #require(document["results"] as? [[String: Any]])
            #expect(results.compactMap { $0["name"] as? String } == ["postgresql-k8s"])
        }
    }

    @Test func invalidChannelInTheQueryIs400() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/v2/snaps/find?q=hello&fields=revision&channel=latest/unstable")
            #expect(response.status == 400)
            #expect(try response.firstError().code == "invalid-channel")
        }
    }

    @Test func healthAnswersOKWhenTheDatabaseAnswers() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/health")
            #expect(response.status == 200)
            #expect(try response.object()["status"] as? String == "ok")
            #expect(try response.object()["database"] as? String == "ok")
        }
    }

    @Test func livenessRepliesWithTheEncodersBytesAndNoStore() async throws {
        try await TestServer.with { server async throws in
            let live = try await server.request(.GET, "/health/live")
            #expect(live.status == 200)
            #expect(live.body == (try APICoding.makeEncoder().encode(HealthStatus(status: "ok", database: nil))))
            #expect(live.header("Content-Type") == "application/json")
            #expect(live.header("Cache-Control") == "no-store")
            #expect(live.header("X-Request-Id")?.isEmpty == false)
        }
    }

    @Test func healthIs503WhileTheDatabaseFailsAndLivenessStaysUp() async throws {
        let hooks = Hooks()
        try await TestServer.with(hooks: hooks) { server async throws in
            hooks.failCategories(times: 1)
            let down = try await server.request(.GET, "/health")
            #expect(down.status == 503)
            #expect(try down.object()["status"] as? String == "unavailable")
            #expect(down.headers.first(name: "Retry-After") == "1")
            let live = try await server.request(.GET, "/health/live")
            #expect(live.status == 200)
            // Back to 200 once the database answers again. A loaded machine (the whole suite in parallel) can
            // make one probe miss its 2 s limit and rightly answer 503, so a few probes are allowed.
            var back = try await server.request(.GET, "/health")
            for _ in 0..<4 where back.status != 200 {
                back = try await server.request(.GET, "/health")
            }
            #expect(back.status == 200)
            #expect(hooks.categoriesCalls >= 2, "every /health asks the database")
        }
    }
}

import Foundation
import StoreModels
import Testing

/// How the public info and find read the store when the response cache cannot answer (issue #18).
@Suite("Public read path")
struct PublicReadPathTests {
    @Test func infoReadsThePackageMapAndRevisionsInOneStorageCall() async throws {
        let hooks = Hooks()
        try await TestServer.with(hooks: hooks) { server async throws in
            hooks.resetReads()
            let response = try await server.request(.GET, "/v2/snaps/info/hello?fields=title,version,revision,download&one=1")
            #expect(response.status == 200)
            #expect(hooks.reads == ["refreshCatalogue": 1])
            let entries = try #require(try response.object()["channel-map"] as? [[String: Any]])
            #expect(!entries.isEmpty)
            #expect(entries.allSatisfy { $0["version"] is String && $0["download"] is [String: Any] })
        }
    }

    @Test func findWithPackageFieldsReadsEveryResultInOneStorageCall() async throws {
        let hooks = Hooks()
        try await TestServer.with(hooks: hooks) { server async throws in
            hooks.resetReads()
            let response = try await server.request(.GET, "/v2/snaps/find?q=hello&fields=title,description,revision,version")
            #expect(response.status == 200)
            let results = try #require(try response.object()["results"] as? [[String: Any]])
            #expect(results.count > 1)
            #expect(results.allSatisfy { ($0["revision"] as? [String: Any])?["revision"] is Int })
            #expect(hooks.reads == ["refreshCatalogue": 1])
        }
    }

    @Test func hiddenPackagesStayHiddenFromInfoAndFind() async throws {
        try await TestServer.with { server async throws in
            for name in Fixture.hiddenNames {
                #expect(try await server.request(.GET, "/v2/snaps/info/\(name)").status == 404)
            }
            let response = try await server.request(.GET, "/v2/snaps/find?q=hello&fields=title,description,revision")
            let names = try #require(try response.object()["results"] as? [[String: Any]]).compactMap { $0["name"] as? String }
            #expect(Set(names).isDisjoint(with: Fixture.hiddenNames))
        }
    }

    @Test func infoAndFindRepliesAreTheFoundationEncodersBytes() async throws {
        try await TestServer.with { server async throws in
            for path in [
                "/v2/snaps/info/hello", "/v2/snaps/info/hello-world?fields=\(Self.allInfoFields)",
                "/v2/snaps/find?q=hello&fields=\(Self.allFindFields)", "/v2/snaps/find?q=hello",
            ] {
                let response = try await server.request(.GET, path)
                #expect(response.status == 200)
                let reencoded: Data = path.contains("/info/")
                    ? try WireCoding.encode(try WireCoding.decode(SnapInfoResponse.self, from: response.body))
                    : try WireCoding.encode(try WireCoding.decode(SnapFindResponse.self, from: response.body))
                #expect(response.body == reencoded, "\(path)")
            }
        }
    }

    static let allInfoFields = "architectures,base,categories,common-ids,confinement,contact,created-at,description,download,epoch,license,links,media,name,prices,private,publisher,resources,revision,snap-id,snap-yaml,store-url,summary,title,type,version,website"
    static let allFindFields = allInfoFields + ",channel"
}

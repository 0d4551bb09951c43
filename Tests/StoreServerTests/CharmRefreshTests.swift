import Crypto
import Foundation
import StoreModels
import StoreService
import Testing

/// Juju's side: `POST /v2/charms/refresh` in Charmhub's shapes, and the charm and resource files it names.
@Suite("Juju: charm refresh")
struct CharmRefreshTests {
    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    @Test func aCharmWithAResourceIsInstalledByBaseAndItsFilesDownloadAsStated() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await CharmcraftResourceTests.charmDeclaringResources(server)
            let bytes = Data("resource bytes".utf8)
            _ = try await CharmcraftResourceTests.pushResource(bytes, "data", as: alice)
            let released = try await alice.request(
                .POST, "/v1/charm/alice-charm/releases",
                json: #"[{"revision": 1, "channel": "stable", "resources": [{"name": "data", "revision": 1}]}]"#)
            #expect(released.status == 200, "\(released.text)")
            let id = try await server.direct(as: "alice").package(named: PackageName(trusted: "alice-charm")).package.id

            let body = """
                {"context": [{"instance-key": "app-1", "id": "\(id)", "revision": 1,
                              "base": {"architecture": "amd64", "name": "ubuntu", "channel": "22.04"}, "tracking-channel": "latest/stable"}],
                 "actions": [{"action": "install", "instance-key": "i-1", "name": "alice-charm", "channel": "stable",
                              "base": {"architecture": "amd64", "name": "ubuntu", "channel": "22.04"}},
                             {"action": "refresh", "instance-key": "app-1", "id": "\(id)", "base": null},
                             {"action": "install", "instance-key": "i-2", "name": "alice-charm", "channel": "stable",
                              "base": {"architecture": "amd64", "name": "ubuntu", "channel": "24.04"}},
                             {"action": "install", "instance-key": "i-3", "name": "no-such-charm", "channel": "stable", "base": null}],
                 "fields": ["bases", "config-yaml", "download", "id", "metadata-yaml", "name", "resources", "revision", "type", "version"]}
                """
            let response = try await server.request(.POST, "/v2/charms/refresh", body: body)
            #expect(response.status == 200, "\(response.text)")
            let reply = try WireCoding.decode(CharmRefreshResponse.self, from: response.body)
            #expect(Set(reply.results.map(\.instanceKey)) == ["i-1", "app-1", "i-2", "i-3"], "every action gets a result")
            let install = try #require(reply.results.first { $0.instanceKey == "i-1" }?.charm)
            #expect(install.revision == 1 && install.metadataYAML == CharmcraftResourceTests.metadata && !install.configYAML.isEmpty)
            #expect(install.bases == [CharmRefreshBase(architecture: "amd64", name: "ubuntu", channel: "22.04")])
            let file = try await server.request(.GET, String(install.download.url.dropFirst(server.baseURL.count)), contentType: nil)
            #expect(file.status == 200 && Self.sha256(file.body) == install.download.sha256 && Int64(file.body.count) == install.download.size)
            let resource = try #require(install.resources.first)
            #expect(resource.name == "data" && resource.revision == 1 && resource.filename == "data.tar")
            let blob = try await server.request(.GET, String(resource.download.url.dropFirst(server.baseURL.count)), contentType: nil)
            #expect(blob.status == 200 && blob.body == bytes && Self.sha256(bytes) == resource.download.sha256, "\(blob.status) \(blob.text)")
            #expect(reply.results.first { $0.instanceKey == "app-1" }?.result == "refresh", "a refresh answers even when current")
            let otherBase = try #require(reply.results.first { $0.instanceKey == "i-2" }?.error)
            #expect(otherBase.code == "revision-not-found" && otherBase.extra != nil, "\(otherBase)")
            #expect(reply.results.first { $0.instanceKey == "i-3" }?.error?.code == "name-not-found")
        }
    }

    @Test func jujuInstallsAndRefreshesCountInTheCharmsAdoptionFigures() async throws {
        try await Charmcraft.withServer(metricsFlushInterval: 0.05) { server, _ in
            let alice = try await CharmcraftResourceTests.charmDeclaringResources(server)
            _ = try await CharmcraftResourceTests.pushResource(Data("r".utf8), "data", as: alice)
            let released = try await alice.request(
                .POST, "/v1/charm/alice-charm/releases",
                json: #"[{"revision": 1, "channel": "stable", "resources": [{"name": "data", "revision": 1}]}]"#)
            #expect(released.status == 200, "\(released.text)")
            let id = try await server.direct(as: "alice").package(named: PackageName(trusted: "alice-charm")).package.id
            let base = #"{"architecture": "amd64", "name": "ubuntu", "channel": "22.04"}"#
            // Three applications deployed, then the first one asks whether there is anything newer.
            for key in ["app-a", "app-b", "app-c"] {
                let response = try await server.request(.POST, "/v2/charms/refresh", body: """
                    {"context": [], "actions": [{"action": "install", "instance-key": "\(key)", "name": "alice-charm",
                     "channel": "stable", "base": \(base)}]}
                    """)
                #expect(response.status == 200, "\(response.text)")
            }
            let refresh = try await server.request(.POST, "/v2/charms/refresh", body: """
                {"context": [{"instance-key": "app-a", "id": "\(id)", "revision": 1, "base": \(base), "tracking-channel": "latest/stable"}],
                 "actions": [{"action": "refresh", "instance-key": "app-a", "id": "\(id)"}]}
                """)
            #expect(refresh.status == 200, "\(refresh.text)")
            let range = MetricsRange(lastDay: MetricsDays.day(of: Date().addingTimeInterval(60)), days: 2)
            var metrics: PackageMetrics?
            for _ in 0..<200 {
                metrics = try await server.direct(as: "alice").packageMetrics(name: "alice-charm", range: range, breakdown: .channel)
                if (metrics?.series.flatMap(\.requests).reduce(0, +) ?? 0) >= 4 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let stable = try #require(metrics?.series.first { $0.label == "latest/stable" }, "\(String(describing: metrics))")
            #expect(stable.requests.reduce(0, +) == 4)
            #expect(stable.downloads.reduce(0, +) == 3, "the refresh to the deployed revision downloads nothing")
            #expect(stable.activeDevices.reduce(0, +) == 3, "one device per deployed application")
        }
    }

    @Test func anUnreleasedResourceRevisionIsNotServedToStrangers() async throws {
        try await Charmcraft.withServer { server, _ in
            let alice = try await CharmcraftResourceTests.charmDeclaringResources(server)
            _ = try await CharmcraftResourceTests.pushResource(Data("x".utf8), "data", as: alice)
            let id = try await server.direct(as: "alice").package(named: PackageName(trusted: "alice-charm")).package.id
            let path = "/api/v1/resources/download/charm_\(id).data_1"
            let stranger = try await server.request(.GET, path, contentType: nil)
            #expect(stranger.status == 404)
            let owner = try await server.request(.GET, path, as: "alice", contentType: nil)
            #expect(owner.status == 200 && owner.body == Data("x".utf8))
        }
    }
}

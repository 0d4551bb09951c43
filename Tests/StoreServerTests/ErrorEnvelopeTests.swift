import Foundation
import StoreServer
import Testing

@Suite("Error envelope")
struct ErrorEnvelopeTests {
    private static let plan = "/api/v1/packages/hello/releases"

    @Test(arguments: [
        ("{not json", "not valid JSON"),
        (#"{"operations": 3}"#, "operations"),
        (#"{"operations": [], "sneaky": true}"#, "unknown field 'sneaky'"),
        (#"{"operations": [{"release": {"revision": 2, "channels": ["latest/stable"], "extra": 1}}]}"#, "operations[0].release.extra"),
        (#"{"operations": [{"release": {"revision": 2, "channels": ["latest/unstable"]}}]}"#, "unstable"),
        (#"{"operations": [{"release": {"revision": "two", "channels": ["stable"]}}]}"#, "revision"),
        ("{}", "operations"),
        (#"{"operations": [{"release": {"revision": 2, "channels": ["stable\u0000"]}}]}"#, "operations[0].release.channels[0]' contains a NUL"),
        ("", "needs a JSON body"),
    ])
    func malformedBodiesAre400WithAMessage(_ body: String, _ mentions: String) async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.POST, Self.plan, as: "alice", body: body)
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/json")
            let error = try response.firstError()
            #expect(error.code == "bad-argument")
            #expect(error.message.contains(mentions), "\(error.message)")
        }
    }

    @Test func unknownFieldsInADTOAreRefused() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(
                .POST, "/api/v1/packages", as: "alice", body: #"{"name": "brand-new", "type": "snap", "status": "published"}"#)
            #expect(response.status == 400)
            #expect(try response.firstError().message.contains("status"))
        }
    }

    @Test func wrongContentTypeIs415() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.POST, Self.plan, as: "alice", body: "operations=1", contentType: "application/x-www-form-urlencoded")
            #expect(response.status == 415)
            #expect(try response.firstError().code == "unsupported-media-type")
        }
    }

    @Test func oversizedBodyIs413() async throws {
        var configuration = TestServer.configuration()
        configuration.maxBodySize = 16 * 1024
        try await TestServer.with(configuration) { server async throws in
            let body = #"{"operations": [], "padding": ""# + String(repeating: "x", count: 20 * 1024) + #""}"#
            let response = try await server.request(.POST, Self.plan, as: "alice", body: body)
            #expect(response.status == 413)
            #expect(try response.firstError().code == "payload-too-large")
        }
    }

    @Test func hugeQueryStringIs414() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/api/v1/packages?q=" + String(repeating: "a", count: 10_000))
            #expect(response.status == 414)
            #expect(try response.firstError().code == "uri-too-long")
        }
    }

    @Test(arguments: ["/api/v1/packages?limit=0", "/api/v1/packages?limit=abc", "/api/v1/packages?verified=maybe",
                      "/api/v1/packages?colour=red", "/api/v1/packages?q=%E2%28", "/api/v1/packages?q=a&q=b",
                      "/api/v1/packages?sort=size", "/api/v1/packages?sort=--name", "/api/v1/packages?sort=Name",
                      "/api/v1/packages/Not_A_Name"])
    func badParametersAre400(_ target: String) async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, target)
            #expect(response.status == 400)
            #expect(try response.firstError().code == "bad-argument")
        }
    }

    @Test func unknownRouteIs404Envelope() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/no/such/thing")
            #expect(response.status == 404)
            #expect(response.header("Content-Type") == "application/json")
            #expect(try response.firstError().code == "not-found")
        }
    }

    @Test func wrongMethodIs405WithAllow() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.PUT, "/api/v1/packages/hello")
            #expect(response.status == 405)
            #expect(response.header("Allow") == "DELETE, GET, HEAD")
            #expect(try response.firstError().code == "method-not-allowed")
        }
    }

    @Test func unavailableStoreIs503WithRetryAfter() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/api/v1/packages?q=unavailable")
            #expect(response.status == 503)
            #expect(response.header("Retry-After") == "1")
            #expect(try response.firstError().code == "store-unavailable")
        }
    }

    @Test func bugsAre500WithoutDetailsLeaking() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/api/v1/packages?q=bug")
            #expect(response.status == 500)
            #expect(try response.firstError().code == "api-error")
        }
    }

    @Test func clientRequestIDIsEchoedAndBadOnesReplaced() async throws {
        try await TestServer.with { server async throws in
            let echoed = try await server.request(.GET, "/health", headers: [("X-Request-Id", "abc-123")])
            #expect(echoed.header("X-Request-Id") == "abc-123")
            let replaced = try await server.request(.GET, "/health", headers: [("X-Request-Id", "bad id; injected=1")])
            let id = try #require(replaced.header("X-Request-Id"))
            #expect(id != "bad id; injected=1" && id.count == 16)
        }
    }

    @Test func notFoundPackageIs404InOurAPI() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/api/v1/packages/no-such-package")
            #expect(response.status == 404)
            #expect(try response.firstError().code == "resource-not-found")
        }
    }
}

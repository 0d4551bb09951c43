import Foundation
import StoreModels
import StoreService
import Testing

@Suite("Idempotency-Key")
struct IdempotencyTests {
    private static let register = #"{"name": "fresh-name", "type": "snap"}"#

    @Test func aRetriedRequestIsReplayedAndAppliedOnce() async throws {
        try await TestServer.with { server in
            let key = [("Idempotency-Key", "3f8e7c1a-key")]
            let first = try await server.request(.POST, "/api/v1/packages", as: "alice", headers: key, body: Self.register)
            #expect(first.status == 201, "\(first.text)")
            let second = try await server.request(.POST, "/api/v1/packages", as: "alice", headers: key, body: Self.register)
            #expect(second.status == 201)
            #expect(second.body == first.body)
            #expect(second.header("Idempotent-Replayed") == "true")
            // Without the key the same request really runs again, and the name is taken.
            let third = try await server.request(.POST, "/api/v1/packages", as: "alice", body: Self.register)
            #expect(third.status == 409)
            let events = try await server.direct(as: "admin").auditLog(AuditQuery(package: "fresh-name"))
            #expect(events.items.count == 1)
        }
    }

    @Test func aReplayedReleaseBumpsTheVersionOnce() async throws {
        try await TestServer.with { server in
            let headers = [("Idempotency-Key", "release-1"), ("If-Match", "\"cm-3\"")]
            let body = #"{"operations": [{"close": {"channels": ["latest/edge"]}}]}"#
            let first = try await server.request(.POST, "/api/v1/packages/hello/releases", as: "alice", headers: headers, body: body)
            let second = try await server.request(.POST, "/api/v1/packages/hello/releases", as: "alice", headers: headers, body: body)
            #expect(first.status == 200)
            #expect(second.status == 200)
            #expect(second.header("Idempotent-Replayed") == "true")
            let map = try await server.request(.GET, "/api/v1/packages/hello/channel-map").decode(ChannelMap.self)
            #expect(map.version == 4)
        }
    }

    @Test func theSameKeyForAnotherRequestIs422() async throws {
        try await TestServer.with { server in
            let key = [("Idempotency-Key", "reused")]
            _ = try await server.request(.POST, "/api/v1/packages", as: "alice", headers: key, body: Self.register)
            let other = try await server.request(
                .POST, "/api/v1/packages", as: "alice", headers: key, body: #"{"name": "other-name", "type": "snap"}"#)
            #expect(other.status == 422)
            #expect(try other.firstError().code == "idempotency-key-reused")
        }
    }

    @Test func keysAreScopedToTheCaller() async throws {
        try await TestServer.with { server in
            let key = [("Idempotency-Key", "shared")]
            let alice = try await server.request(.POST, "/api/v1/packages", as: "alice", headers: key, body: Self.register)
            let bob = try await server.request(.POST, "/api/v1/packages", as: "bob", headers: key, body: Self.register)
            #expect(alice.status == 201)
            #expect(bob.status == 409)
            #expect(bob.header("Idempotent-Replayed") == nil)
        }
    }

    @Test func invalidKeyIs400() async throws {
        try await TestServer.with { server in
            let response = try await server.request(
                .POST, "/api/v1/packages", as: "alice", headers: [("Idempotency-Key", String(repeating: "k", count: 300))], body: Self.register)
            #expect(response.status == 400)
        }
    }
}

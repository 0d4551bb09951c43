import Foundation
import StoreModels
import StoreService
import Testing
import Hummingbird
import StoreClient
@testable import StoreServer

@Suite("Idempotency-Key")
struct IdempotencyTests {
    private static let register = #"{"name": "fresh-name", "type": "snap"}"#

    @Test func aRetriedRequestIsReplayedAndAppliedOnce() async throws {
        try await TestServer.with { server async throws in
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
        try await TestServer.with { server async throws in
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
        try await TestServer.with { server async throws in
            let key = [("Idempotency-Key", "reused")]
            _ = try await server.request(.POST, "/api/v1/packages", as: "alice", headers: key, body: Self.register)
            let other = try await server.request(
                .POST, "/api/v1/packages", as: "alice", headers: key, body: #"{"name": "other-name", "type": "snap"}"#)
            #expect(other.status == 422)
            #expect(try other.firstError().code == "idempotency-key-reused")
        }
    }

    @Test func keysAreScopedToTheCaller() async throws {
        try await TestServer.with { server async throws in
            let key = [("Idempotency-Key", "shared")]
            let alice = try await server.request(.POST, "/api/v1/packages", as: "alice", headers: key, body: Self.register)
            let bob = try await server.request(.POST, "/api/v1/packages", as: "bob", headers: key, body: Self.register)
            #expect(alice.status == 201)
            #expect(bob.status == 409)
            #expect(bob.header("Idempotent-Replayed") == nil)
        }
    }

    @Test func invalidKeyIs400() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(
                .POST, "/api/v1/packages", as: "alice", headers: [("Idempotency-Key", String(repeating: "k", count: 300))], body: Self.register)
            #expect(response.status == 400)
        }
    }
}

@Suite("Idempotency store")
struct IdempotencyStoreTests {
    private static func reply(_ status: HTTPResponse.Status) -> APIResponse {
        APIResponse(status: status, headers: [:], body: Array("{}".utf8))
    }

    @Test func decidesProceedInProgressReplayAndMismatch() async {
        let store = IdempotencyStore(ttl: 60, capacity: 10)
        guard case .proceed = await store.begin(scope: "a", fingerprint: "f1") else { Issue.record("first"); return }
        guard case .inProgress = await store.begin(scope: "a", fingerprint: "f1") else { Issue.record("in progress"); return }
        guard case .mismatch = await store.begin(scope: "a", fingerprint: "f2") else { Issue.record("mismatch"); return }
        await store.finish(scope: "a", response: Self.reply(.created))
        guard case .replay(let response) = await store.begin(scope: "a", fingerprint: "f1") else { Issue.record("replay"); return }
        #expect(response.status == .created)
    }

    @Test func serverErrorsAreNotKept() async {
        let store = IdempotencyStore(ttl: 60, capacity: 10)
        _ = await store.begin(scope: "a", fingerprint: "f")
        await store.finish(scope: "a", response: Self.reply(.serviceUnavailable))
        guard case .proceed = await store.begin(scope: "a", fingerprint: "f") else { Issue.record("should run again"); return }
    }

    @Test func expiredAndExcessRecordsAreDropped() async {
        let expiring = IdempotencyStore(ttl: 0, capacity: 10)
        _ = await expiring.begin(scope: "a", fingerprint: "f")
        await expiring.finish(scope: "a", response: Self.reply(.ok))
        guard case .proceed = await expiring.begin(scope: "a", fingerprint: "other") else { Issue.record("expired"); return }

        let small = IdempotencyStore(ttl: 60, capacity: 3)
        for index in 0..<10 {
            _ = await small.begin(scope: "k\(index)", fingerprint: "f")
            await small.finish(scope: "k\(index)", response: Self.reply(.ok))
        }
        #expect(await small.count <= 3)
    }
}

@Suite("Idempotent retries from the client")
struct IdempotentRetryTests {
    @Test func aTimedOutWriteRetriedWithItsKeyTakesEffectOnce() async throws {
        // The first attempt times out (the write takes 4 s, the client waits 2.5 s); a retry then gets the
        // write's own reply. The margins are wide because the whole suite runs beside it on two cores.
        let hooks = Hooks(slowDelay: .milliseconds(4000))
        try await TestServer.with(hooks: hooks) { server async throws in
            let configuration = HTTPStoreClient.Configuration(
                requestTimeout: .milliseconds(2500), retry: RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(100)))
            let client = HTTPStoreClient(baseURL: server.baseURL, token: server.tokens["alice"], configuration: configuration)
            let package: Package
            do {
                package = try await client.registerName(PackageName(trusted: "slow-name"), type: .snap, isPrivate: false)
            } catch {
                await client.shutdown()
                throw error
            }
            await client.shutdown()
            #expect(package.name.rawValue == "slow-name")
            let events = try await server.direct(as: "admin").auditLog(AuditQuery(package: "slow-name"))
            #expect(events.items.count == 1)
        }
    }
}

import Foundation
import StoreAPI
import StoreModels
import StoreService
import Testing

@Suite("ETag and If-Match")
struct ChannelMapConcurrencyTests {
    private static let promote = #"{"operations": [{"promote": {"from": "latest/edge", "to": "latest/beta"}}]}"#
    private static let close = #"{"operations": [{"close": {"channels": ["latest/edge"]}}]}"#

    @Test func channelMapCarriesItsVersionAsAStrongETag() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/api/v1/packages/hello/channel-map")
            #expect(response.status == 200)
            #expect(response.header("ETag") == "\"cm-3\"")
            #expect(try response.decode(ChannelMap.self).version == 3)
            let unchanged = try await server.request(.GET, "/api/v1/packages/hello/channel-map", headers: [("If-None-Match", "\"cm-3\"")])
            #expect(unchanged.status == 304)
        }
    }

    @Test func matchingIfMatchApplies() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(
                .POST, "/api/v1/packages/hello/releases", as: "alice", headers: [("If-Match", "\"cm-3\"")], body: Self.promote)
            #expect(response.status == 200, "\(response.text)")
            #expect(response.header("ETag") == "\"cm-4\"")
            let outcome = try response.decode(PlanOutcome.self)
            #expect(outcome.map.version == 4)
            #expect(outcome.changes.contains { $0.channel.fullName == "latest/beta" })
        }
    }

    @Test func staleIfMatchIs412WithTheChangesAndNothingApplied() async throws {
        try await TestServer.with { server async throws in
            let first = try await server.request(
                .POST, "/api/v1/packages/hello/releases", as: "alice", headers: [("If-Match", "\"cm-3\"")], body: Self.close)
            #expect(first.status == 200)
            let second = try await server.request(
                .POST, "/api/v1/packages/hello/releases", as: "bob", headers: [("If-Match", "\"cm-3\"")], body: Self.promote)
            #expect(second.status == 412)
            #expect(second.header("ETag") == "\"cm-4\"")
            let envelope = try second.decode(APIErrorEnvelope.self)
            let item = try #require(envelope.errorList.first)
            #expect(item.code == "channel-map-changed")
            #expect(item.extra?.expected == 3)
            #expect(item.extra?.actual == 4)
            let changes = try #require(item.extra?.changes)
            #expect(changes.contains { $0.channel.fullName == "latest/edge" })
            let map = try await server.request(.GET, "/api/v1/packages/hello/channel-map").decode(ChannelMap.self)
            #expect(map.version == 4)
        }
    }

    @Test func withoutIfMatchThePlanAppliesUnconditionally() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.POST, "/api/v1/packages/hello/releases", as: "alice", body: Self.close)
            #expect(response.status == 200)
            #expect(response.header("ETag") == "\"cm-4\"")
        }
    }

    @Test(arguments: ["cm-3", "W/\"cm-3\"", "\"cm-x\"", "\"cm-3\", \"cm-4\""])
    func malformedIfMatchIs400(_ value: String) async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(
                .POST, "/api/v1/packages/hello/releases", as: "alice", headers: [("If-Match", value)], body: Self.close)
            #expect(response.status == 400)
            #expect(try response.firstError().message.contains("If-Match"))
        }
    }

    @Test func releasingAPendingRevisionIs400WithThePlanError() async throws {
        try await TestServer.with { server async throws in
            let body = #"{"operations": [{"release": {"revision": 3, "channels": ["stable"]}}]}"#
            let response = try await server.request(.POST, "/api/v1/packages/hello/releases", as: "alice", body: body)
            #expect(response.status == 400)
            let item = try #require(try response.decode(APIErrorEnvelope.self).errorList.first)
            #expect(item.code == "revision-not-approved")
            #expect(item.extra?.plan?.reason == "revisionNotApproved")
        }
    }
}

@Suite("Concurrent releases")
struct ConcurrentReleaseTests {
    @Test func concurrentPlansWithTheSameIfMatchHaveOneWinner() async throws {
        try await TestServer.with { server async throws in
            let body = #"{"operations": [{"close": {"channels": ["latest/edge"]}}]}"#
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<12 {
                    let user = index.isMultiple(of: 2) ? "alice" : "bob"
                    group.addTask {
                        try await server.request(
                            .POST, "/api/v1/packages/hello/releases", as: user, headers: [("If-Match", "\"cm-3\"")], body: body
                        ).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 412 }.count == 11, "\(statuses)")
            let map = try await server.request(.GET, "/api/v1/packages/hello/channel-map").decode(ChannelMap.self)
            #expect(map.version == 4)
        }
    }
}

import Foundation
import StoreModels
import StoreService
import Testing

@Suite("Role checks on admin endpoints")
struct AdminRoleTests {
    /// Endpoint, caller, expected status.
    static let matrix: [(String, String, String?, Int)] = [
        ("GET", "/api/v1/reviews", nil, 401),
        ("GET", "/api/v1/reviews", "alice", 403),
        ("GET", "/api/v1/reviews", "reviewer", 200),
        ("GET", "/api/v1/reviews", "admin", 200),
        ("GET", "/api/v1/audit", nil, 401),
        ("GET", "/api/v1/audit", "bob", 403),
        ("GET", "/api/v1/audit", "reviewer", 200),
        ("GET", "/api/v1/tokens", nil, 401),
        ("GET", "/api/v1/tokens?username=bob", "alice", 403),
        ("GET", "/api/v1/tokens", "alice", 200),
        ("GET", "/api/v1/tokens?username=bob", "admin", 200),
        ("GET", "/api/v1/me/packages", nil, 401),
        ("GET", "/api/v1/publishers/alice", nil, 200),
        ("GET", "/api/v1/packages/hello/revisions", nil, 401),
        ("GET", "/api/v1/packages/hello/revisions", "eve", 403),
        ("GET", "/api/v1/packages/hello/revisions", "bob", 200),
    ]

    @Test(arguments: 0..<matrix.count)
    func readEndpointsCheckTheRole(_ index: Int) async throws {
        let (method, target, user, expected) = Self.matrix[index]
        #expect(method == "GET")
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, target, as: user)
            #expect(response.status == expected, "\(user ?? "anonymous") GET \(target): \(response.text)")
        }
    }

    @Test(arguments: [(nil, 401), ("alice", 403), ("reviewer", 403), ("admin", 200)] as [(String?, Int)])
    func suspendingNeedsAnAdmin(_ user: String?, _ expected: Int) async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.POST, "/api/v1/publishers/eve/suspend", as: user, body: #"{"reason": "spam"}"#)
            #expect(response.status == expected, "\(response.text)")
            if expected == 200 {
                let publisher = try response.decode(Publisher.self)
                #expect(publisher.status == .suspended(reason: "spam"))
            }
        }
    }

    @Test func suspensionNeedsAReason() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.POST, "/api/v1/publishers/eve/suspend", as: "admin", body: #"{"reason": "  "}"#)
            #expect(response.status == 400)
            let missing = try await server.request(.POST, "/api/v1/publishers/eve/suspend", as: "admin", body: "{}")
            #expect(missing.status == 400)
        }
    }

    @Test(arguments: [(nil, 401), ("bob", 403), ("admin", 201)] as [(String?, Int)])
    func issuingTokensNeedsAnAdmin(_ user: String?, _ expected: Int) async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(
                .POST, "/api/v1/tokens", as: user, body: #"{"username": "carol", "role": "publisher", "description": "ci"}"#)
            #expect(response.status == expected, "\(response.text)")
        }
    }

    @Test func settingValidationNeedsAnAdmin() async throws {
        try await TestServer.with { server async throws in
            let body = #"{"validation": "starred", "reason": "community"}"#
            let denied = try await server.request(.POST, "/api/v1/publishers/bob/validation", as: "reviewer", body: body)
            #expect(denied.status == 403)
            let allowed = try await server.request(.POST, "/api/v1/publishers/bob/validation", as: "admin", body: body)
            #expect(allowed.status == 200)
            #expect(try allowed.decode(Publisher.self).validation == .starred)
        }
    }

    @Test func reviewingNeedsAReviewerNotInvolved() async throws {
        try await TestServer.with { server async throws in
            let body = #"{"verdict": "approve", "notes": "fine"}"#
            let publisher = try await server.request(.POST, "/api/v1/packages/hello/revisions/3/review", as: "bob", body: body)
            #expect(publisher.status == 403)
            let reviewer = try await server.request(.POST, "/api/v1/packages/hello/revisions/3/review", as: "reviewer", body: body)
            #expect(reviewer.status == 200, "\(reviewer.text)")
            #expect(try reviewer.decode(Revision.self).review.isApproved)
        }
    }

    @Test func suspendedPublisherCannotPublish() async throws {
        try await TestServer.with { server async throws in
            _ = try #require(server.tokens["mallory"])
            let response = try await server.request(
                .POST, "/api/v1/packages/spam-hello/releases", as: "mallory", body: #"{"operations": [{"close": {"channels": ["stable"]}}]}"#)
            #expect(response.status == 403, "\(response.text)")
        }
    }
}

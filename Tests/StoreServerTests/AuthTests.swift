import Foundation
import StoreModels
import StoreService
import Testing
@testable import StoreServer

@Suite("Authentication")
struct AuthTests {
    @Test func noTokenIsAnonymous() async throws {
        try await TestServer.with { server async throws in
            let identity = try await server.request(.GET, "/api/v1/whoami").decode(Identity.self)
            #expect(identity.isAnonymous)
        }
    }

    @Test func everyAcceptedHeaderFormIdentifiesTheCaller() async throws {
        try await TestServer.with { server async throws in
            let token = try #require(server.tokens["alice"])
            for header in ["Bearer \(token)", "bearer \(token)", "Macaroon \(token)", "MACAROON \"\(token)\"",
                           "Macaroon root=\"\(token)\", discharge=\"whatever\"", "Macaroon root=\(token), discharge=x"] {
                let response = try await server.request(.GET, "/api/v1/whoami", authorization: header)
                #expect(response.status == 200, "\(header.prefix(12))")
                #expect(try response.decode(Identity.self).username == "alice")
            }
        }
    }

    @Test(arguments: ["Bearer stui_notarealtoken", "Bearer ", "Basic YWxpY2U6cGFzc3dvcmQ=", "garbage"])
    func badCredentialsAre401(_ header: String) async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/api/v1/whoami", authorization: header)
            #expect(response.status == 401)
            #expect(try response.firstError().code == "macaroon-permission-required")
            #expect(response.header("WWW-Authenticate") != nil)
            #expect(!response.text.contains("notarealtoken"))
        }
    }

    @Test func revokedTokenIs401OnTheNextRequest() async throws {
        try await TestServer.with { server async throws in
            let admin = try await server.direct(as: "admin")
            let issued = try await admin.issueToken(username: "alice", role: .publisher, expiresAt: nil, description: "ci")
            let before = try await server.request(.GET, "/api/v1/whoami", authorization: "Bearer \(issued.secret)")
            #expect(before.status == 200)
            try await admin.revokeToken(id: issued.info.id)
            let after = try await server.request(.GET, "/api/v1/whoami", authorization: "Bearer \(issued.secret)")
            #expect(after.status == 401)
        }
    }

    @Test func expiredTokenIs401() async throws {
        try await TestServer.with { server async throws in
            let admin = try await server.direct(as: "admin")
            let issued = try await admin.issueToken(
                username: "bob", role: .publisher, expiresAt: server.clock.now.addingTimeInterval(60), description: "short")
            let before = try await server.request(.GET, "/api/v1/whoami", authorization: "Bearer \(issued.secret)")
            #expect(before.status == 200)
            server.clock.advance(by: 120)
            let after = try await server.request(.GET, "/api/v1/whoami", authorization: "Bearer \(issued.secret)")
            #expect(after.status == 401)
        }
    }

    @Test func repeatedFailuresFromOneAddressAreThrottled() async throws {
        var configuration = TestServer.configuration()
        configuration.authFailureBurst = 3
        configuration.authFailureRefillPerMinute = 1
        try await TestServer.with(configuration) { server async throws in
            for _ in 0..<3 {
                let response = try await server.request(.GET, "/api/v1/whoami", authorization: "Bearer stui_wrong")
                #expect(response.status == 401)
            }
            let throttled = try await server.request(.GET, "/api/v1/whoami", authorization: "Bearer stui_wrong")
            #expect(throttled.status == 429)
            #expect(Int(throttled.header("Retry-After") ?? "") ?? 0 > 0)
            #expect(try throttled.firstError().code == "rate-limited")
            // Anonymous calls are not throttled.
            let anonymous = try await server.request(.GET, "/api/v1/whoami")
            #expect(anonymous.status == 200)
        }
    }

    @Test func limiterEarnsAttemptsBack() async {
        let clock = ManualClock()
        let limiter = AuthFailureLimiter(burst: 2, refillPerMinute: 6, now: { clock.now })
        await limiter.recordFailure(for: "10.0.0.1")
        await limiter.recordFailure(for: "10.0.0.1")
        #expect(await limiter.retryAfter(for: "10.0.0.1") == 10)
        #expect(await limiter.retryAfter(for: "10.0.0.2") == nil)
        clock.advance(by: .seconds(10))
        #expect(await limiter.retryAfter(for: "10.0.0.1") == nil)
    }

    @Test(arguments: [
        ("Bearer abc", "abc"), ("bearer \"abc\"", "abc"), ("Macaroon abc==", "abc=="),
        ("Macaroon root=\"r1\", discharge=\"d1\"", "r1"), ("macaroon root=r2,discharge=d2", "r2"),
    ])
    func tokenIsTakenFromTheHeader(_ header: String, _ token: String) throws {
        #expect(try TokenAuthenticator.token(fromAuthorization: header) == token)
    }
}

/// A continuous-clock stand-in that tests move by hand.
final class ManualClock: @unchecked Sendable {
    // @unchecked: `offset` is only touched under `lock`.
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var offset = Duration.zero

    var now: ContinuousClock.Instant { lock.withLock { start + offset } }
    func advance(by duration: Duration) { lock.withLock { offset += duration } }
}

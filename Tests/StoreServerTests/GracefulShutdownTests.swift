import AsyncHTTPClient
import Foundation
import Testing

@Suite("Graceful shutdown")
struct GracefulShutdownTests {
    @Test func inFlightRequestFinishesAndNewOnesAreRefused() async throws {
        let hooks = Hooks(slowDelay: .seconds(2))
        let server = try await TestServer.start(hooks: hooks)
        let slow = Task { try await server.request(.GET, "/api/v1/packages?q=slow") }
        var started = hooks.slowStarted.makeAsyncIterator()
        _ = await started.next()
        await server.beginShutdown()
        let response = try await slow.value
        #expect(response.status == 200)
        await server.waitUntilStopped()
        await #expect(throws: (any Error).self) {
            var request = HTTPClientRequest(url: server.baseURL + "/health")
            request.method = .GET
            _ = try await HTTPClient.shared.execute(request, timeout: .seconds(2))
        }
        await server.stop()
    }
}

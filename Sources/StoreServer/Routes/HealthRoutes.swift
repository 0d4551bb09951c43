import Hummingbird
import StoreService

extension StoreAPI {
    /// How long `GET /health` waits for the database before calling it unavailable.
    static let healthProbeLimit: Duration = .seconds(2)

    /// `GET /health` (readiness: answers 503 when the database does not answer within
    /// ``healthProbeLimit``), `GET /health/live` (liveness: the process answers; the database is not
    /// touched) and `GET /openapi.yaml` (the API document).
    func addHealthRoutes(to routes: RouteTable) {
        let backend = backend
        routes.add(.get, "/health", access: .open) { _, context in
            let probe = await DatabaseProbe.check(backend, within: Self.healthProbeLimit)
            switch probe {
            case .ok:
                return try APIResponse.json(HealthStatus(status: "ok", database: "ok"), headers: [.cacheControl: "no-store"])
            case .failed(let reason):
                context.logger.warning("health check: the database did not answer", metadata: ["reason": "\(reason)"])
                return try APIResponse.json(
                    HealthStatus(status: "unavailable", database: reason), status: .serviceUnavailable,
                    headers: [.cacheControl: "no-store", .retryAfter: "1"])
            }
        }
        let live = Self.liveResponse
        routes.add(.get, "/health/live", access: .open) { _, _ in live }
        routes.add(.get, "/openapi.yaml", access: .open) { _, _ in
            APIResponse(status: .ok, headers: [.contentType: "application/yaml"], body: Array(OpenAPIDocument.yaml.utf8))
        }
    }
}

extension StoreAPI {
    /// The reply of `GET /health/live`, built once: `{"status":"ok"}` as the `/api/v1` encoder writes
    /// ``HealthStatus`` without a database, `Cache-Control: no-store`. The floor of every benchmark, so
    /// it encodes nothing per request.
    static let liveResponse = APIResponse(
        status: .ok, headers: [.cacheControl: "no-store", .contentType: APIResponse.jsonContentType],
        body: Array(#"{"status":"ok"}"#.utf8))
}

/// `{"status": "ok", "database": "ok"}`, or `"unavailable"` with what the database said.
struct HealthStatus: Codable, Sendable {
    var status: String
    /// `ok`, the reason it is not, or absent (liveness does not look).
    var database: String?
}

/// One cheap read through the backend, bounded in time.
enum DatabaseProbe {
    enum Outcome: Sendable { case ok, failed(String) }

    /// Reads the categories (a small indexed query) as nobody in particular, giving up after `limit`.
    static func check(_ backend: any StoreBackend, within limit: Duration) async -> Outcome {
        await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do throws(StoreError) {
                    _ = try await backend.service(for: .anonymous).categories()
                    return .ok
                } catch {
                    return .failed(error.description)
                }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return .failed("no answer within \(limit)")
            }
            let first = await group.next() ?? .failed("no answer")
            group.cancelAll()
            return first
        }
    }
}

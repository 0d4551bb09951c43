import Hummingbird

extension StoreAPI {
    /// `GET /health` (liveness: the process answers; it does not touch the database) and
    /// `GET /openapi.yaml` (the API document).
    func addHealthRoutes(to routes: RouteTable) {
        routes.add(.get, "/health") { _, _ in
            try APIResponse.json(HealthStatus(status: "ok"), headers: [.cacheControl: "no-store"])
        }
        routes.add(.get, "/openapi.yaml") { _, _ in
            APIResponse(status: .ok, headers: [.contentType: "application/yaml"], body: Array(OpenAPIDocument.yaml.utf8))
        }
    }
}

/// `{"status": "ok"}`.
struct HealthStatus: Codable, Sendable {
    var status: String
}

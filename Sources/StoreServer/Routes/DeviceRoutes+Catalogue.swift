import Foundation
import Hummingbird
import StoreModels
import StoreService

/// snapd's other device calls: sections (`snap find --section`), names (the daemon's command catalogue),
/// assertions (this store signs none yet) and device sessions.
extension StoreAPI {
    /// The most names `GET /api/v1/snaps/names` lists.
    static let maximumCatalogueNames = 50_000

    func addDeviceCatalogueRoutes(to routes: RouteTable) {
        routes.add(.get, "/api/v1/snaps/sections", access: .catalogue) { request, context in try await snapSections(request, context) }
        routes.add(.get, "/api/v1/snaps/names", access: .catalogue) { request, context in try await snapNames(request, context) }
        // snap-revision/<digest>, account/<id>; snap-declaration/16/<snap-id>; validation-set/16/<account>/<name>.
        for path in ["/v2/assertions/{type}/{key}", "/v2/assertions/{type}/{key}/{more}", "/v2/assertions/{type}/{key}/{more}/{rest}"] {
            routes.add(.get, path, access: .catalogue) { request, context in try await assertion(request, context) }
        }
        routes.add(.post, "/api/v1/snaps/auth/nonces", access: .catalogue, replaysIdempotently: false) { request, context in
            try await deviceNonce(request, context)
        }
        routes.add(.post, "/api/v1/snaps/auth/sessions", access: .catalogue, replaysIdempotently: false) { request, context in
            try await deviceSession(request, context)
        }
    }

    /// `GET /api/v1/snaps/sections`: the store's categories, `application/hal+json` exactly (snapd compares it).
    func snapSections(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let names = try await service(for: .anonymous).categories()
        var response = try APIResponse.wire(SnapSectionsResponse(names: names), headers: [.cacheControl: "public, max-age=3600"])
        response.headers[.contentType] = "application/hal+json"
        return response
    }

    /// `GET /api/v1/snaps/names`: every public snap's name, version and summary, HAL, `_embedded` first
    /// (snapd reads the body as a stream that must begin `{"_embedded":{"clickindex:package":[`).
    func snapNames(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let service = service(for: .anonymous)
        var items: [SnapNamesItem] = []
        var cursor: String?
        repeat {
            try Task.checkCancellation()
            let page = try await service.search(SearchQuery(text: "", type: .snap, cursor: cursor, limit: 500))
            items += page.items.map { SnapNamesItem(packageName: $0.name.rawValue, version: $0.latestStableVersion ?? "", summary: $0.summary) }
            cursor = page.nextCursor
        } while cursor != nil && items.count < Self.maximumCatalogueNames
        let encoder = WireCoding.makeEncoder()
        var body = Array(#"{"_embedded":{"clickindex:package":["#.utf8)
        for (index, item) in items.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body += Array(try encoder.encode(item))
        }
        body += Array("]}}".utf8)
        return APIResponse(
            status: .ok, headers: [.contentType: "application/hal+json", .cacheControl: "public, max-age=300"], body: body)
    }

    /// `GET /v2/assertions/…`: not found, as snapd expects it (JSON `error-list`), since this store does not
    /// sign assertions yet; `snap download` saves and verifies the file, then stops here.
    func assertion(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let type = QueryParameters.printable(String((context.parameters.get("type") ?? "").prefix(40)))
        throw HTTPFailure(
            .notFound, code: "not-found",
            message: "This store does not sign assertions yet: no \(type) assertion is available (install its snaps with --dangerous).")
    }

    /// `POST /api/v1/snaps/auth/nonces`: a nonce for a device session request.
    func deviceNonce(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        try APIResponse.wire(["nonce": Secrets.randomIdentifier(length: 32)])
    }

    /// `POST /api/v1/snaps/auth/sessions` `{"device-session-request", "serial-assertion", "model-assertion"}`:
    /// a session for the device the serial assertion names (brand, model, serial). The assertions are not
    /// verified (this store trusts no signing keys yet), so the session is only the device's key for
    /// progressive releases, `device.` and a digest of brand/model/serial: a device could pick its bucket,
    /// and nothing else depends on it.
    func deviceSession(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        var request = request
        let body = try await JSONBody.decode([String: String].self, from: &request, limit: configuration.maxBodySize)
        guard let serial = body["serial-assertion"], !serial.isEmpty else {
            throw StoreError.invalidInput("the session request needs a serial-assertion")
        }
        var headers: [String: String] = [:]
        for line in serial.split(separator: "\n").prefix(64) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let brand = headers["brand-id"], let model = headers["model"], let number = headers["serial"] else {
            throw StoreError.invalidInput("the serial assertion names no brand-id, model and serial")
        }
        let key = FileDigests.sha256(of: "\(brand)/\(model)/\(number)")
        return try APIResponse.wire(["macaroon": "device.\(key)"])
    }
}

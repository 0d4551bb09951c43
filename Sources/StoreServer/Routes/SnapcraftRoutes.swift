import Foundation
import Hummingbird
import StoreAPI
import StoreModels
import StoreService

extension StoreAPI {
    /// The Snap Store dashboard API that `snapcraft` speaks with `STORE_DASHBOARD_URL`,
    /// `STORE_UPLOAD_URL` and `UBUNTU_ONE_SSO_URL` pointing at this server: login with macaroons
    /// (this server is also the SSO), names, uploads, releases and the channel map (see
    /// `Sources/StoreServer/Resources/openapi.yaml`, tag `snapcraft`).
    ///
    /// Errors use the dashboard's envelope (``ErrorStyle/dashboard``), which snapcraft reads.
    func addSnapcraftRoutes(to routes: RouteTable) {
        routes.add(.post, "/dev/api/acl/", access: .open, errors: .dashboard) { request, context in try await snapACL(request, context) }
        routes.add(.post, "/api/v2/tokens/discharge", access: .open, errors: .dashboard) { request, context in
            try await snapDischarge(request, context)
        }
        routes.add(.post, "/dev/api/acl/verify/", access: .open, errors: .dashboard) { request, context in
            try await snapVerifyACL(request, context)
        }
        routes.add(.get, "/api/v2/tokens/whoami", errors: .dashboard) { request, context in try await snapWhoami(request, context) }
        routes.add(.get, "/dev/api/account", errors: .dashboard) { request, context in try await snapAccount(request, context) }
        routes.add(.post, "/dev/api/register-name/", errors: .dashboard) { request, context in try await snapRegister(request, context) }
        routes.add(.post, "/dev/api/snap-push/", errors: .dashboard) { request, context in try await snapPush(request, context) }
        routes.add(.get, "/dev/api/snap-status/{id}", access: .open, errors: .dashboard) { request, context in
            try await snapUploadStatus(request, context)
        }
        routes.add(.post, "/dev/api/snap-release/", errors: .dashboard) { request, context in try await snapRelease(request, context) }
        routes.add(.post, "/dev/api/snaps/{id}/close", errors: .dashboard) { request, context in try await snapClose(request, context) }
        routes.add(.put, "/dev/api/snaps/{id}/metadata", errors: .dashboard) { request, context in try await snapMetadata(request, context) }
        routes.add(.get, "/api/v2/snaps/{name}/channel-map", errors: .dashboard) { request, context in
            try await snapChannelMap(request, context)
        }
        routes.add(.get, "/api/v2/snaps/{name}/releases", errors: .dashboard) { request, context in
            try await snapReleases(request, context)
        }
        addSnapMetricsRoute(to: routes)
    }

    // MARK: Shared steps

    /// The series every snap is registered in.
    static let snapSeries = "16"

    /// The package `name` names, which must be a snap the caller can see.
    /// - Throws: 404 `resource-not-found` for a charm, besides what ``StoreService/package(named:)`` throws.
    func snapPackage(_ name: PackageName, as identity: Identity) async throws -> PackageDetail {
        let detail = try await service(for: identity).package(named: name)
        guard detail.package.type == .snap else {
            throw HTTPFailure(
                .notFound, code: "resource-not-found",
                message: "No snap named '\(name.rawValue)' found ('\(name.rawValue)' is a \(detail.package.type.rawValue)).",
                extra: APIErrorExtra(kind: "package", name: name.rawValue))
        }
        return detail
    }

    /// A snap name from a request body.
    func snapName(_ text: String) throws -> PackageName {
        do { return try PackageName(text, type: .snap) } catch {
            throw StoreError.invalidInput("'\(QueryParameters.printable(String(text.prefix(64))))' is not a snap name: \(error.description)")
        }
    }

    /// The caller's snap whose id is `id` (snapcraft's `close` names snaps by id).
    func ownSnap(id: String, as identity: Identity) async throws -> PackageSummary {
        let mine = try await service(for: identity).myPackages(includeCollaborations: true)
        guard let summary = mine.first(where: { $0.id == id && $0.type == .snap }) else {
            throw StoreError.notFound(kind: "snap", name: QueryParameters.printable(String(id.prefix(64))))
        }
        return summary
    }

    /// `host:port` as the client reached this server: the SSO location written in root macaroons
    /// (snapcraft matches it against `UBUNTU_ONE_SSO_URL`) and the host of status URLs.
    func publicAuthority(of request: Request) -> String {
        if let configured = configuration.publicURL, let url = URL(string: configured), let host = url.host {
            return url.port.map { "\(host):\($0)" } ?? host
        }
        if let authority = request.head.authority, Self.isUsableAuthority(authority) { return authority }
        return "\(configuration.host):\(configuration.port)"
    }

    /// Whether a request's `Host` can be written into a reply's URLs: 1–255 characters of
    /// `a–z A–Z 0–9 . - : [ ]`. Checked byte by byte (every download URL of an info or find asks): a
    /// byte outside that ASCII set rejects the value as a character outside it would.
    static func isUsableAuthority(_ authority: String) -> Bool {
        let bytes = authority.utf8
        guard !bytes.isEmpty, bytes.count <= 255 else { return false }
        return bytes.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == 0x2E || byte == 0x2D || byte == 0x3A || byte == 0x5B || byte == 0x5D
        }
    }

    /// The base URL clients reach this server at (for absolute URLs in replies).
    func publicBaseURL(of request: Request) -> String {
        if let configured = configuration.publicURL {
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        return "http://\(publicAuthority(of: request))"
    }
}

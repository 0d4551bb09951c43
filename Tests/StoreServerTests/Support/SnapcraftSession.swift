import AsyncHTTPClient
import Foundation
import NIOCore
@testable import StoreServer

/// Logs in the way snapcraft 4.8.1 does: `POST /dev/api/acl/` for a root macaroon, `POST
/// /api/v2/tokens/discharge` with the username and a token secret, then the discharge bound to the
/// root with pymacaroons' binding; the result is the `Authorization` value snapcraft sends.
enum SnapcraftSession {
    /// The `Authorization` value of a session of `username` logged in with `secret`.
    static func login(baseURL: String, username: String, secret: String) async throws -> String {
        let pair = try await macaroons(baseURL: baseURL, username: username, secret: secret)
        return header(root: pair.root, boundDischarge: pair.discharge.bound(to: pair.root))
    }

    /// The root and the (unbound) discharge the server hands out.
    static func macaroons(baseURL: String, username: String, secret: String) async throws -> (root: Macaroon, discharge: Macaroon) {
        let acl = try await post(baseURL + "/dev/api/acl/", json: #"{"permissions": ["package_access", "package_upload"]}"#)
        guard acl.status == 200, let rootText = (try JSONSerialization.jsonObject(with: acl.body) as? [String: Any])?["macaroon"] as? String else {
            throw TestServerError("acl failed: \(acl.status) \(acl.text)")
        }
        let root = try Macaroon(serialized: rootText)
        guard let caveat = root.caveats.first(where: \.isThirdParty) else { throw TestServerError("the root has no third-party caveat") }
        let body = try JSONSerialization.data(withJSONObject: [
            "email": username, "password": secret, "caveat_id": String(decoding: caveat.id, as: UTF8.self),
        ])
        let discharged = try await post(baseURL + "/api/v2/tokens/discharge", json: String(decoding: body, as: UTF8.self))
        guard discharged.status == 200,
              let text = (try JSONSerialization.jsonObject(with: discharged.body) as? [String: Any])?["discharge_macaroon"] as? String else {
            throw TestServerError("discharge failed: \(discharged.status) \(discharged.text)")
        }
        return (root, try Macaroon(serialized: text))
    }

    /// `Macaroon root=…, discharge=…` as snapcraft writes it.
    static func header(root: Macaroon, boundDischarge: Macaroon) -> String {
        "Macaroon root=\(root.serialized()), discharge=\(boundDischarge.serialized())"
    }

    static func post(_ url: String, json: String) async throws -> RawResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return RawResponse(status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
    }
}

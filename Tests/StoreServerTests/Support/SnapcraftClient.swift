import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import StoreServer

/// Talks to a ``TestServer`` the way snapcraft 4.8.1 does: a macaroon session on the dashboard
/// calls, the file to `/unscanned-upload/` without credentials, the status poll without credentials.
struct SnapcraftClient {
    let server: TestServer
    /// `Macaroon root=…, discharge=…`; `nil` sends no credentials.
    var authorization: String?

    /// A session of fixture user `username`, logged in with its fixture token.
    static func login(_ server: TestServer, as username: String) async throws -> SnapcraftClient {
        guard let secret = server.tokens[username] else { throw TestServerError("no fixture token for \(username)") }
        return SnapcraftClient(
            server: server, authorization: try await SnapcraftSession.login(baseURL: server.baseURL, username: username, secret: secret))
    }

    /// A JSON request to the dashboard.
    func request(_ method: HTTPMethod, _ target: String, json: String? = nil) async throws -> RawResponse {
        try await send(method, server.baseURL + target, body: json.map { Data($0.utf8) }, contentType: json == nil ? nil : "application/json",
                       authorized: true)
    }

    /// A GET of an absolute URL without credentials (the status poll).
    func poll(_ url: String) async throws -> [String: Any] {
        let response = try await send(.GET, url, body: nil, contentType: nil, authorized: false)
        #expect(response.status == 200, "\(response.text)")
        return try JSONShape.object(response)
    }

    /// Uploads `file` as snapcraft does (multipart `binary`, filename `filename`, no credentials); the upload id.
    func upload(_ file: Data) async throws -> String {
        let boundary = "d1a3b5c7e9f20416283a4c5e6f708192"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"filename\"\r\n".utf8)
        body += Data("Content-Type: application/octet-stream\r\n\r\n".utf8)
        body += file
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        let response = try await send(.POST, server.baseURL + "/unscanned-upload/", body: body,
                                      contentType: "multipart/form-data; boundary=\(boundary)", authorized: false)
        guard response.status == 200, let id = try JSONShape.object(response)["upload_id"] as? String else {
            throw TestServerError("upload failed: \(response.status) \(response.text)")
        }
        return id
    }

    /// Registers `name`, uploads `file` and pushes it (releasing to `channels` when approved); the status URL.
    func publish(_ file: Data, as name: String, channels: [String] = [], register: Bool = true) async throws -> String {
        if register {
            let registered = try await request(.POST, "/dev/api/register-name/", json: #"{"snap_name": "\#(name)", "is_private": false, "series": "16"}"#)
            #expect(registered.status == 201, "\(registered.text)")
        }
        let precheck = try await request(.POST, "/dev/api/snap-push/", json: #"{"name": "\#(name)", "dry_run": true}"#)
        #expect(precheck.status == 200, "\(precheck.text)")
        let id = try await upload(file)
        let channelList = channels.map { "\"\($0)\"" }.joined(separator: ", ")
        let pushed = try await request(.POST, "/dev/api/snap-push/", json: """
            {"name": "\(name)", "series": "16", "updown_id": "\(id)", "binary_filesize": \(file.count), "source_uploaded": false, "channels": [\(channelList)]}
            """)
        #expect(pushed.status == 202, "\(pushed.text)")
        guard let url = try JSONShape.object(pushed)["status_details_url"] as? String else { throw TestServerError("no status URL: \(pushed.text)") }
        return url
    }

    private func send(_ method: HTTPMethod, _ url: String, body: Data?, contentType: String?, authorized: Bool) async throws -> RawResponse {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if authorized, let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.headers.add(name: "Accept", value: "application/json")
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return RawResponse(status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
    }
}

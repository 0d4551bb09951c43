import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends one request through the shared HTTP client and collects the whole reply (up to 16 MiB).
///
/// `bearer` becomes `Authorization: Bearer …`; `authorization` is sent as given (both when both are set).
func rawRequest(
    _ method: HTTPMethod, url: String, bearer: String? = nil, authorization: String? = nil,
    headers: [(String, String)] = [], body: ByteBuffer? = nil, contentType: String? = "application/json"
) async throws -> RawResponse {
    var request = HTTPClientRequest(url: url)
    request.method = method
    if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
    if let authorization { request.headers.add(name: "Authorization", value: authorization) }
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body {
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        request.body = .bytes(body)
    }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 16 << 20)
    return RawResponse(status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
}

import Foundation
import Hummingbird
import StoreAPI
import StoreModels
import StoreService

/// A response as handlers build it: status, headers and the body's bytes.
///
/// Handlers return these rather than Hummingbird responses so the idempotency store can keep and
/// replay exactly what was sent.
struct APIResponse: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: [UInt8]
    /// What the idempotency store keeps and replays instead of this reply, when this one carries a
    /// secret that must be shown once and never stored (an issued token).
    var replayForm: ReplayForm?
    /// A body written as it is read (a download), instead of ``body``; never kept for replay.
    var streamed: ResponseBody?

    /// A reply kept in place of another (a box, since a value cannot hold its own type).
    final class ReplayForm: Sendable {
        let response: APIResponse
        init(_ response: APIResponse) { self.response = response }
    }

    init(status: HTTPResponse.Status, headers: HTTPFields, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The JSON content type, exactly (snapd refuses `; charset=…`).
    static let jsonContentType = "application/json"

    /// A JSON response encoded with the `/api/v1` coders (ISO 8601 dates).
    static func json<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> APIResponse {
        try encoded(value, with: APICoding.makeEncoder(), status: status, headers: headers)
    }

    /// A JSON response encoded as a store wire document (the public v2 API).
    static func wire<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> APIResponse {
        try encoded(value, with: WireCoding.makeEncoder(), status: status, headers: headers)
    }

    /// A wire document that writes itself (``WireWritable``): the same bytes as ``wire(_:status:headers:)``
    /// through Foundation's encoder, without it.
    static func wire<Value: WireWritable>(_ value: Value, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> APIResponse {
        let body: [UInt8]
        do { body = try value.wireBytes() } catch {
            throw StoreError.server(status: 500, message: "the server could not encode its reply (\(error))", requestID: nil)
        }
        var headers = headers
        headers[.contentType] = jsonContentType
        return APIResponse(status: status, headers: headers, body: body)
    }

    private static func encoded<Value: Encodable>(
        _ value: Value, with encoder: JSONEncoder, status: HTTPResponse.Status, headers: HTTPFields
    ) throws -> APIResponse {
        let data: Data
        do { data = try encoder.encode(value) } catch {
            throw StoreError.server(status: 500, message: "the server could not encode its reply (\(error))", requestID: nil)
        }
        var headers = headers
        headers[.contentType] = jsonContentType
        return APIResponse(status: status, headers: headers, body: Array(data))
    }

    /// The Hummingbird response.
    var response: Response {
        if let streamed { return Response(status: status, headers: headers, body: streamed) }
        if body.isEmpty { return Response(status: status, headers: headers, body: ResponseBody()) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// The channel map's entity tag: `"cm-<version>"`, strong.
enum ChannelMapETag {
    /// The tag for a version, quotes included.
    static func string(for version: Int) -> String { "\"cm-\(version)\"" }

    /// The version an `If-Match` value names; `nil` for `*` (apply unconditionally).
    /// - Throws: `.invalidInput` for anything but one strong `"cm-<n>"` tag or `*`.
    static func expectedVersion(ifMatch value: String) throws(StoreError) -> Int? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if text == "*" { return nil }
        let usage = "If-Match must be the channel map's ETag, e.g. \"cm-3\", as GET …/channel-map returned it"
        if text.hasPrefix("W/") { throw .invalidInput("\(usage); weak tags cannot be used with If-Match") }
        if text.contains(",") { throw .invalidInput("\(usage); give exactly one tag") }
        guard text.count >= 6, text.count <= 32, text.hasPrefix("\"cm-"), text.hasSuffix("\""),
              let version = Int(text.dropFirst(4).dropLast()), version >= 0
        else { throw .invalidInput("\(usage) (got \(text.prefix(40)))") }
        return version
    }
}

import Hummingbird
import Logging
import NIOCore
import StoreAPI
import StoreService

/// An error answer: a status, one `error-list` entry and any extra headers.
///
/// Every error response the server sends is built from one of these, so every error uses the
/// `{"error-list": [{"code", "message"}]}` envelope. ``init(_:logger:)`` is the one place any thrown
/// error becomes an answer; store errors go through ``StoreError/httpFailure``.
struct HTTPFailure: Error, Sendable {
    var status: HTTPResponse.Status
    var item: APIErrorItem
    var headers: HTTPFields
    /// Extra keys of the error entry in the dashboard envelope (``ErrorStyle/dashboard``), which
    /// snapcraft needs for some codes (`register_name_url` with `already_registered`).
    var dashboardFields: [String: String] = [:]

    /// Creates a failure.
    init(_ status: HTTPResponse.Status, code: String, message: String, extra: APIErrorExtra? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.item = APIErrorItem(code: code, message: message, extra: extra)
        self.headers = headers
    }

    /// The answer for any error thrown while handling a request.
    ///
    /// Store errors map through ``StoreError/publicFailure(logger:)`` (a 5xx says only what happened
    /// and the request id; its detail goes to the log); an oversized body is 413; Hummingbird's own
    /// errors keep their status; anything else is a bug: 500, logged with its detail (never sent).
    init(_ error: any Error, logger: Logger) {
        switch error {
        case let failure as HTTPFailure:
            self = failure
        case let error as StoreError:
            self = error.publicFailure(logger: logger)
        case let error as NIOTooManyBytesError:
            self = .payloadTooLarge(limit: error.maxBytes ?? 0)
        case let error as HTTPError:
            self = HTTPFailure(error.status, code: HTTPFailure.code(for: error.status),
                               message: error.body ?? error.status.reasonPhrase, headers: error.headers)
        case is CancellationError:
            self = StoreError.unavailable(StoreError.cancelledReason).httpFailure
        case _ where Self.isHTTPParserError(error):
            // A body that does not parse (a bad chunk size, a truncated chunk) surfaces while a route
            // reads it: the client sent a malformed request.
            self = HTTPFailure(.badRequest, code: "bad-argument",
                               message: "The request could not be read as HTTP (\(error)); check its framing (Content-Length or chunked encoding).")
        default:
            logger.error("unexpected error while handling a request", metadata: ["error": "\(String(reflecting: error))"])
            self = StoreError.server(status: 500, message: "unexpected error", requestID: nil).publicFailure(logger: nil)
        }
    }

    /// Whether `error` is NIO's HTTP/1 parser refusing the bytes the client sent.
    static func isHTTPParserError(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("NIOHTTP1.")
    }

    /// A code for a status that has no more specific one.
    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad-argument"
        case 401: "macaroon-permission-required"
        case 403: "permission-denied"
        case 404: "not-found"
        case 405: "method-not-allowed"
        case 409: "conflict"
        case 413: "payload-too-large"
        case 414: "uri-too-long"
        case 415: "unsupported-media-type"
        case 429: "rate-limited"
        case 503: "store-unavailable"
        default: status.code >= 500 ? "api-error" : "bad-argument"
        }
    }

    // MARK: Failures that are not store errors

    /// 404 for a path no route serves.
    static func noRoute(method: HTTPRequest.Method, path: String) -> HTTPFailure {
        HTTPFailure(.notFound, code: "not-found", message: "No endpoint \(method.rawValue) \(path); see /openapi.yaml for the API.",
                    extra: APIErrorExtra(kind: "endpoint", name: path))
    }

    /// 405 for a path served only with other methods.
    static func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allowed: [String]) -> HTTPFailure {
        HTTPFailure(.methodNotAllowed, code: "method-not-allowed",
                    message: "\(path) does not accept \(method.rawValue); use \(allowed.joined(separator: ", ")).",
                    headers: [.allow: allowed.joined(separator: ", ")])
    }

    /// 413 for a body above the limit.
    static func payloadTooLarge(limit: Int) -> HTTPFailure {
        HTTPFailure(.contentTooLarge, code: "payload-too-large",
                    message: "The request body is larger than the server accepts (\(limit) bytes).")
    }

    /// 414 for a request target above the limit.
    static func uriTooLong(limit: Int) -> HTTPFailure {
        HTTPFailure(.uriTooLong, code: "uri-too-long",
                    message: "The request URL is longer than the server accepts (\(limit) bytes); shorten the query.")
    }

    /// 409 for a retried token request: the first one issued token `tokenID`, whose secret is not kept.
    static func secretNotReplayed(tokenID: String) -> HTTPFailure {
        HTTPFailure(.conflict, code: "token-secret-not-replayed",
                    message: "The first request with this Idempotency-Key issued token \(tokenID); its secret was shown once and is kept nowhere. Revoke it (DELETE /api/v1/tokens/\(tokenID)) if the secret was lost, and issue another with a new key.",
                    extra: APIErrorExtra(kind: "token", name: tokenID))
    }

    /// 403 for an upload over the publisher's quota of uploads not yet pushed.
    static func uploadQuotaExceeded(_ detail: String) -> HTTPFailure {
        HTTPFailure(.forbidden, code: "upload-quota-exceeded", message: "Upload refused: \(detail).")
    }

    /// 415 for a body that is not JSON.
    static func unsupportedMediaType(_ contentType: String?) -> HTTPFailure {
        HTTPFailure(.unsupportedMediaType, code: "unsupported-media-type",
                    message: "Send the body as JSON with Content-Type: application/json (got \(contentType.map { "'\($0)'" } ?? "none")).")
    }
}

extension HTTPFailure {
    /// The response carrying this failure in the error envelope.
    var apiResponse: APIResponse {
        var response = (try? APIResponse.json(APIErrorEnvelope([item]), status: status))
            ?? APIResponse(status: status, headers: [:], body: Array(#"{"error-list":[{"code":"api-error","message":"unencodable error"}]}"#.utf8))
        response.headers.append(contentsOf: headers)
        return response
    }
}

/// The error envelope a route answers in.
enum ErrorStyle: Sendable {
    /// `{"error-list": [{"code", "message"}]}`: the store's own API, Charmhub's and the device API.
    case standard
    /// The Snap Store dashboard's, which snapcraft reads: `{"error_list": [{"code", "message"}]}`
    /// with the message also at the top (`error_message`, `errors`), where snapcraft's other error
    /// readers look; codes renamed as the dashboard names them (`resource-not-found`, `resource-forbidden`).
    case dashboard
}

extension HTTPFailure {
    /// The response carrying this failure in the envelope of `style`.
    func apiResponse(_ style: ErrorStyle) -> APIResponse {
        guard style == .dashboard else { return apiResponse }
        var code = item.code
        switch status.code {
        case 404 where code == "not-found": code = "resource-not-found"
        case 403 where code == "permission-denied": code = "resource-forbidden"
        default: break
        }
        // snapcraft's users log in with snapcraft, not with the console.
        let message = item.message.replacingOccurrences(
            of: StoreError.loginAdvice, with: "Run `snapcraft login` (the password is a token from `store-tui token create`).")
        let document = DashboardErrorEnvelope(
            errorList: [DashboardErrorItem(code: code, message: message, fields: dashboardFields)],
            errorMessage: message, errors: message)
        var response = (try? APIResponse.json(document, status: status))
            ?? APIResponse(status: status, headers: [:], body: Array(#"{"error_list":[{"code":"api-error","message":"unencodable error"}]}"#.utf8))
        response.headers.append(contentsOf: headers)
        return response
    }
}

/// The dashboard's error document (see ``ErrorStyle/dashboard``).
struct DashboardErrorEnvelope: Encodable {
    var errorList: [DashboardErrorItem]
    var errorMessage: String
    var errors: String

    enum CodingKeys: String, CodingKey {
        case errorList = "error_list"
        case errorMessage = "error_message"
        case errors
    }
}

/// One entry of ``DashboardErrorEnvelope``: `code`, `message` and any extra string fields.
struct DashboardErrorItem: Encodable {
    var code: String
    var message: String
    var fields: [String: String] = [:]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(code, forKey: Key(stringValue: "code"))
        try container.encode(message, forKey: Key(stringValue: "message"))
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) where key != "code" && key != "message" {
            try container.encode(value, forKey: Key(stringValue: key))
        }
    }
}


/// `POST {upload}/unscanned-upload/` reply: `{"successful": true, "upload_id": "<uuid>"}` (underscore key).
public struct UnscannedUploadResponse: Hashable, Sendable, Codable {
    public var successful: Bool
    public var uploadID: String

    /// Creates the reply.
    public init(successful: Bool = true, uploadID: String) {
        self.successful = successful
        self.uploadID = uploadID
    }

    private enum CodingKeys: String, CodingKey {
        case successful
        case uploadID = "upload_id"
    }
}

/// `POST /v1/charm/{name}/revisions` body: `{"upload-id": "…"}`.
public struct CharmPushRevisionRequest: Hashable, Sendable, Codable {
    public var uploadID: String

    /// Creates the request.
    public init(uploadID: String) { self.uploadID = uploadID }

    private enum CodingKeys: String, CodingKey {
        case uploadID = "upload-id"
    }
}

/// `POST /v1/charm/{name}/revisions` reply: `{"status-url": "/v1/charm/{name}/revisions/review?upload-id=…"}`.
public struct CharmPushRevisionResponse: Hashable, Sendable, Codable {
    /// A path appended to the API URL by charmcraft.
    public var statusURL: String

    /// Creates the reply.
    public init(statusURL: String) { self.statusURL = statusURL }

    /// The reply for an upload of `name` in `namespace` (`charm`, `snap`), pointing at the review endpoint.
    public init(namespace: String = "charm", name: String, uploadID: String) {
        self.init(statusURL: "/v1/\(namespace)/\(name)/revisions/review?upload-id=\(uploadID)")
    }

    private enum CodingKeys: String, CodingKey {
        case statusURL = "status-url"
    }
}

/// One upload's review state: `{"upload-id", "status", "revision", "errors"}`.
///
/// `revision` and `errors` are always written: the number may be `null` while `new`, and charmcraft indexes
/// `errors`. Polling ends on `approved` or `rejected`.
public struct CharmUploadReview: Hashable, Sendable, Codable {
    public var uploadID: String?
    /// `new`, `scanned`, `approved` or `rejected`.
    public var status: String
    public var revision: Int?
    public var errors: [WireError]?

    /// Creates a review state.
    public init(uploadID: String?, status: String, revision: Int?, errors: [WireError]? = nil) {
        self.uploadID = uploadID
        self.status = status
        self.revision = revision
        self.errors = errors
    }

    private enum CodingKeys: String, CodingKey {
        case status, revision, errors
        case uploadID = "upload-id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(uploadID, forKey: .uploadID)
        try container.encode(status, forKey: .status)
        try container.encode(revision, forKey: .revision)
        try container.encode(errors, forKey: .errors)
    }
}

/// `GET /v1/charm/{name}/revisions/review?upload-id=…`: `{"revisions": [one item]}`.
public struct CharmUploadReviewResponse: Hashable, Sendable, Codable {
    /// Exactly one item: charmcraft tuple-unpacks the list.
    public var revisions: [CharmUploadReview]

    /// Creates the document.
    public init(revisions: [CharmUploadReview]) { self.revisions = revisions }
}

import HTTPTypes

extension HTTPField.Name {
    /// `X-Request-Id`: echoed when the client sent a usable one, generated otherwise.
    static let requestID = literal("X-Request-Id")
    /// `Snap-Store-Version`: snapd needs 20 or more to use the v2 API.
    static let snapStoreVersion = literal("Snap-Store-Version")
    /// `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header).
    static let idempotencyKey = literal("Idempotency-Key")
    /// `Idempotent-Replayed: true` marks a reply replayed from the idempotency store.
    static let idempotentReplayed = literal("Idempotent-Replayed")

    /// `X-Content-Type-Options: nosniff` on every reply: browsers must not guess another type.
    static let xContentTypeOptions = literal("X-Content-Type-Options")
    /// `X-Forwarded-For`: believed only from a trusted proxy.
    static let xForwardedFor = literal("X-Forwarded-For")

    /// A field name written in this file; a typo is a programming error caught by the first test run.
    private static func literal(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { preconditionFailure("'\(name)' is not a valid HTTP field name") }
        return field
    }
}

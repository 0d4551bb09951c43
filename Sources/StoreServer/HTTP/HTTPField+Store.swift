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

    /// A field name written in this file; a typo is a programming error caught by the first test run.
    private static func literal(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { preconditionFailure("'\(name)' is not a valid HTTP field name") }
        return field
    }
}

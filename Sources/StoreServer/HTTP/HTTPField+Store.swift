import HTTPTypes

extension HTTPField.Name {
    /// `X-Request-Id`: echoed when the client sent a usable one, generated otherwise.
    static let requestID = HTTPField.Name("X-Request-Id")!
    /// `Snap-Store-Version`: snapd needs 20 or more to use the v2 API.
    static let snapStoreVersion = HTTPField.Name("Snap-Store-Version")!
    /// `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header).
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// `Idempotent-Replayed: true` marks a reply replayed from the idempotency store.
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}

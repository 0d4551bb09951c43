import Foundation
import HTTPTypes
import Hummingbird

/// A public reply as the cache keeps it: the final bytes and headers (with its `ETag`, `Cache-Control`
/// and `Vary: Authorization`), and when it stops being served.
struct CachedResponse: Sendable {
    /// The reply as sent on a hit (`X-Cache: hit`).
    let response: APIResponse
    /// The reply as sent to the request that computed it (`X-Cache: miss`).
    let missResponse: APIResponse
    /// The strong entity tag of ``response``'s body, quotes included.
    let entityTag: String
    /// When the reply was computed (the start of the computation, so its data is no older).
    let storedAt: Date
    /// From when the reply is no longer served.
    let expiresAt: Date

    /// The bytes the cache counts for this reply (body, key and a fixed allowance for headers and bookkeeping).
    let cost: Int

    /// Wraps a freshly computed 200 reply.
    /// - Parameters:
    ///   - response: the handler's reply.
    ///   - key: the cache key (counted in ``cost``).
    ///   - storedAt: when its computation started.
    ///   - ttl: seconds it is served for.
    ///   - cacheControl: the `Cache-Control` value to add when the handler set none.
    init(_ response: APIResponse, key: String, storedAt: Date, ttl: Double, cacheControl: String) {
        var response = response
        let entityTag = EntityTag.strong(for: response.body)
        response.headers[.eTag] = entityTag
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = cacheControl }
        // Authenticated callers may see more (their private packages): shared caches must not hand them this.
        response.headers[.vary] = "Authorization"
        response.headers[.xCache] = "miss"
        self.missResponse = response
        response.headers[.xCache] = "hit"
        self.response = response
        self.entityTag = entityTag
        self.storedAt = storedAt
        self.expiresAt = storedAt.addingTimeInterval(ttl)
        self.cost = response.body.count + key.utf8.count + 512
    }

    /// Whether the reply may still be served at `now` (never when the clock went back before it was stored).
    func isFresh(at now: Date) -> Bool { now >= storedAt && now < expiresAt }

    /// Whether the reply's time is up at `now`.
    func hasExpired(at now: Date) -> Bool { now >= expiresAt }

    /// The reply for a request with this `If-None-Match` value: 304 with the validators when it names
    /// ``entityTag``, the whole reply otherwise.
    /// - Parameter isHit: whether the reply comes from the cache (`X-Cache: hit`) or was just computed (`miss`).
    func reply(ifNoneMatch: String?, isHit: Bool) -> APIResponse {
        guard let ifNoneMatch, EntityTag.matches(ifNoneMatch: ifNoneMatch, entityTag) else { return isHit ? response : missResponse }
        var headers = HTTPFields()
        headers[.eTag] = entityTag
        if let cacheControl = response.headers[.cacheControl] { headers[.cacheControl] = cacheControl }
        headers[.vary] = "Authorization"
        headers[.xCache] = isHit ? "hit" : "miss"
        return APIResponse(status: .notModified, headers: headers, body: [])
    }
}

/// Entity tags of cached public replies and `If-None-Match` comparison.
enum EntityTag {
    /// A strong tag for `body`: `"p-` and the 64-bit FNV-1a hash of the bytes in hex `"`.
    static func strong(for body: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"p-" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// Whether an `If-None-Match` value (`*` or a list of tags) names `tag`, by the weak comparison
    /// RFC 9110 asks of `If-None-Match` (a `W/` prefix is ignored).
    static func matches(ifNoneMatch value: String, _ tag: String) -> Bool {
        for candidate in value.split(separator: ",") {
            var text = candidate.trimmingCharacters(in: .whitespaces)[...]
            if text == "*" { return true }
            if text.hasPrefix("W/") { text = text.dropFirst(2) }
            if text == tag[...] { return true }
        }
        return false
    }
}

extension HTTPField.Name {
    /// `X-Cache`: `hit` when a public reply came from ``PublicResponseCache``, `miss` when it was computed.
    static let xCache: HTTPField.Name = {
        guard let field = HTTPField.Name("X-Cache") else { preconditionFailure("'X-Cache' is not a valid HTTP field name") }
        return field
    }()
}

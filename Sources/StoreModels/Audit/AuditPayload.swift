import Foundation

/// What an audit entry records of the object before or after a change, as a typed value.
///
/// Engines store it as JSON text (``AuditEvent/before``, ``AuditEvent/after``, on the wire as
/// strings): channel-map releases for release events, small objects (`{"review":"pending"}`) for
/// the rest. This type is the one reader of that text, so no client needs the engines' encoding.
public enum AuditPayload: Hashable, Sendable {
    /// The channel map's releases (release, promote, close and progressive events).
    case channelMap([ChannelRelease])
    /// Named values (`review: pending`, `status: suspended`).
    case fields([String: String])
    /// Anything else, as stored.
    case text(String)

    /// Reads stored JSON text. Dates are seconds since 1970, as the engines write them.
    public init(json: String) {
        let data = Data(json.utf8)
        if json.hasPrefix("[") {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            if let releases = try? decoder.decode([ChannelRelease].self, from: data) {
                self = .channelMap(releases)
                return
            }
        }
        if json.hasPrefix("{"), let fields = try? JSONDecoder().decode([String: String].self, from: data) {
            self = .fields(fields)
            return
        }
        self = .text(json)
    }

    /// The releases, when this is a channel map.
    public var releases: [ChannelRelease]? {
        if case .channelMap(let releases) = self { releases } else { nil }
    }

    /// The named values, when this is an object of them.
    public var fields: [String: String]? {
        if case .fields(let fields) = self { fields } else { nil }
    }
}

extension AuditEvent {
    /// What the entry records before the change, typed.
    public var beforePayload: AuditPayload? { before.map(AuditPayload.init(json:)) }

    /// What the entry records after the change, typed.
    public var afterPayload: AuditPayload? { after.map(AuditPayload.init(json:)) }
}

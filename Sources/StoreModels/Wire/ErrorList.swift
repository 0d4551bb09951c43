/// One error in a store error envelope: `{"code": "not-found", "message": "…"}`.
public struct WireError: Hashable, Sendable, Codable {
    /// Stable machine code (`not-found`, `invalid-channel`, `macaroon-permission-required`, `review-error`…).
    public var code: String
    /// Text shown to people; charmcraft prints `- <code>: <message>`.
    public var message: String
    /// Extra detail some errors carry (juju reads `releases`, `default-bases`); absent otherwise.
    public var extra: WireJSON?

    /// Creates an error entry.
    public init(code: String, message: String, extra: WireJSON? = nil) {
        self.code = code
        self.message = message
        self.extra = extra
    }
}

/// The stores' error envelope: `{"error-list": [{"code", "message"}]}` (Charmhub, Snap Store v2).
///
/// The snap dashboard spells the key `error_list`; craft-store reads either. Decoding accepts both and
/// remembers which was used in ``keyStyle`` so the document re-encodes as it came.
public struct ErrorList: Hashable, Sendable, Codable, Error {
    /// How the envelope's key is spelled.
    public enum KeyStyle: String, Hashable, Sendable, Codable {
        /// `error-list` (Charmhub, Snap Store device API).
        case hyphenated
        /// `error_list` (snap dashboard).
        case underscored
    }

    /// The errors; clients report the first.
    public var errors: [WireError]
    /// Which key spelling to write.
    public var keyStyle: KeyStyle

    /// Creates an envelope.
    public init(_ errors: [WireError], keyStyle: KeyStyle = .hyphenated) {
        self.errors = errors
        self.keyStyle = keyStyle
    }

    /// An envelope with a single error.
    public init(code: String, message: String, keyStyle: KeyStyle = .hyphenated) {
        self.init([WireError(code: code, message: message)], keyStyle: keyStyle)
    }

    private enum CodingKeys: String, CodingKey {
        case hyphenated = "error-list"
        case underscored = "error_list"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.hyphenated) {
            errors = try container.decode([WireError].self, forKey: .hyphenated)
            keyStyle = .hyphenated
        } else {
            errors = try container.decode([WireError].self, forKey: .underscored)
            keyStyle = .underscored
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(errors, forKey: keyStyle == .hyphenated ? .hyphenated : .underscored)
    }
}

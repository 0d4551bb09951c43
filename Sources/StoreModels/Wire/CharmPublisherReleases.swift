/// One release instruction or result: `{"revision": 5, "channel": "beta", "resources": []}`.
///
/// In `POST /v1/charm/{name}/releases` bodies a `null` revision closes the channel; the channel is sent
/// exactly as typed (`beta`, `2.0/edge`, `latest/edge/br`), so parse it with `Channel(parsing:)`.
/// The reply's `released` list uses the same shape. `revision` is always written.
public struct CharmReleaseItem: Hashable, Sendable, Codable {
    public var revision: Int?
    public var channel: String
    public var resources: [CharmResourceRef]

    /// Creates an item; `revision: nil` means close.
    public init(revision: Int?, channel: String, resources: [CharmResourceRef] = []) {
        self.revision = revision
        self.channel = channel
        self.resources = resources
    }

    /// Whether this closes `channel`.
    public var isClose: Bool { revision == nil }

    private enum CodingKeys: String, CodingKey {
        case revision, channel, resources
    }

    /// `resources` may be left out (craft-store's `ReleaseRequest` has none for snaps).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        revision = try container.decodeIfPresent(Int.self, forKey: .revision)
        channel = try container.decode(String.self, forKey: .channel)
        resources = try container.decodeIfPresent([CharmResourceRef].self, forKey: .resources) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(revision, forKey: .revision)
        try container.encode(channel, forKey: .channel)
        try container.encode(resources, forKey: .resources)
    }
}

/// `POST /v1/charm/{name}/releases` reply: `{"released": [...]}` (charmcraft `promote` requires it).
public struct CharmReleaseResponse: Hashable, Sendable, Codable {
    public var released: [CharmReleaseItem]

    /// Creates the reply.
    public init(released: [CharmReleaseItem]) { self.released = released }
}

/// One channel's state in the dashboard's `channel_map_tree` / `channel_map` lists.
///
/// `{"channel": "stable", "info": "specific", "revision": 23, "version": "1.0.1"}`; tracking and closed
/// channels carry only `channel` and `info`; branches add `expires_at`. `channel` drops the track
/// (the tree is keyed by track), so it reads `stable` or `edge/test`.
public struct SnapChannelStatus: Hashable, Sendable, Codable {
    /// What a channel holds.
    public enum Info: String, Hashable, Sendable, Codable {
        /// A release of its own.
        case specific
        /// Nothing of its own; follows a safer risk.
        case tracking
        /// Closed, nothing safer to follow (the wire word is `none`).
        case closed = "none"
        /// An open branch.
        case branch
    }

    public var channel: String
    public var info: Info
    public var revision: Int?
    public var version: String?
    public var expiresAt: WireDate?

    /// Creates a channel state; keys left `nil` are omitted.
    public init(channel: String, info: Info, revision: Int? = nil, version: String? = nil, expiresAt: WireDate? = nil) {
        self.channel = channel
        self.info = info
        self.revision = revision
        self.version = version
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey {
        case channel, info, revision, version
        case expiresAt = "expires_at"
    }
}

/// The dashboard's channel map tree: track → series (`"16"`) → architecture → channel states.
public typealias SnapChannelMapTree = [String: [String: [String: [SnapChannelStatus]]]]

/// `GET /dev/api/snaps/{snap_id}/state?series=16` (read by `snapcraft promote`).
public struct SnapStateResponse: Hashable, Sendable, Codable {
    public var channelMapTree: SnapChannelMapTree

    /// Creates the document.
    public init(channelMapTree: SnapChannelMapTree) { self.channelMapTree = channelMapTree }

    private enum CodingKeys: String, CodingKey {
        case channelMapTree = "channel_map_tree"
    }
}

/// The `account` object of whoami: `{"display-name", "username", "id"}`.
public struct WhoamiAccount: Hashable, Sendable, Codable {
    public var displayName: String
    public var username: String
    public var id: String
    /// Sent by the Snap Store's whoami; absent on Charmhub.
    public var email: String?

    /// Creates an account object.
    public init(displayName: String, username: String, id: String, email: String? = nil) {
        self.displayName = displayName
        self.username = username
        self.id = id
        self.email = email
    }

    private enum CodingKeys: String, CodingKey {
        case username, id, email
        case displayName = "display-name"
    }
}

/// A package a token is limited to: `{"type": "charm", "name": …}` or `{"type", "id"}`.
public struct WhoamiPackage: Hashable, Sendable, Codable {
    public var type: String
    public var name: String?
    public var id: String?

    /// Creates a package restriction.
    public init(type: String, name: String? = nil, id: String? = nil) {
        self.type = type
        self.name = name
        self.id = id
    }
}

/// `GET /v1/tokens/whoami`: the account and what the token may do.
///
/// `permissions`, `packages` and `channels` are always written (`null` = unrestricted): the older
/// charmcraft path indexes all three.
public struct CharmWhoamiResponse: Hashable, Sendable, Codable {
    public var account: WhoamiAccount
    public var permissions: [String]
    public var packages: [WhoamiPackage]?
    public var channels: [String]?

    /// Creates the document.
    public init(account: WhoamiAccount, permissions: [String], packages: [WhoamiPackage]? = nil, channels: [String]? = nil) {
        self.account = account
        self.permissions = permissions
        self.packages = packages
        self.channels = channels
    }

    private enum CodingKeys: String, CodingKey {
        case account, permissions, packages, channels
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(account, forKey: .account)
        try container.encode(permissions, forKey: .permissions)
        try container.encode(packages, forKey: .packages)
        try container.encode(channels, forKey: .channels)
    }
}

/// `POST /v2/snaps/refresh` as snapd sends it: what is installed (`context`) and what to do (`actions`).
public struct SnapRefreshRequest: Hashable, Sendable, Codable {
    public var context: [SnapRefreshContext]
    public var actions: [SnapRefreshAction]
    public var fields: [String]?

    /// Creates a request.
    public init(context: [SnapRefreshContext] = [], actions: [SnapRefreshAction], fields: [String]? = nil) {
        self.context = context
        self.actions = actions
        self.fields = fields
    }

    private enum CodingKeys: String, CodingKey { case context, actions, fields }

    /// `context` may be absent (an empty list).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        context = try container.decodeIfPresent([SnapRefreshContext].self, forKey: .context) ?? []
        actions = try container.decode([SnapRefreshAction].self, forKey: .actions)
        fields = try container.decodeIfPresent([String].self, forKey: .fields)
    }
}

/// One installed snap: `{"snap-id", "instance-key", "revision", "tracking-channel", "epoch", …}`.
public struct SnapRefreshContext: Hashable, Sendable, Codable {
    public var snapID: String
    public var instanceKey: String
    public var revision: Int
    public var trackingChannel: String?
    public var epoch: SnapEpoch?

    /// Creates a context entry.
    public init(snapID: String, instanceKey: String, revision: Int, trackingChannel: String? = nil, epoch: SnapEpoch? = nil) {
        self.snapID = snapID
        self.instanceKey = instanceKey
        self.revision = revision
        self.trackingChannel = trackingChannel
        self.epoch = epoch
    }

    private enum CodingKeys: String, CodingKey {
        case revision, epoch
        case snapID = "snap-id"
        case instanceKey = "instance-key"
        case trackingChannel = "tracking-channel"
    }
}

/// One action: `install` and `download` by `name` (or `snap-id`), `refresh` by `snap-id` (its
/// `instance-key` that of a context entry); `channel` and `revision` optional, `revision` winning.
public struct SnapRefreshAction: Hashable, Sendable, Codable {
    public var action: String
    public var instanceKey: String
    public var name: String?
    public var snapID: String?
    public var channel: String?
    public var revision: Int?
    /// What an install may read (`null`: any).
    public var epoch: SnapEpoch?

    /// Creates an action.
    public init(
        action: String, instanceKey: String, name: String? = nil, snapID: String? = nil, channel: String? = nil,
        revision: Int? = nil, epoch: SnapEpoch? = nil
    ) {
        self.action = action
        self.instanceKey = instanceKey
        self.name = name
        self.snapID = snapID
        self.channel = channel
        self.revision = revision
        self.epoch = epoch
    }

    private enum CodingKeys: String, CodingKey {
        case action, name, channel, revision, epoch
        case instanceKey = "instance-key"
        case snapID = "snap-id"
    }
}

/// `POST /v2/snaps/refresh` reply: a result per action (none for a refresh with nothing new when
/// the request refreshes several snaps), and request-wide errors.
public struct SnapRefreshResponse: Hashable, Sendable, Codable {
    public var results: [SnapRefreshResult]
    public var errorList: [WireError]

    /// Creates the reply.
    public init(results: [SnapRefreshResult], errorList: [WireError] = []) {
        self.results = results
        self.errorList = errorList
    }

    private enum CodingKeys: String, CodingKey {
        case results
        case errorList = "error-list"
    }
}

/// One result: `{"result": "install"|"download"|"refresh"|"error", "instance-key", "snap-id", "name",
/// "effective-channel", "snap": {…}}`, or for an error `"error": {"code", "message", "extra"}`.
public struct SnapRefreshResult: Hashable, Sendable, Codable {
    public var result: String
    public var instanceKey: String
    public var snapID: String?
    public var name: String?
    public var effectiveChannel: String?
    public var redirectChannel: String?
    public var snap: SnapRefreshSnap?
    public var error: WireError?

    /// Creates a result.
    public init(
        result: String, instanceKey: String, snapID: String? = nil, name: String? = nil, effectiveChannel: String? = nil,
        redirectChannel: String? = nil, snap: SnapRefreshSnap? = nil, error: WireError? = nil
    ) {
        self.result = result
        self.instanceKey = instanceKey
        self.snapID = snapID
        self.name = name
        self.effectiveChannel = effectiveChannel
        self.redirectChannel = redirectChannel
        self.snap = snap
        self.error = error
    }

    private enum CodingKeys: String, CodingKey {
        case result, name, snap, error
        case instanceKey = "instance-key"
        case snapID = "snap-id"
        case effectiveChannel = "effective-channel"
        case redirectChannel = "redirect-channel"
    }
}

/// A result's `snap`: the snap-level and revision-level fields asked for, in one object.
public struct SnapRefreshSnap: Hashable, Sendable, Codable {
    public var details: SnapDetails
    public var revision: SnapRevisionFields

    /// Creates the object.
    public init(details: SnapDetails, revision: SnapRevisionFields) {
        self.details = details
        self.revision = revision
    }

    public init(from decoder: any Decoder) throws {
        details = try SnapDetails(from: decoder)
        revision = try SnapRevisionFields(from: decoder)
    }

    /// Both halves write into the same object.
    public func encode(to encoder: any Encoder) throws {
        try details.encode(to: encoder)
        try revision.encode(to: encoder)
    }
}

/// `GET /api/v1/snaps/sections`: `{"_embedded": {"clickindex:sections": [{"name"}]}}` (HAL).
public struct SnapSectionsResponse: Hashable, Sendable, Codable {
    public struct Embedded: Hashable, Sendable, Codable {
        public var sections: [Section]
        private enum CodingKeys: String, CodingKey { case sections = "clickindex:sections" }
    }

    public struct Section: Hashable, Sendable, Codable {
        public var name: String
    }

    public var embedded: Embedded

    /// The document for `names`.
    public init(names: [String]) { embedded = Embedded(sections: names.map(Section.init)) }

    private enum CodingKeys: String, CodingKey { case embedded = "_embedded" }
}

/// One `clickindex:package` item of `GET /api/v1/snaps/names` (snapd reads `package_name`, `version`,
/// `summary`, `apps`, `aliases[].name`).
public struct SnapNamesItem: Hashable, Sendable, Codable {
    public var packageName: String
    public var version: String
    public var summary: String
    public var apps: [String]
    public var aliases: [Alias]

    /// An alias: `{"name", "target"}` (the app it runs).
    public struct Alias: Hashable, Sendable, Codable {
        public var name: String
        public var target: String
    }

    /// Creates an item.
    public init(packageName: String, version: String, summary: String, apps: [String] = [], aliases: [Alias] = []) {
        self.packageName = packageName
        self.version = version
        self.summary = summary
        self.apps = apps
        self.aliases = aliases
    }

    private enum CodingKeys: String, CodingKey {
        case version, summary, apps, aliases
        case packageName = "package_name"
    }
}

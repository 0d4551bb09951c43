/// One package of the legacy v1 search (`_embedded["clickindex:package"]`), underscore keys as sent.
public struct SnapSearchV1Package: Hashable, Sendable, Codable {
    public var apps: [String]?
    public var architecture: [String]?
    public var developerID: String?
    public var developerName: String?
    /// `verified`, `starred` or `unproven`.
    public var developerValidation: String?
    public var media: [WireMedia]?
    /// The publisher's username.
    public var origin: String?
    public var packageName: String
    /// Categories, called sections in v1.
    public var sections: [WireCategory]?
    public var summary: String?
    public var title: String?

    /// Creates a package entry.
    public init(
        packageName: String, apps: [String]? = nil, architecture: [String]? = nil, developerID: String? = nil,
        developerName: String? = nil, developerValidation: String? = nil, media: [WireMedia]? = nil,
        origin: String? = nil, sections: [WireCategory]? = nil, summary: String? = nil, title: String? = nil
    ) {
        self.packageName = packageName
        self.apps = apps
        self.architecture = architecture
        self.developerID = developerID
        self.developerName = developerName
        self.developerValidation = developerValidation
        self.media = media
        self.origin = origin
        self.sections = sections
        self.summary = summary
        self.title = title
    }

    private enum CodingKeys: String, CodingKey {
        case apps, architecture, media, origin, sections, summary, title
        case developerID = "developer_id"
        case developerName = "developer_name"
        case developerValidation = "developer_validation"
        case packageName = "package_name"
    }
}

/// The `_embedded` object of a v1 search.
public struct SnapSearchV1Embedded: Hashable, Sendable, Codable {
    public var packages: [SnapSearchV1Package]

    /// Creates the object.
    public init(packages: [SnapSearchV1Package]) { self.packages = packages }

    private enum CodingKeys: String, CodingKey {
        case packages = "clickindex:package"
    }
}

/// `GET /api/v1/snaps/search` (legacy, `application/hal+json`), still used for category pages.
public struct SnapSearchV1Response: Hashable, Sendable, Codable {
    public var embedded: SnapSearchV1Embedded
    /// HAL links (`self`, `next`…).
    public var links: [String: WireHALLink]
    public var total: Int

    /// Creates the document.
    public init(embedded: SnapSearchV1Embedded, links: [String: WireHALLink], total: Int) {
        self.embedded = embedded
        self.links = links
        self.total = total
    }

    private enum CodingKeys: String, CodingKey {
        case total
        case embedded = "_embedded"
        case links = "_links"
    }
}

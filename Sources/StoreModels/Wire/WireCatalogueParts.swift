/// A publisher as catalogue and publisher documents show it: `{"id", "username", "display-name", "validation"}`.
///
/// Every key is optional because each document picks its own subset (charmcraft's names list needs only
/// `display-name`; the snap channel-map has no `validation`). Absent keys stay absent.
public struct WirePublisher: Hashable, Sendable, Codable {
    public var id: String?
    public var username: String?
    public var displayName: String?
    /// `verified`, `starred` or `unproven` on the real stores.
    public var validation: String?

    /// Creates a publisher entry.
    public init(id: String? = nil, username: String? = nil, displayName: String? = nil, validation: String? = nil) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.validation = validation
    }

    /// The entry for a domain publisher, with all four keys.
    public init(_ publisher: Publisher) {
        self.init(
            id: publisher.id, username: publisher.username, displayName: publisher.displayName,
            validation: publisher.validation.rawValue)
    }

    /// The validation as the domain knows it; `nil` when absent or unknown.
    public var validationLevel: Publisher.Validation? { validation.flatMap(Publisher.Validation.init(rawValue:)) }

    private enum CodingKeys: String, CodingKey {
        case id, username, validation
        case displayName = "display-name"
    }
}

/// An icon, screenshot or video: `{"type", "url", "width", "height"}`.
public struct WireMedia: Hashable, Sendable, Codable {
    /// `icon`, `screenshot`, `banner`, `video`…
    public var type: String
    public var url: String
    /// Absent in find results, `null` for videos in info results.
    public var width: WireField<Int>
    public var height: WireField<Int>

    /// Creates a media entry.
    public init(type: String, url: String, width: WireField<Int> = .absent, height: WireField<Int> = .absent) {
        self.type = type
        self.url = url
        self.width = width
        self.height = height
    }
}

/// A category: `{"name", "featured"}` inside a package, or a `/v2/snaps/categories` entry.
public struct WireCategory: Hashable, Sendable, Codable {
    public var name: String
    /// Whether the package is featured in this category (package documents only).
    public var featured: Bool?
    /// Category-list fields selected with `fields=`; absent by default.
    public var type: String?
    public var title: String?
    public var summary: String?
    public var description: String?
    public var media: [WireMedia]?

    /// Creates a category entry.
    public init(
        name: String, featured: Bool? = nil, type: String? = nil, title: String? = nil, summary: String? = nil,
        description: String? = nil, media: [WireMedia]? = nil
    ) {
        self.name = name
        self.featured = featured
        self.type = type
        self.title = title
        self.summary = summary
        self.description = description
        self.media = media
    }
}

/// A HAL link: `{"href": "…"}` (`_links.self`, `_links.next`).
public struct WireHALLink: Hashable, Sendable, Codable {
    public var href: String

    /// Creates a link.
    public init(href: String) { self.href = href }
}

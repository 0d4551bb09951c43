import Foundation

/// `POST /v1/charm` body: `{"name", "type"}`, plus `private` and `team` from some clients.
public struct CharmRegisterNameRequest: Hashable, Sendable, Codable {
    public var name: String
    /// `charm` or `bundle`.
    public var type: String
    public var isPrivate: Bool?
    public var team: String?

    /// Creates the request.
    public init(name: String, type: String = "charm", isPrivate: Bool? = nil, team: String? = nil) {
        self.name = name
        self.type = type
        self.isPrivate = isPrivate
        self.team = team
    }

    private enum CodingKeys: String, CodingKey {
        case name, type, team
        case isPrivate = "private"
    }
}

/// `POST /v1/charm` reply: `{"id": "<package id>"}` (charmcraft needs a JSON body).
public struct CharmRegisterNameResponse: Hashable, Sendable, Codable {
    public var id: String

    /// Creates the reply.
    public init(id: String) { self.id = id }
}

/// `DELETE /v1/charm/{name}` reply: `{"package-id": "…"}`.
public struct CharmUnregisterNameResponse: Hashable, Sendable, Codable {
    public var packageID: String

    /// Creates the reply.
    public init(packageID: String) { self.packageID = packageID }

    private enum CodingKeys: String, CodingKey {
        case packageID = "package-id"
    }
}

/// A track in package metadata: `{"name", "created-at", "version-pattern", "automatic-phasing-percentage"}`.
///
/// All four keys are always written, `null` when unset, as the real store does.
public struct CharmTrack: Hashable, Sendable, Codable {
    public var name: String
    public var createdAt: WireDate
    /// Regex versions released to this track must match.
    public var versionPattern: String?
    public var automaticPhasingPercentage: Double?

    /// Creates a track entry.
    public init(name: String, createdAt: WireDate, versionPattern: String? = nil, automaticPhasingPercentage: Double? = nil) {
        self.name = name
        self.createdAt = createdAt
        self.versionPattern = versionPattern
        self.automaticPhasingPercentage = automaticPhasingPercentage
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case createdAt = "created-at"
        case versionPattern = "version-pattern"
        case automaticPhasingPercentage = "automatic-phasing-percentage"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(versionPattern, forKey: .versionPattern)
        try container.encode(automaticPhasingPercentage, forKey: .automaticPhasingPercentage)
    }
}

/// A track guardrail: a regex of track names the publisher may create, `{"pattern", "created-at"}`.
public struct CharmTrackGuardrail: Hashable, Sendable, Codable {
    public var pattern: String
    public var createdAt: WireDate

    /// Creates a guardrail.
    public init(pattern: String, createdAt: WireDate) {
        self.pattern = pattern
        self.createdAt = createdAt
    }

    private enum CodingKeys: String, CodingKey {
        case pattern
        case createdAt = "created-at"
    }
}

/// A package as `GET /v1/charm` lists it and `GET /v1/charm/{name}` describes it.
///
/// charmcraft needs `name`, `type`, `private`, `status` and `publisher.display-name`. `authority`,
/// `contact`, `default-track` and `website` are always written (`null` when unset) as the real store
/// does; the other optional keys are omitted when `nil`. The names list has no `tracks`/`track-guardrails`.
public struct CharmPackageMetadata: Hashable, Sendable, Codable {
    public var authority: WireJSON?
    public var contact: String?
    public var defaultTrack: String?
    public var description: String?
    public var id: String?
    public var links: [String: [String]]?
    public var media: [WireMedia]?
    public var name: String
    public var isPrivate: Bool
    public var publisher: WirePublisher
    /// `registered` or `published`.
    public var status: String
    /// `ubuntu` for the public store.
    public var store: String?
    public var summary: String?
    public var title: String?
    public var trackGuardrails: [CharmTrackGuardrail]?
    public var tracks: [CharmTrack]?
    /// `charm` or `bundle`.
    public var type: String
    public var website: String?

    /// Creates package metadata.
    public init(
        name: String, type: String = "charm", isPrivate: Bool = false, status: String, publisher: WirePublisher,
        id: String? = nil, authority: WireJSON? = nil, contact: String? = nil, defaultTrack: String? = nil,
        description: String? = nil, links: [String: [String]]? = nil, media: [WireMedia]? = nil,
        store: String? = nil, summary: String? = nil, title: String? = nil,
        trackGuardrails: [CharmTrackGuardrail]? = nil, tracks: [CharmTrack]? = nil, website: String? = nil
    ) {
        self.name = name
        self.type = type
        self.isPrivate = isPrivate
        self.status = status
        self.publisher = publisher
        self.id = id
        self.authority = authority
        self.contact = contact
        self.defaultTrack = defaultTrack
        self.description = description
        self.links = links
        self.media = media
        self.store = store
        self.summary = summary
        self.title = title
        self.trackGuardrails = trackGuardrails
        self.tracks = tracks
        self.website = website
    }

    private enum CodingKeys: String, CodingKey {
        case authority, contact, description, id, links, media, name, publisher, status, store, summary, title, tracks,
            type, website
        case defaultTrack = "default-track"
        case isPrivate = "private"
        case trackGuardrails = "track-guardrails"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(authority, forKey: .authority)
        try container.encode(contact, forKey: .contact)
        try container.encode(defaultTrack, forKey: .defaultTrack)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encodeIfPresent(links, forKey: .links)
        try container.encodeIfPresent(media, forKey: .media)
        try container.encode(name, forKey: .name)
        try container.encode(isPrivate, forKey: .isPrivate)
        try container.encode(publisher, forKey: .publisher)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(store, forKey: .store)
        try container.encodeIfPresent(summary, forKey: .summary)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(trackGuardrails, forKey: .trackGuardrails)
        try container.encodeIfPresent(tracks, forKey: .tracks)
        try container.encode(type, forKey: .type)
        try container.encode(website, forKey: .website)
    }
}

extension CharmPackageMetadata {
    /// The metadata of a domain package, for the names list (`withTracks: false`) or `GET /v1/charm/{name}`.
    ///
    /// Links are grouped by kind (`{"website": ["https://…"]}`); `website` is the first `website` link.
    /// Tracks are listed in the package's order, each created at `trackCreatedAt[name]` or the package's
    /// creation time.
    /// - Parameters:
    ///   - package: the package.
    ///   - publisher: its owner.
    ///   - withTracks: whether to add `tracks` and `track-guardrails` (metadata document only).
    ///   - trackCreatedAt: known creation times of tracks.
    ///   - guardrails: the package's track guardrails.
    public init(
        _ package: Package, publisher: Publisher, withTracks: Bool = true, trackCreatedAt: [String: Date] = [:],
        guardrails: [CharmTrackGuardrail] = []
    ) {
        var links: [String: [String]] = [:]
        for link in package.links { links[link.kind, default: []].append(link.url) }
        self.init(
            name: package.name.rawValue, type: package.type.rawValue, isPrivate: package.isPrivate,
            status: package.status.rawValue, publisher: WirePublisher(publisher),
            id: package.id, defaultTrack: package.defaultTrack, description: package.description, links: links,
            media: [], store: "ubuntu", summary: package.summary, title: package.title,
            trackGuardrails: withTracks ? guardrails : nil,
            tracks: withTracks
                ? package.tracks.map { CharmTrack(name: $0, createdAt: WireDate(trackCreatedAt[$0] ?? package.createdAt)) }
                : nil,
            website: links["website"]?.first)
    }
}

/// `GET /v1/charm[?include-collaborations=true]`: `{"results": [...]}`.
public struct CharmRegisteredNamesResponse: Hashable, Sendable, Codable {
    public var results: [CharmPackageMetadata]

    /// Creates the document.
    public init(results: [CharmPackageMetadata]) { self.results = results }
}

/// `GET /v1/charm/{name}`: `{"metadata": {...}}`.
public struct CharmPackageMetadataResponse: Hashable, Sendable, Codable {
    public var metadata: CharmPackageMetadata

    /// Creates the document.
    public init(metadata: CharmPackageMetadata) { self.metadata = metadata }
}

/// One item of `POST /v1/charm/{name}/tracks`: `{"name", "version-pattern"?, "automatic-phasing-percentage"?}`.
///
/// charmcraft sends `automatic-phasing-percentage: null` without `version-pattern`; other clients send both,
/// so each key keeps whether it was absent or `null`.
public struct CharmCreateTrackRequestItem: Hashable, Sendable, Codable {
    public var name: String
    public var versionPattern: WireField<String>
    public var automaticPhasingPercentage: WireField<Double>

    /// Creates an item.
    public init(
        name: String, versionPattern: WireField<String> = .absent,
        automaticPhasingPercentage: WireField<Double> = .absent
    ) {
        self.name = name
        self.versionPattern = versionPattern
        self.automaticPhasingPercentage = automaticPhasingPercentage
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case versionPattern = "version-pattern"
        case automaticPhasingPercentage = "automatic-phasing-percentage"
    }
}

/// `POST /v1/charm/{name}/tracks` reply: `{"num-tracks-created": N}`.
public struct CharmCreateTracksResponse: Hashable, Sendable, Codable {
    public var numberOfTracksCreated: Int

    /// Creates the reply.
    public init(numberOfTracksCreated: Int) { self.numberOfTracksCreated = numberOfTracksCreated }

    private enum CodingKeys: String, CodingKey {
        case numberOfTracksCreated = "num-tracks-created"
    }
}

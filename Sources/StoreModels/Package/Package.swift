import Foundation

/// A package in the store's catalogue, with the metadata people search and read.
public struct Package: Hashable, Sendable, Codable, Identifiable {
    /// Where a registered name stands.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Name registered, nothing released yet.
        case registered
        /// Has at least one released revision.
        case published
        /// Hidden from the public by a moderator; releases are frozen.
        case quarantined
    }

    /// A labelled link (homepage, source, issues, contact…).
    public struct Link: Hashable, Sendable, Codable {
        public var kind: String
        public var url: String
        public init(kind: String, url: String) { self.kind = kind; self.url = url }
    }

    /// Opaque store id (32 characters on the real stores).
    public var id: String
    public var name: PackageName
    public var type: PackageType
    public var title: String
    public var summary: String
    public var description: String
    /// Id of the publisher that owns the package.
    public var publisherID: String
    public var categories: [String]
    public var license: String
    public var links: [Link]
    public var status: Status
    public var isPrivate: Bool
    /// The track installs use when none is given; `latest` unless the publisher chose another.
    public var defaultTrack: String
    /// Tracks open for releases; always contains `latest`.
    public var tracks: [String]
    public var createdAt: Date

    /// Creates a package; `tracks` always gains `latest`.
    public init(
        id: String, name: PackageName, type: PackageType, title: String, summary: String, description: String,
        publisherID: String, categories: [String] = [], license: String = "", links: [Link] = [],
        status: Status = .registered, isPrivate: Bool = false, defaultTrack: String = Channel.latestTrack,
        tracks: [String] = [Channel.latestTrack], createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.title = title
        self.summary = summary
        self.description = description
        self.publisherID = publisherID
        self.categories = categories
        self.license = license
        self.links = links
        self.status = status
        self.isPrivate = isPrivate
        self.defaultTrack = defaultTrack
        self.tracks = tracks.contains(Channel.latestTrack) ? tracks : [Channel.latestTrack] + tracks
        self.createdAt = createdAt
    }
}

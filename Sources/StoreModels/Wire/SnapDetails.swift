/// Snap-level fields of the public v2 API (`snap` in find and info results).
///
/// The caller picks fields with `fields=`, so every key is optional and absent keys stay absent.
/// `website` is the one key seen both absent and as `null`, so it is a ``WireField``.
public struct SnapDetails: Hashable, Sendable, Codable {
    public var categories: [WireCategory]?
    public var contact: String?
    public var description: String?
    public var license: String?
    /// Labelled URL lists: `{"contact": ["mailto:…"], "website": ["https://…"]}`.
    public var links: [String: [String]]?
    public var media: [WireMedia]?
    public var name: String?
    /// Price per currency, as text: `{"EUR": "2.99"}`.
    public var prices: [String: String]?
    public var isPrivate: Bool?
    public var publisher: WirePublisher?
    public var snapID: String?
    public var storeURL: String?
    public var summary: String?
    public var title: String?
    public var website: WireField<String>

    /// Creates snap-level fields; everything defaults to absent.
    public init(
        categories: [WireCategory]? = nil, contact: String? = nil, description: String? = nil, license: String? = nil,
        links: [String: [String]]? = nil, media: [WireMedia]? = nil, name: String? = nil, prices: [String: String]? = nil,
        isPrivate: Bool? = nil, publisher: WirePublisher? = nil, snapID: String? = nil, storeURL: String? = nil,
        summary: String? = nil, title: String? = nil, website: WireField<String> = .absent
    ) {
        self.categories = categories
        self.contact = contact
        self.description = description
        self.license = license
        self.links = links
        self.media = media
        self.name = name
        self.prices = prices
        self.isPrivate = isPrivate
        self.publisher = publisher
        self.snapID = snapID
        self.storeURL = storeURL
        self.summary = summary
        self.title = title
        self.website = website
    }

    private enum CodingKeys: String, CodingKey {
        case categories, contact, description, license, links, media, name, prices, publisher, summary, title, website
        case isPrivate = "private"
        case snapID = "snap-id"
        case storeURL = "store-url"
    }
}

/// Revision-level fields of the public v2 API (find's `revision`, each info `channel-map` entry).
///
/// Field-selected like ``SnapDetails``: every key optional, absent keys stay absent. `base` is `null` for
/// snaps without a base and absent when not asked for, so it is a ``WireField``.
public struct SnapRevisionFields: Hashable, Sendable, Codable {
    /// Architectures the revision runs on (`all` for architecture-independent snaps).
    public var architectures: [Architecture]?
    public var base: WireField<String>
    public var commonIDs: [String]?
    /// `strict`, `classic` or `devmode`.
    public var confinement: String?
    public var createdAt: WireDate?
    public var download: SnapDownload?
    public var epoch: SnapEpoch?
    public var revision: Int?
    /// Component resources (shape left open).
    public var resources: [WireJSON]?
    /// The revision's `snap.yaml`, verbatim.
    public var snapYAML: String?
    /// `app`, `base`, `core`, `gadget`, `kernel`, `os`, `snapd`.
    public var type: String?
    public var version: String?

    /// Creates revision-level fields; everything defaults to absent.
    public init(
        architectures: [Architecture]? = nil, base: WireField<String> = .absent, commonIDs: [String]? = nil,
        confinement: String? = nil, createdAt: WireDate? = nil, download: SnapDownload? = nil, epoch: SnapEpoch? = nil,
        revision: Int? = nil, resources: [WireJSON]? = nil, snapYAML: String? = nil, type: String? = nil,
        version: String? = nil
    ) {
        self.architectures = architectures
        self.base = base
        self.commonIDs = commonIDs
        self.confinement = confinement
        self.createdAt = createdAt
        self.download = download
        self.epoch = epoch
        self.revision = revision
        self.resources = resources
        self.snapYAML = snapYAML
        self.type = type
        self.version = version
    }

    private enum CodingKeys: String, CodingKey {
        case architectures, base, confinement, download, epoch, revision, resources, type, version
        case commonIDs = "common-ids"
        case createdAt = "created-at"
        case snapYAML = "snap-yaml"
    }
}

/// Where and what to download: `{"url", "size", "sha3-384", "deltas"}`.
public struct SnapDownload: Hashable, Sendable, Codable {
    public var url: String?
    public var size: Int64?
    public var sha3_384: String?
    /// Binary deltas from older revisions (shape left open).
    public var deltas: [WireJSON]?

    /// Creates a download block; absent keys stay absent.
    public init(url: String? = nil, size: Int64? = nil, sha3_384: String? = nil, deltas: [WireJSON]? = nil) {
        self.url = url
        self.size = size
        self.sha3_384 = sha3_384
        self.deltas = deltas
    }

    private enum CodingKeys: String, CodingKey {
        case url, size, deltas
        case sha3_384 = "sha3-384"
    }
}

/// A snap epoch: `{"read": [0], "write": [0]}`.
///
/// Decoding also takes what snapd accepts: the short forms `"2"` and `"2*"`, `null` or `""` for 0, and
/// an object missing `read` (then `write`) or `write` (then the last `read`).
public struct SnapEpoch: Hashable, Sendable, Codable {
    public var read: [Int]
    public var write: [Int]

    /// The wire form of `epoch`.
    public init(_ epoch: Epoch) {
        read = epoch.read
        write = epoch.write
    }

    /// The domain epoch, checked.
    public var domain: Epoch {
        get throws { try Epoch(read: read, write: write).validated() }
    }

    private enum CodingKeys: String, CodingKey { case read, write }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if single.decodeNil() {
                self.init()
                return
            }
            if let text = try? single.decode(String.self) {
                if text.isEmpty { self.init(); return }
                do { self.init(try Epoch(parsing: text)) } catch {
                    throw DecodingError.dataCorruptedError(in: single, debugDescription: error.description)
                }
                return
            }
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            listing: try container.decodeIfPresent([Int].self, forKey: .read),
            write: try container.decodeIfPresent([Int].self, forKey: .write))
    }

    /// The epoch an object with either list optional means: a missing `write` is the last `read`, a
    /// missing `read` is `write`, neither is epoch 0.
    public init(listing read: [Int]?, write: [Int]?) {
        switch (read, write) {
        case (let read?, let write?): self.init(read: read, write: write)
        case (let read?, nil): self.init(read: read, write: read.last.map { [$0] } ?? [0])
        case (nil, let write?): self.init(read: write, write: write)
        case (nil, nil): self.init()
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(read, forKey: .read)
        try container.encode(write, forKey: .write)
    }

    /// Creates an epoch.
    public init(read: [Int] = [0], write: [Int] = [0]) {
        self.read = read
        self.write = write
    }
}

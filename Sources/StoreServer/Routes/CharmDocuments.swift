import StoreModels
import StoreService

/// Charmhub's dotted `fields=` (`result.summary`, `default-release.revision.version`, `channel-map.channel.name`)
/// and how domain values become its documents.
struct CharmFields: Sendable {
    /// `result` fields asked for.
    var result: Set<String> = []
    /// `default-release` sub-fields asked for (`channel.name`, `revision.version`…); `nil`: not asked for.
    var defaultRelease: ReleaseFields?
    /// `channel-map` sub-fields asked for; `nil`: not asked for.
    var channelMap: ReleaseFields?

    /// The sub-fields of a release: `channel.*`, `revision.*`.
    struct ReleaseFields: Sendable {
        var channel: Set<String> = []
        var revision: Set<String> = []

        mutating func add(_ path: ArraySlice<Substring>) {
            guard let group = path.first else { channel = CharmFields.channelFields; revision = CharmFields.revisionFields; return }
            let leaf = path.dropFirst().first.map(String.init)
            switch group {
            case "channel": if let leaf { channel.insert(leaf) } else { channel = CharmFields.channelFields }
            case "revision": if let leaf { revision.insert(leaf) } else { revision = CharmFields.revisionFields }
            default: break
            }
        }
    }

    static let resultFields: Set<String> = [
        "categories", "description", "license", "links", "media", "publisher", "store-url", "summary", "title", "used-by", "website",
    ]
    static let channelFields: Set<String> = ["name", "track", "risk", "released-at", "base"]
    static let revisionFields: Set<String> = ["revision", "version", "created-at", "bases", "download", "config-yaml", "metadata-yaml"]

    /// Parses `fields=`; `channel-map.*` only when `allowChannelMap` (info).
    /// - Throws: `.invalidInput` for a field outside `id`, `name`, `type`, `result.*`, `default-release.*`, `channel-map.*`.
    init(_ list: [String]?, allowChannelMap: Bool) throws(StoreError) {
        for field in list ?? [] {
            let path = field.split(separator: ".")
            guard let head = path.first else { continue }
            switch head {
            case "id", "name", "type": continue
            case "result":
                if let leaf = path.dropFirst().first { result.insert(String(leaf)) } else { result = Self.resultFields }
            case "default-release":
                var fields = defaultRelease ?? ReleaseFields()
                fields.add(path.dropFirst())
                defaultRelease = fields
            case "channel-map" where allowChannelMap:
                var fields = channelMap ?? ReleaseFields()
                fields.add(path.dropFirst())
                channelMap = fields
            default:
                throw .invalidInput("unknown field '\(QueryParameters.printable(String(field.prefix(60))))' (use id, name, type, result.*, default-release.*\(allowChannelMap ? ", channel-map.*" : ""))")
            }
        }
    }

    /// Whether anything beyond `id`, `name` and `type` needs the package's details.
    var needsPackage: Bool { !result.isEmpty || defaultRelease != nil || channelMap != nil }

    /// The `result` object; `nil` when no result field was asked for.
    func result(_ package: PublicPackage) -> CharmResult? {
        guard !result.isEmpty else { return nil }
        let item = package.package
        var links: [String: [String]] = [:]
        for link in item.links { links[link.kind, default: []].append(link.url) }
        let has = result.contains
        return CharmResult(
            categories: has("categories") ? item.categories.map { WireCategory(name: $0, featured: false) } : nil,
            description: has("description") ? item.description : nil, license: has("license") ? item.license : nil,
            links: has("links") ? links : nil, media: has("media") ? [] : nil,
            publisher: has("publisher") ? WirePublisher(package.detail.publisher) : nil,
            summary: has("summary") ? item.summary : nil, title: has("title") ? item.title : nil,
            usedBy: has("used-by") ? 0 : nil, website: has("website") ? links["website"]?.first : nil)
    }

    /// The releases of the channel map: plain releases only, no branches, by channel then platform.
    static func releases(of map: ChannelMap) -> [ChannelRelease] {
        map.releases.filter { !$0.channel.isBranch && !$0.isProgressive }
            .sorted { ($0.channel, $0.platform) < ($1.channel, $1.platform) }
    }

    /// The most stable release on the default track.
    static func defaultRelease(of package: PublicPackage) -> ChannelRelease? {
        releases(of: package.map).first { $0.channel.track == package.package.defaultTrack }
    }

    /// A release narrowed to `fields`.
    static func release(_ release: ChannelRelease, in package: PublicPackage, fields: ReleaseFields) -> CharmInfoRelease {
        var result = CharmInfoRelease()
        if !fields.channel.isEmpty {
            let has = fields.channel.contains
            result.channel = CharmInfoChannel(
                name: release.channel.fullName, track: release.channel.track, risk: release.channel.risk.description,
                releasedAt: has("released-at") ? WireDate(release.releasedAt) : nil,
                base: has("base") ? CharmBase(release.platform) : nil)
        }
        if !fields.revision.isEmpty {
            let has = fields.revision.contains
            let revision = package.revision(release.revision)
            result.revision = CharmInfoRevision(
                revision: release.revision, version: has("version") ? revision?.version : nil,
                createdAt: has("created-at") ? revision.map { WireDate($0.createdAt) } : nil,
                bases: has("bases") ? revision.map { $0.platforms(for: .charm).compactMap(CharmBase.init) } : nil,
                download: has("download") ? revision.map { CharmDownload(size: $0.size) } : nil)
        }
        return result
    }
}

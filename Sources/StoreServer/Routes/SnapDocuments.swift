import StoreModels
import StoreService

/// The `fields=` of the Snap Store's v2 API and how domain values become its documents.
enum SnapFields {
    /// Fields of the `snap` object.
    static let snapLevel: Set<String> = [
        "categories", "contact", "description", "license", "links", "media", "name", "prices", "private", "publisher",
        "snap-id", "store-url", "summary", "title", "website",
    ]
    /// Fields of a revision (find's `revision`, info's channel-map entries).
    static let revisionLevel: Set<String> = [
        "architectures", "base", "common-ids", "confinement", "created-at", "download", "epoch", "revision", "resources",
        "snap-yaml", "type", "version",
    ]
    /// Snap-level fields a search hit already has (no extra read needed).
    static let inSummary: Set<String> = ["categories", "name", "publisher", "snap-id", "summary", "title"]
    /// What a refresh result carries without `fields`.
    static let refreshDefault: Set<String> = [
        "architectures", "base", "confinement", "created-at", "download", "epoch", "name", "publisher", "revision", "snap-id",
        "summary", "title", "type", "version",
    ]
    /// What info returns without `fields=` (the real store's default).
    static let infoDefault: Set<String> = [
        "created-at", "download", "license", "name", "prices", "publisher", "revision", "snap-id", "summary", "title", "type", "version",
    ]

    /// A set of known fields as bits, built once per request, so narrowing each document to them is a bit test
    /// per field rather than hashing each field's name again for every result.
    struct Selection: OptionSet, Hashable, Sendable {
        let rawValue: UInt32

        /// The bit of each known field, snap level then revision level.
        static let bits: [String: Selection] = Dictionary(
            uniqueKeysWithValues: (snapLevel.sorted() + revisionLevel.sorted()).enumerated().map { ($1, Selection(rawValue: 1 << UInt32($0))) })

        static let categories = bit("categories"), contact = bit("contact"), description = bit("description"), license = bit("license")
        static let links = bit("links"), media = bit("media"), name = bit("name"), prices = bit("prices"), isPrivate = bit("private")
        static let publisher = bit("publisher"), snapID = bit("snap-id"), storeURL = bit("store-url"), summary = bit("summary")
        static let title = bit("title"), website = bit("website")
        static let architectures = bit("architectures"), base = bit("base"), commonIDs = bit("common-ids")
        static let confinement = bit("confinement"), createdAt = bit("created-at"), download = bit("download"), epoch = bit("epoch")
        static let revision = bit("revision"), resources = bit("resources"), snapYAML = bit("snap-yaml"), type = bit("type")
        static let version = bit("version")

        private static func bit(_ name: String) -> Selection { bits[name]! }

        init(rawValue: UInt32) { self.rawValue = rawValue }

        /// The known fields among `fields` (others, such as find's `channel`, have no bit).
        init<Fields: Sequence<String>>(_ fields: Fields) {
            self = fields.reduce(into: []) { selection, field in selection.formUnion(Self.bits[field] ?? []) }
        }
    }

    /// Every field info knows (snap and revision level).
    static let known = snapLevel.union(revisionLevel)
    /// Every field find knows: info's and `channel`.
    static let knownWithChannel = known.union(["channel"])

    /// The fields asked for.
    /// - Parameter allowChannel: find also accepts `channel` (the channel a result comes from).
    /// - Throws: `.invalidInput` naming the first unknown field.
    static func parse(_ list: [String]?, default defaultFields: Set<String>, allowChannel: Bool) throws(StoreError) -> Set<String> {
        guard let list else { return defaultFields }
        let accepted = allowChannel ? knownWithChannel : known
        if let unknown = list.first(where: { !accepted.contains($0) }) {
            throw .invalidInput("unknown field '\(QueryParameters.printable(String(unknown.prefix(40))))' in fields (known: \(accepted.sorted().joined(separator: ",")))")
        }
        return Set(list)
    }

    /// The `snap` object for a search hit, with only `fields`.
    static func details(_ summary: PackageSummary, fields: Selection) -> SnapDetails {
        var details = SnapDetails(
            categories: summary.categories.map { WireCategory(name: $0, featured: false) }, name: summary.name.rawValue,
            publisher: WirePublisher(
                id: summary.publisher.id, username: summary.publisher.username, displayName: summary.publisher.displayName,
                validation: summary.publisher.validation.rawValue),
            snapID: summary.id, summary: summary.summary, title: summary.title)
        select(&details, fields)
        return details
    }

    /// The `snap` object for a package, with only `fields`.
    static func details(_ package: PublicPackage, fields: Selection) -> SnapDetails {
        let item = package.package
        var links: [String: [String]] = [:]
        for link in item.links { links[link.kind, default: []].append(link.url) }
        var details = SnapDetails(
            categories: item.categories.map { WireCategory(name: $0, featured: false) }, contact: links["contact"]?.first,
            description: item.description, license: item.license, links: links, media: [], name: item.name.rawValue,
            prices: [:], isPrivate: item.isPrivate, publisher: WirePublisher(package.detail.publisher), snapID: item.id,
            summary: item.summary, title: item.title, website: WireField(nullable: links["website"]?.first))
        select(&details, fields)
        return details
    }

    /// Every revision-level field the domain knows for `revision`, narrowed to `fields` (`download.url`
    /// when the server says where).
    static func revisionFields(_ revision: Revision, fields: Selection, downloadURL: String? = nil) -> SnapRevisionFields {
        var result = SnapRevisionFields(revision, downloadURL: downloadURL)
        result.type = "app"
        result.epoch = SnapEpoch(revision.epoch ?? .zero)
        result.commonIDs = []
        select(&result, fields)
        return result
    }

    /// A revision known only by its number (its record could not be read), narrowed to `fields`.
    static func revisionFields(number: Int, fields: Selection) -> SnapRevisionFields {
        SnapRevisionFields(revision: fields.contains(.revision) ? number : nil)
    }

    private static func select(_ details: inout SnapDetails, _ fields: Selection) {
        if !fields.contains(.categories) { details.categories = nil }
        if !fields.contains(.contact) { details.contact = nil }
        if !fields.contains(.description) { details.description = nil }
        if !fields.contains(.license) { details.license = nil }
        if !fields.contains(.links) { details.links = nil }
        if !fields.contains(.media) { details.media = nil }
        if !fields.contains(.name) { details.name = nil }
        if !fields.contains(.prices) { details.prices = nil }
        if !fields.contains(.isPrivate) { details.isPrivate = nil }
        if !fields.contains(.publisher) { details.publisher = nil }
        if !fields.contains(.snapID) { details.snapID = nil }
        if !fields.contains(.storeURL) { details.storeURL = nil }
        if !fields.contains(.summary) { details.summary = nil }
        if !fields.contains(.title) { details.title = nil }
        if !fields.contains(.website) { details.website = .absent }
    }

    private static func select(_ revision: inout SnapRevisionFields, _ fields: Selection) {
        if !fields.contains(.architectures) { revision.architectures = nil }
        if !fields.contains(.base) { revision.base = .absent }
        if !fields.contains(.commonIDs) { revision.commonIDs = nil }
        if !fields.contains(.confinement) { revision.confinement = nil }
        if !fields.contains(.createdAt) { revision.createdAt = nil }
        if !fields.contains(.download) { revision.download = nil }
        if !fields.contains(.epoch) { revision.epoch = nil }
        if !fields.contains(.revision) { revision.revision = nil }
        if !fields.contains(.resources) { revision.resources = nil }
        if !fields.contains(.snapYAML) { revision.snapYAML = nil }
        if !fields.contains(.type) { revision.type = nil }
        if !fields.contains(.version) { revision.version = nil }
    }
}

import StoreModels
import StoreService

extension PackageSummary {
    /// The search result in a row holding `p.id, p.name, p.type, p.title, p.summary, p.categories,
    /// p.latest_stable_version` and the owner's account aliased `a_…`.
    package init(columns row: some ColumnReading) throws {
        self.init(
            id: try row.string("id"),
            name: PackageName(trusted: try row.string("name")),
            type: PackageType(rawValue: try row.string("type")),
            title: try row.string("title"),
            summary: try row.string("summary"),
            publisher: try PublisherSummary(columns: row, prefix: "a_"),
            latestStableVersion: try row.optionalString("latest_stable_version"),
            categories: try row.strings("categories"),
            updatedAt: PackageSortKeys.date(micros: try row.int64("updated_us")))
    }
}

extension Package {
    /// The package in a `packages` row.
    package init(columns row: some ColumnReading) throws {
        self.init(
            id: try row.string("id"),
            name: PackageName(trusted: try row.string("name")),
            type: PackageType(rawValue: try row.string("type")),
            title: try row.string("title"),
            summary: try row.string("summary"),
            description: try row.string("description"),
            publisherID: try row.string("publisher_id"),
            categories: try row.strings("categories"),
            license: try row.string("license"),
            links: try JSONColumn.links(from: try row.string("links")),
            status: Package.Status(rawValue: try row.string("status")) ?? .registered,
            isPrivate: try row.bool("private"),
            defaultTrack: try row.string("default_track"),
            tracks: try row.strings("tracks"),
            createdAt: try row.date("created_at"))
    }

    /// Whether a package belongs in the public catalogue.
    package static func isListed(isPrivate: Bool, status: Package.Status, ownerSuspended: Bool) -> Bool {
        !isPrivate && status != .quarantined && !ownerSuspended
    }
}

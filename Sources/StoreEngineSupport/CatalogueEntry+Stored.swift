import StoreModels
import StoreService

/// A catalogue entry as every engine's bulk import stores it: the values derived from the entry
/// once, so both engines write the same rows.
package struct StoredEntry: Sendable {
    /// The package as stored: the channel map's tracks added, `published` once it serves something.
    package var package: Package
    /// Collaborators other than the owner, each once, in the entry's order.
    package var collaboratorIDs: [String]
    /// The revisions, by number.
    package var revisions: [Int: Revision]
    /// The revisions, oldest first.
    package var revisionsInOrder: [Revision]
    /// The channel map.
    package var map: ChannelMap
    /// Revisions' files, by number.
    package var files: [Int: RevisionFile]
    /// Whether the package belongs in the public catalogue (``Package/isListed(isPrivate:status:ownerSuspended:)``).
    package var isListed: Bool
    /// The version `latest/stable` of the default track serves, for search results.
    package var latestStableVersion: String?
    /// The sort keys (``PackageSortKeys``): when it last changed, and its version's key.
    package var updatedMicros: Int64
    package var versionKey: String

    /// The highest revision number, 0 without revisions.
    package var lastRevision: Int { revisionsInOrder.last?.number ?? 0 }

    /// The stored form of `entry`, whose owner is suspended when `ownerSuspended`.
    package init(_ entry: CatalogueEntry, ownerSuspended: Bool) {
        var package = entry.package
        for track in entry.channelMap.tracks where !package.tracks.contains(track) { package.tracks.append(track) }
        if package.status == .registered, !entry.channelMap.releases.isEmpty { package.status = .published }
        var revisions: [Int: Revision] = [:]
        for revision in entry.revisions { revisions[revision.number] = revision }
        var seen = Set<String>()
        self.package = package
        collaboratorIDs = entry.collaboratorIDs.filter { $0 != package.publisherID && seen.insert($0).inserted }
        self.revisions = revisions
        revisionsInOrder = entry.revisions.sorted { $0.number < $1.number }
        map = entry.channelMap
        files = entry.files
        isListed = Package.isListed(isPrivate: package.isPrivate, status: package.status, ownerSuspended: ownerSuspended)
        latestStableVersion = entry.channelMap.latestStableVersion(defaultTrack: package.defaultTrack, revisions: revisions)
        updatedMicros = PackageSortKeys.updated(map: entry.channelMap, createdAt: package.createdAt)
        versionKey = PackageSortKeys.version(latestStableVersion)
    }
}

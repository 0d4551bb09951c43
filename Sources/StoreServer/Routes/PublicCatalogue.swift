import StoreModels
import StoreService

/// A package as the public device API shows it: metadata, channel map and the revisions it releases.
struct PublicPackage: Sendable {
    var detail: PackageDetail
    var map: ChannelMap
    /// The released revisions (those the map references), when they could be read.
    var revisions: [Revision]

    var package: Package { detail.package }

    /// The released revision numbered `number`, if known.
    func revision(_ number: Int) -> Revision? { revisions.first { $0.number == number } }
}

extension PublicPackage {
    /// A package of a refresh's read (``StoreService/refreshCatalogue(_:)``), with the revisions its map releases.
    init(_ entry: RefreshCatalogue.Entry) {
        let released = entry.map.releasedRevisions
        self.init(
            detail: entry.detail, map: entry.map,
            revisions: entry.revisions.values.filter { released.contains($0.number) }.sorted { $0.number > $1.number })
    }
}

extension StoreAPI {
    /// Loads a package `identity` may see, of `type`, with its channel map and released revisions.
    ///
    /// One read transaction (``StoreService/refreshCatalogue(_:)`` with the one name): the package and map as
    /// the caller sees them (so hidden packages stay hidden), and only the revisions the map releases, which
    /// are public even though revision lists are not. Closed slots are not read: nothing public shows them.
    /// - Returns: `nil` when the package does not exist, is hidden from the caller or has another type.
    func publicPackage(_ name: PackageName, type: PackageType, as identity: Identity) async throws(StoreError) -> PublicPackage? {
        try await publicPackages([name], type: type, as: identity)[name]
    }

    /// The packages among `names` that `identity` may see, of `type`, read together in one transaction
    /// (as ``publicPackage(_:type:as:)`` reads one); what is hidden, missing or of another type is left out.
    func publicPackages(_ names: [PackageName], type: PackageType, as identity: Identity) async throws(StoreError) -> [PackageName: PublicPackage] {
        guard !names.isEmpty else { return [:] }
        var lookup = RefreshLookup()
        for name in names { lookup.add(.name(name), revision: nil) }
        let catalogue = try await service(for: identity).refreshCatalogue(lookup)
        var packages: [PackageName: PublicPackage] = [:]
        for (name, entry) in catalogue.packages where entry.detail.package.type == type { packages[name] = PublicPackage(entry) }
        return packages
    }
}

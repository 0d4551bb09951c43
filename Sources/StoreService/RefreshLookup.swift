import StoreModels

/// The packages one device refresh names (snapd's `POST /v2/snaps/refresh`, Juju's
/// `/v2/charms/refresh`), read together by ``StoreService/refreshCatalogue(_:)``.
public struct RefreshLookup: Sendable, Hashable {
    /// How an action names its package.
    public enum Reference: Sendable, Hashable {
        /// By store id (a refresh, or an install by snap-id).
        case id(String)
        /// By name (an install or download).
        case name(PackageName)
    }

    /// Each package named, with the revision numbers actions ask for by number (empty for none).
    public var packages: [Reference: Set<Int>]

    /// Creates a lookup.
    public init(packages: [Reference: Set<Int>] = [:]) {
        self.packages = packages
    }

    /// Adds the package `reference` names and, when given, a revision asked for by number.
    public mutating func add(_ reference: Reference, revision: Int?) {
        packages[reference, default: []].formUnion(revision.map { [$0] } ?? [])
    }

    /// The store ids named.
    public var ids: [String] {
        packages.keys.compactMap { reference in
            if case .id(let id) = reference { id } else { nil }
        }
    }
}

/// What a device refresh needs of the packages a ``RefreshLookup`` names, read in one transaction.
public struct RefreshCatalogue: Sendable, Hashable {
    /// One package as the refresh resolver and the reply need it.
    public struct Entry: Sendable, Hashable {
        /// The package with its publisher, collaborators and released versions, as ``StoreService/package(named:)``.
        public var detail: PackageDetail
        /// The channel map, expired branches removed, as ``StoreService/channelMap(of:)``.
        public var map: ChannelMap
        /// The revisions that may be served, by number: those the map releases, and the ones asked for
        /// by number that are approved, when the caller may see the package's revisions.
        public var revisions: [Int: Revision]

        /// Creates an entry.
        public init(detail: PackageDetail, map: ChannelMap, revisions: [Int: Revision]) {
            self.detail = detail
            self.map = map
            self.revisions = revisions
        }
    }

    /// The names of the ids the caller may see, as ``StoreService/packageNames(ids:)`` answers them.
    public var names: [String: PackageName]
    /// The packages the caller may see, of any type, by name; what is hidden or missing is left out.
    public var packages: [PackageName: Entry]

    /// Creates a catalogue.
    public init(names: [String: PackageName] = [:], packages: [PackageName: Entry] = [:]) {
        self.names = names
        self.packages = packages
    }
}

import StoreModels

/// An account to import: a publisher record and the role the account holds.
public struct CatalogueAccount: Sendable, Hashable {
    public var publisher: Publisher
    public var role: Role

    public init(publisher: Publisher, role: Role) {
        self.publisher = publisher
        self.role = role
    }
}

/// A package to import with everything that hangs off it.
public struct CatalogueEntry: Sendable, Hashable {
    public var package: Package
    /// Account ids of collaborators (besides the owner).
    public var collaboratorIDs: [String]
    /// Revisions, any order; numbers unique.
    public var revisions: [Revision]
    /// The channel map; its releases reference `revisions`.
    public var channelMap: ChannelMap
    /// Where revisions' files are, by revision number (the demo's generated files).
    public var files: [Int: RevisionFile]

    public init(package: Package, collaboratorIDs: [String], revisions: [Revision], channelMap: ChannelMap, files: [Int: RevisionFile] = [:]) {
        self.package = package
        self.collaboratorIDs = collaboratorIDs
        self.revisions = revisions
        self.channelMap = channelMap
        self.files = files
    }
}

/// An engine that can load a catalogue in bulk (the demo seed), much faster than one call per change.
public protocol CatalogueImporting: Sendable {
    /// Imports accounts and packages in large transactions. Writes no audit events: a seed is not a change.
    /// - Returns: the number of packages imported.
    func importCatalogue(accounts: [CatalogueAccount], entries: some Sequence<CatalogueEntry> & Sendable) async throws(StoreError) -> Int
    /// Whether the store holds no packages yet (first run).
    func isEmpty() async throws(StoreError) -> Bool
}

/// A catalogue to import into a store that already has some of its accounts (an admin ran
/// `token create --user alice` before the first `serve --seed-if-empty`): the accounts the store
/// has are left out, and the entries name the store's account ids for them instead of the catalogue's.
public struct CatalogueMerge: Sendable {
    /// The catalogue's account ids the store knows under another id, by the catalogue's id.
    public var existingIDs: [String: String]

    /// A merge that maps catalogue account ids to the store's (`[catalogue id: store id]`).
    public init(existingIDs: [String: String]) { self.existingIDs = existingIDs }

    /// The accounts still to create.
    public func accounts(_ accounts: [CatalogueAccount]) -> [CatalogueAccount] {
        accounts.filter { existingIDs[$0.publisher.id] == nil }
    }

    /// `entry` naming the store's ids for accounts it already had.
    public func entry(_ entry: CatalogueEntry) -> CatalogueEntry {
        guard !existingIDs.isEmpty else { return entry }
        var entry = entry
        entry.package.publisherID = existingIDs[entry.package.publisherID] ?? entry.package.publisherID
        entry.collaboratorIDs = entry.collaboratorIDs.map { existingIDs[$0] ?? $0 }
        return entry
    }
}

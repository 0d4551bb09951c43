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

    public init(package: Package, collaboratorIDs: [String], revisions: [Revision], channelMap: ChannelMap) {
        self.package = package
        self.collaboratorIDs = collaboratorIDs
        self.revisions = revisions
        self.channelMap = channelMap
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

import StoreModels
import StoreService

/// The immutable inputs every entry is generated from, shared by all copies of ``DemoEntries``.
struct DemoContext: Sendable {
    let packageCount: Int
    let seed: UInt64
    /// The catalogue's "now", in seconds since 1970.
    let now: Double
    /// Publishers, fixed ones first (index-aligned with ``DemoPublishers``).
    let publishers: [Publisher]
    /// The space generated package names are drawn from.
    let packageNames: NameSpace
    /// How many of the named demo packages this catalogue holds (all five unless it is tiny).
    let fixedCount: Int

    init(packageCount: Int, seed: UInt64, now: Double) {
        self.packageCount = max(0, packageCount)
        self.seed = seed
        self.now = now
        publishers = DemoPublishers.make(count: DemoPublishers.count(forPackages: packageCount), seed: seed)
        packageNames = NameSpace.packages(seed: seed)
        fixedCount = min(FixedPackages.names.count, self.packageCount)
    }

    /// The entry at `index`: a named demo package first, generated ones after.
    func entry(at index: Int) -> CatalogueEntry {
        var rng = SplitMix64(seed: seed, stream: DemoStream.package.rawValue, index: index)
        let spec = index < fixedCount
            ? FixedPackages.spec(at: index, context: self, rng: &rng)
            : GeneratedPackages.spec(at: index, context: self, rng: &rng)
        return EntryBuilder(context: self).entry(for: spec, rng: &rng)
    }
}

import StoreService

/// The packages of a ``DemoCatalogue``, generated one at a time on demand.
///
/// A random-access collection (so it is also a `Sequence`): `entries[i]` builds entry *i* from
/// its own seeded generator, in time proportional to its revisions. Slices split the work across
/// tasks; iterating twice yields identical entries.
public struct DemoEntries: RandomAccessCollection, Sendable {
    /// Positions are package indices.
    public typealias Index = Int

    private let context: DemoContext

    init(context: DemoContext) { self.context = context }

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The package count.
    public var endIndex: Int { context.packageCount }

    /// Generates entry `position`.
    /// - Complexity: O(*r*) in the entry's number of revisions.
    public subscript(position: Int) -> CatalogueEntry {
        precondition(position >= 0 && position < context.packageCount, "demo entry index out of range")
        return context.entry(at: position)
    }
}

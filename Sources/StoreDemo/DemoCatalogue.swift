import Foundation
import StoreModels
import StoreService

/// A deterministic, realistic demo catalogue: publishers, staff, and packages with revisions and
/// channel maps, plus a deliberate share of hostile text.
///
/// The same `(packageCount, seed, now)` always yields the same catalogue. Entries are generated
/// on demand, each from its own seeded generator, so entry *i* costs the same whether or not the
/// ones before it were generated, and a 100,000-package catalogue never sits in memory at once.
///
/// The first entries are always the named demo packages (see ``DemoPackages``), then generated
/// ones. Accounts are the publishers (fixed ones first, see ``DemoAccounts``), then the staff.
public struct DemoCatalogue: Sendable {
    /// The number of packages the first run seeds.
    public static let demoPackageCount = 3000
    /// Demo revisions' files are realistic sizes divided by this, so every revision can have a real,
    /// generated file whose size and SHA3-384 the catalogue states (a "150 MB" snap is a 9 KB file).
    public static let fileScale: Int64 = 16_384

    /// How many packages the catalogue holds.
    public var packageCount: Int { context.packageCount }
    /// The seed everything is derived from.
    public var seed: UInt64 { context.seed }
    /// The moment the catalogue is generated for: creation dates go back up to three years from it,
    /// and branch expiry is relative to it.
    public let now: Date

    private let context: DemoContext
    private let staff: [CatalogueAccount]

    /// Creates a catalogue description; nothing is generated until ``entries()`` is iterated.
    /// - Parameters:
    ///   - packageCount: the number of packages (the first five are the named demo packages).
    ///   - seed: the seed; the same seed and `now` give the same catalogue.
    ///   - now: the catalogue's present moment; pass a fixed date for reproducible output.
    public init(packageCount: Int, seed: UInt64 = 2026, now: Date) {
        self.now = now
        context = DemoContext(packageCount: packageCount, seed: seed, now: now.timeIntervalSince1970)
        staff = DemoPublishers.staff(seed: seed)
    }

    /// All publishers (about one per eight packages, at least 20; fixed ones first) and the staff accounts.
    public var accounts: [CatalogueAccount] {
        context.publishers.map { CatalogueAccount(publisher: $0, role: .publisher) } + staff
    }

    /// The publishers alone, fixed ones first.
    public var publishers: [Publisher] { context.publishers }

    /// The packages, generated lazily and deterministically.
    public func entries() -> DemoEntries { DemoEntries(context: context) }
}

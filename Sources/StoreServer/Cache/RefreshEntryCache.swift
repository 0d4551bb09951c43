import Foundation
import StoreModels
import StoreService
import Synchronization

/// A short-lived, byte-bounded copy of each package's refresh entry as an anonymous device sees it
/// (what ``StoreService/refreshCatalogue(_:)`` answers for it), so a device's periodic refresh of 20
/// installed snaps does not read 20 packages again each time.
///
/// The public response cache's semantics (``PublicResponseCache``), for the same reasons:
/// - **Who**: only anonymous callers (who see nothing private); anyone signed in reads the database.
///   Only packages named without a revision number (what a periodic refresh sends) are kept and served.
/// - **How long**: ``ttl`` seconds from when the read started. A change made through another instance
///   shows after at most ``ttl``; one made through this instance empties the cache at once
///   (``invalidate()``, called by ``CacheInvalidationMiddleware``), and a read that started before is not kept.
/// - **How much**: at most ``capacity`` bytes (``cost(of:)``, an estimate), least recently used dropped first.
/// - **Off** with the public cache (a ttl or capacity of 0).
///
/// What is missing or hidden is not kept: it is read again (a new package shows at once).
final class RefreshEntryCache: Sendable {
    private enum Stored {
        /// The name an id resolved to.
        case name(PackageName, expiresAt: Date)
        /// A package's entry.
        case entry(RefreshCatalogue.Entry, expiresAt: Date)

        var expiresAt: Date {
            switch self {
            case .name(_, let date), .entry(_, let date): date
            }
        }
    }

    private struct State {
        var entries: LRUStore<Stored>
        /// Bumped by ``invalidate()``: a read that started under an older generation is not kept.
        var generation: UInt64 = 0
        /// The reads under way, by the key of each entry they bring (``idKey(_:)``, ``nameKey(_:)``).
        var flights: [String: EntryFlight] = [:]
    }

    /// One read of entries that requests missing the same entries wait for.
    private typealias EntryFlight = Flight<RefreshCatalogue>

    /// Seconds an entry is served for; `0` turns the cache off.
    let ttl: Double
    /// The most bytes kept.
    let capacity: Int
    private let clock: @Sendable () -> Date
    private let state: Mutex<State>

    /// Creates an empty cache.
    /// - Parameters:
    ///   - ttl: seconds an entry is served for; `0` or less turns the cache off.
    ///   - capacity: the most bytes kept; `0` or less turns the cache off.
    ///   - clock: the current time (tests move it by hand).
    init(ttl: Double, capacity: Int, clock: @escaping @Sendable () -> Date) {
        self.ttl = ttl
        self.capacity = capacity
        self.clock = clock
        state = Mutex(State(entries: LRUStore(capacity: max(0, capacity))))
    }

    /// Whether entries are kept at all.
    var isEnabled: Bool { ttl > 0 && capacity > 0 }

    /// The bytes kept now (the sum of the entries' ``cost(of:)``).
    var bytesKept: Int { state.withLock { $0.entries.totalCost } }

    /// Forgets every entry at once, and any read under way: a change went through this instance.
    func invalidate() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll()
            state.flights.removeAll()
        }
    }

    /// What `identity` gets for `lookup`: kept entries where there are some, the rest from `read`.
    ///
    /// Entries that another request is reading already are waited for, not read again: when a popular
    /// package's entry expires, the devices refreshing it at that moment share one read (each still reads
    /// what that read did not bring, or all of it when the read failed).
    ///
    /// - Throws: what `read` throws.
    func catalogue(
        for lookup: RefreshLookup, identity: Identity,
        read: (RefreshLookup) async throws(StoreError) -> RefreshCatalogue
    ) async throws(StoreError) -> RefreshCatalogue {
        // Over the limit: the read refuses it, as it would without the cache.
        guard isEnabled, identity.isAnonymous, lookup.packages.count <= PackageLookup.maximumIDs else { return try await read(lookup) }
        let now = clock()
        var catalogue = RefreshCatalogue()
        var missing = RefreshLookup()
        var awaited: [(flight: EntryFlight, references: [RefreshLookup.Reference])] = []
        let flight = EntryFlight()
        let generation = state.withLock { state -> UInt64 in
            var waits: [ObjectIdentifier: Int] = [:]
            func miss(_ reference: RefreshLookup.Reference, underWay: EntryFlight?) {
                guard let other = underWay else {
                    // Without dropping revision numbers the lookup also asks of it (an id's package, named too).
                    if missing.packages[reference] == nil { missing.packages[reference] = [] }
                    return
                }
                if let index = waits[ObjectIdentifier(other)] {
                    awaited[index].references.append(reference)
                } else {
                    waits[ObjectIdentifier(other)] = awaited.count
                    awaited.append((other, [reference]))
                }
            }
            for (reference, asked) in lookup.packages {
                guard asked.isEmpty else {
                    missing.packages[reference, default: []].formUnion(asked)
                    continue
                }
                let name: PackageName
                switch reference {
                case .id(let id):
                    guard case .name(let found, let expiresAt)? = state.entries.value(forKey: Self.idKey(id)), expiresAt > now else {
                        miss(reference, underWay: state.flights[Self.idKey(id)])
                        continue
                    }
                    catalogue.names[id] = found
                    name = found
                case .name(let named):
                    name = named
                }
                if case .entry(let entry, let expiresAt)? = state.entries.value(forKey: Self.nameKey(name)), expiresAt > now {
                    catalogue.packages[name] = entry
                } else {
                    // The id's name is known: the package is read by name.
                    miss(.name(name), underWay: state.flights[Self.nameKey(name)])
                }
            }
            for (reference, asked) in missing.packages where asked.isEmpty { state.flights[Self.key(reference)] = flight }
            return state.generation
        }
        if !missing.packages.isEmpty {
            let fresh: RefreshCatalogue
            do throws(StoreError) { fresh = try await read(missing) } catch {
                land(flight, missing, outcome: nil)
                throw error
            }
            keep(fresh, lookedUp: missing, readAt: now, generation: generation)
            land(flight, missing, outcome: fresh)
            // A fresh entry holds all a kept one does, and the revisions asked by number besides.
            catalogue.names.merge(fresh.names) { _, fresh in fresh }
            catalogue.packages.merge(fresh.packages) { _, fresh in fresh }
        }
        // What other requests were reading: taken from their reads (filling gaps only: what this request read
        // itself may carry revisions asked by number), else read here.
        var unanswered = RefreshLookup()
        for (other, references) in awaited {
            let shared = await other.outcome()
            for reference in references {
                let name: PackageName?
                switch reference {
                case .id(let id): name = catalogue.names[id] ?? shared?.names[id]
                case .name(let named): name = named
                }
                guard let name, let entry = catalogue.packages[name] ?? shared?.packages[name] else {
                    unanswered.packages[reference] = []
                    continue
                }
                if case .id(let id) = reference { catalogue.names[id] = name }
                catalogue.packages[name] = entry
            }
        }
        guard !unanswered.packages.isEmpty else { return catalogue }
        let rest = try await read(unanswered)
        catalogue.names.merge(rest.names) { kept, _ in kept }
        catalogue.packages.merge(rest.packages) { kept, _ in kept }
        return catalogue
    }

    /// Ends `flight`: its waiters get `outcome`, and the entries it was reading are no longer under way.
    private func land(_ flight: EntryFlight, _ lookup: RefreshLookup, outcome: RefreshCatalogue?) {
        state.withLock { state in
            for (reference, asked) in lookup.packages where asked.isEmpty {
                let key = Self.key(reference)
                if state.flights[key] === flight { state.flights[key] = nil }
            }
        }
        flight.finish(outcome)
    }

    /// Keeps what a read answered for the packages named without a revision number, unless the cache
    /// was emptied since the read started.
    private func keep(_ read: RefreshCatalogue, lookedUp lookup: RefreshLookup, readAt: Date, generation: UInt64) {
        let expiresAt = readAt.addingTimeInterval(ttl)
        let now = clock()
        state.withLock { state in
            guard state.generation == generation else { return }
            state.entries.removeLeastRecentlyUsed { $0.expiresAt <= now }
            for (reference, asked) in lookup.packages where asked.isEmpty {
                let name: PackageName
                switch reference {
                case .id(let id):
                    guard let found = read.names[id] else { continue }
                    let key = Self.idKey(id)
                    state.entries.insert(.name(found, expiresAt: expiresAt), forKey: key, cost: key.utf8.count + found.rawValue.utf8.count + 64)
                    name = found
                case .name(let named):
                    name = named
                }
                if let entry = read.packages[name] {
                    state.entries.insert(.entry(entry, expiresAt: expiresAt), forKey: Self.nameKey(name), cost: Self.cost(of: entry))
                }
            }
        }
    }

    private static func idKey(_ id: String) -> String { "id " + id }
    private static func key(_ reference: RefreshLookup.Reference) -> String {
        switch reference {
        case .id(let id): idKey(id)
        case .name(let name): nameKey(name)
        }
    }
    private static func nameKey(_ name: PackageName) -> String { "name " + name.rawValue }

    /// An estimate of the bytes an entry holds: its texts, with an allowance per revision and release.
    static func cost(of entry: RefreshCatalogue.Entry) -> Int {
        let package = entry.detail.package
        var bytes = 1024 + package.title.utf8.count + package.summary.utf8.count + package.description.utf8.count
            + package.license.utf8.count + package.tracks.reduce(0) { $0 + $1.utf8.count + 16 }
            + package.links.reduce(0) { $0 + $1.url.utf8.count + $1.kind.utf8.count + 32 }
            + package.categories.reduce(0) { $0 + $1.utf8.count + 16 }
            + entry.detail.collaborators.reduce(0) { $0 + $1.utf8.count + 16 }
            + entry.detail.releasedVersions.values.reduce(0) { $0 + $1.utf8.count + 32 }
            + entry.map.releases.count * 160
        for revision in entry.revisions.values {
            bytes += 512 + revision.version.utf8.count + revision.uploader.utf8.count
                + revision.permissions.reduce(0) { $0 + $1.utf8.count + 16 }
                + revision.checks.reduce(0) { $0 + $1.message.utf8.count + $1.code.utf8.count + 32 }
                + (revision.charmFile.map { $0.metadataYAML.utf8.count + $0.configYAML.utf8.count + 128 } ?? 0)
        }
        return bytes
    }
}

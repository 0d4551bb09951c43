import Foundation
import StoreModels
import StoreService

/// What a device refresh reads of each package (``StoreService/refreshCatalogue(_:)``), apart from the SQL.
///
/// Each engine, in one read transaction: resolves the lookup's ids as ``StoreService/packageNames(ids:)`` does,
/// takes the ``packages(_:names:)`` to read, loads each one's context and stops at one ``sees(_:caller:)`` refuses, reads its stored map
/// and the revisions ``revisionsToRead(map:asked:of:by:)`` names, and hands them to ``entry(_:map:revisions:asked:collaborators:at:by:)``.
/// The visibility is the per-package reads' own: the package and map as the caller sees them; released
/// revisions for anyone who sees the package (as downloads are); others only for those who see its revisions.
package enum RefreshRules {
    /// Checks the lookup's size against ``PackageLookup/maximumIDs``.
    package static func check(_ lookup: RefreshLookup) throws(StoreError) {
        let maximum = PackageLookup.maximumIDs
        guard lookup.packages.count <= maximum else {
            throw .invalidInput("at most \(maximum) packages in one refresh lookup (got \(lookup.packages.count))")
        }
    }

    /// The packages to read, by name, with the revisions asked for by number: the lookup's names, and
    /// its ids that resolved to `names` (ids unknown or hidden from the caller are left out).
    package static func packages(_ lookup: RefreshLookup, names: [String: PackageName]) -> [PackageName: Set<Int>] {
        var packages: [PackageName: Set<Int>] = [:]
        for (reference, asked) in lookup.packages {
            switch reference {
            case .id(let id): if let name = names[id] { packages[name, default: []].formUnion(asked) }
            case .name(let name): packages[name, default: []].formUnion(asked)
            }
        }
        return packages
    }

    /// Whether `caller` sees the package at all.
    package static func sees(_ context: PackageContext, caller: Identity) -> Bool {
        Permissions.may(caller, .viewPackage, on: context.access).isAllowed
    }

    /// The revision numbers to read: every one the stored map releases (expired branches included, for
    /// the released versions), and those asked for by number when `caller` may see the package's revisions.
    package static func revisionsToRead(map: ChannelMap, asked: Set<Int>, of context: PackageContext, by caller: Identity) -> Set<Int> {
        let mayAsk = !asked.isEmpty && Permissions.may(caller, .viewRevisions, on: context.access).isAllowed
        return map.releasedRevisions.union(mayAsk ? asked : [])
    }

    /// The package's entry, from what the engine read: its `map` as stored, the ``revisionsToRead(map:asked:of:by:)``
    /// that exist, and its collaborators' usernames.
    package static func entry(
        _ context: PackageContext, map stored: ChannelMap, revisions: [Int: Revision], asked: Set<Int>, collaborators: [String],
        at now: Date, by caller: Identity
    ) -> RefreshCatalogue.Entry {
        let map = stored.removingExpiredBranches(at: now)
        let released = map.releasedRevisions
        var versions: [Int: String] = [:]
        for number in stored.releasedRevisions { versions[number] = revisions[number]?.version }
        let mayAsk = Permissions.may(caller, .viewRevisions, on: context.access).isAllowed
        let served = revisions.filter { number, revision in
            released.contains(number) || (mayAsk && asked.contains(number) && revision.review.isApproved)
        }
        return RefreshCatalogue.Entry(
            detail: PackageDetail(
                package: context.package, publisher: context.owner, collaborators: collaborators, releasedVersions: versions),
            map: map, revisions: served)
    }
}

import Foundation
import StoreModels
import StoreService
@testable import StoreDemo

/// Shared fixtures and invariant checks for the demo tests.
enum Demo {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func catalogue(_ count: Int, seed: UInt64 = 2026) -> DemoCatalogue {
        DemoCatalogue(packageCount: count, seed: seed, now: now)
    }

    static func entry(named name: String, in catalogue: DemoCatalogue) -> CatalogueEntry? {
        catalogue.entries().first { $0.package.name.rawValue == name }
    }

    /// Every way `entry` breaks the catalogue's rules, as readable lines (empty when it is fine).
    static func problems(in entry: CatalogueEntry) -> [String] {
        var problems: [String] = []
        let package = entry.package
        let name = package.name.rawValue
        func fail(_ text: String) { problems.append("\(name): \(text)") }

        do { try PackageName.validate(name, type: package.type) } catch { fail("invalid name: \(error)") }
        if entry.revisions.isEmpty { fail("no revisions") }
        let numbers = entry.revisions.map(\.number)
        if Set(numbers).count != numbers.count { fail("duplicate revision numbers") }
        let byNumber = Dictionary(entry.revisions.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        for revision in entry.revisions {
            if revision.sha3_384.count != 96 || !revision.sha3_384.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
                fail("r\(revision.number): bad sha3_384")
            }
            if revision.architectures.isEmpty { fail("r\(revision.number): no architectures") }
            if revision.createdAt > now { fail("r\(revision.number): created in the future") }
            if revision.createdAt < package.createdAt { fail("r\(revision.number): created before its package") }
            if package.type == .charm {
                if revision.confinement != nil || revision.grade != nil { fail("r\(revision.number): charm with confinement") }
                if revision.base?.hasPrefix("ubuntu@") != true { fail("r\(revision.number): charm base \(revision.base ?? "nil")") }
            } else {
                if revision.confinement == nil || revision.grade == nil { fail("r\(revision.number): snap without confinement") }
                if revision.base?.hasPrefix("core") != true { fail("r\(revision.number): snap base \(revision.base ?? "nil")") }
            }
            if case .pending = revision.review, revision.checks.isEmpty { fail("r\(revision.number): pending without checks") }
            if case .rejected(let reason) = revision.review, reason.isEmpty { fail("r\(revision.number): rejected without reason") }
        }
        let map = entry.channelMap
        if map.tracks != package.tracks { fail("tracks differ: \(map.tracks) vs \(package.tracks)") }
        if !package.tracks.contains(package.defaultTrack) { fail("default track \(package.defaultTrack) not open") }
        for release in map.releases {
            let where_ = "\(release.channel) on \(release.platform)"
            guard let revision = byNumber[release.revision] else { fail("\(where_): unknown revision \(release.revision)"); continue }
            if !revision.review.isApproved { fail("\(where_): r\(revision.number) is \(revision.review.word)") }
            if !revision.supports(release.platform) { fail("\(where_): r\(revision.number) does not support it") }
            if !map.tracks.contains(release.channel.track) { fail("\(where_): track not open") }
            if (release.platform.base != nil) != package.type.releasesPerBase { fail("\(where_): wrong platform kind") }
            if release.releasedAt < revision.createdAt { fail("\(where_): released before upload") }
            if release.releasedAt > now { fail("\(where_): released in the future") }
            if release.channel.isBranch {
                if release.expiresAt != release.releasedAt.addingTimeInterval(ChannelMap.branchLifetime) {
                    fail("\(where_): branch expiry not 30 days after release")
                }
            } else if release.expiresAt != nil {
                fail("\(where_): non-branch with expiry")
            }
            if let percentage = release.progressivePercentage {
                if !(1...99).contains(percentage) { fail("\(where_): progressive \(percentage)%") }
                let plain = map.entries(release.channel, on: release.platform).plain
                if plain == nil { fail("\(where_): progressive without a plain entry") }
                if let plain, plain.revision >= release.revision { fail("\(where_): progressive not newer than plain") }
            }
        }
        let published = !map.releases.isEmpty
        if published != (package.status == .published) { fail("status \(package.status) with \(map.releases.count) releases") }
        if package.status == .quarantined { fail("quarantined") }
        return problems
    }
}

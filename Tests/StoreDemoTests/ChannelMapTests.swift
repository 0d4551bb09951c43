import Foundation
import StoreModels
import StoreService
import Testing
@testable import StoreDemo

@Suite("Catalogue invariants")
struct CatalogueInvariantTests {
    @Test("every entry keeps the rules", arguments: [1, 5, 12, 60, 3000])
    func invariants(count: Int) {
        var problems: [String] = []
        for entry in Demo.catalogue(count).entries() {
            problems += Demo.problems(in: entry)
        }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }

    @Test("the catalogue uses every channel feature")
    func featuresAreUsed() {
        var risks = Set<Risk>()
        var multiTrack = 0
        var closedTracks = 0
        var branches = 0
        var expiredBranches = 0
        var activeBranches = 0
        var progressive = 0
        var following = 0
        var registered = 0
        var privatePackages = 0
        var pending = 0
        var rejected = 0
        var notes = 0
        var charms = 0
        var confinements = Set<Revision.Confinement>()
        var snapBases = Set<String>()
        var charmBases = Set<String>()
        var defaultTracks = 0
        let catalogue = Demo.catalogue(3000)
        for entry in catalogue.entries() {
            let map = entry.channelMap
            let package = entry.package
            if package.type == .charm { charms += 1 }
            for release in map.releases { risks.insert(release.channel.risk) }
            if package.tracks.count > 1 { multiTrack += 1 }
            if package.defaultTrack != Channel.latestTrack { defaultTracks += 1 }
            for track in package.tracks where !map.releases.contains(where: { $0.channel.track == track }) { closedTracks += 1 }
            for release in map.releases where release.channel.isBranch {
                branches += 1
                if let expiry = release.expiresAt, expiry <= catalogue.now { expiredBranches += 1 } else { activeBranches += 1 }
            }
            progressive += map.releases.filter(\.isProgressive).count
            for platform in map.platforms {
                for track in map.tracks {
                    for risk in Risk.allCases where map.serving(Channel(track: track, risk: risk), on: platform).isFollowing {
                        following += 1
                    }
                }
            }
            if package.status == .registered { registered += 1 }
            if package.isPrivate { privatePackages += 1 }
            for revision in entry.revisions {
                switch revision.review {
                case .pending: pending += 1
                case .rejected: rejected += 1
                case .approved(let note): if note != nil { notes += 1 }
                }
                if let confinement = revision.confinement { confinements.insert(confinement) }
                if let base = revision.base { if package.type == .charm { charmBases.insert(base) } else { snapBases.insert(base) } }
            }
        }
        #expect(risks == Set(Risk.allCases))
        #expect(multiTrack > 50)
        #expect(defaultTracks > 5)
        #expect(closedTracks > 20)
        #expect(expiredBranches > 0)
        #expect(activeBranches > 0)
        #expect(branches > 50)
        #expect(progressive > 50)
        #expect(following > 1000)
        #expect(registered > 20)
        #expect(privatePackages > 20)
        #expect(pending > 100)
        #expect(rejected > 50)
        #expect(notes > 50)
        #expect(charms > 700 && charms < 1100)
        #expect(confinements == Set(Revision.Confinement.allCases))
        #expect(snapBases == ["core20", "core22", "core24"])
        #expect(charmBases == ["ubuntu@20.04", "ubuntu@22.04", "ubuntu@24.04"])
    }

    @Test("charms release per base, snaps per architecture only")
    func platformsByType() {
        for entry in Demo.catalogue(500).entries() {
            for release in entry.channelMap.releases {
                if entry.package.type == .charm {
                    #expect(release.platform.baseParts?.name == "ubuntu")
                } else {
                    #expect(release.platform.base == nil)
                }
            }
        }
    }

    @Test("sizes are realistic sizes scaled down by the file scale")
    func sizes() {
        let scale = DemoCatalogue.fileScale
        for entry in Demo.catalogue(600).entries() {
            for revision in entry.revisions where revision.review.isApproved {
                if entry.package.type == .charm {
                    #expect((256...(21_000_000 / scale)).contains(revision.size) && revision.size % 256 == 0, "\(entry.package.name) r\(revision.number) \(revision.size)")
                } else {
                    #expect(((4_000_000 / scale - 256)...(310_000_000 / scale)).contains(revision.size) && revision.size % 256 == 0, "\(entry.package.name) r\(revision.number) \(revision.size)")
                }
            }
        }
    }

    @Test("every revision has a generated file whose size and SHA3-384 the catalogue states")
    func filesAreTrue() {
        for entry in Demo.catalogue(40).entries() {
            for revision in entry.revisions {
                guard case .generated(let size)? = entry.files[revision.number] else {
                    Issue.record("\(entry.package.name) r\(revision.number) has no file")
                    continue
                }
                #expect(Int64(size) == revision.size)
                let bytes = GeneratedFile.bytes(size: size, range: 0..<size)
                #expect(bytes.count == size)
                #expect(GeneratedFile.bytes(size: size, range: 10..<size) == Array(bytes[10...]), "any range is the file's own")
                #expect(GeneratedFile.sha3_384(size: size) == revision.sha3_384, "\(entry.package.name) r\(revision.number)")
            }
        }
    }

    @Test("versions are snap-valid and creation dates increase with revision numbers")
    func versionsAndDates() {
        for entry in Demo.catalogue(400).entries() {
            let ordered = entry.revisions.sorted { $0.number < $1.number }
            #expect(ordered.map(\.number) == Array(1...ordered.count))
            for (previous, next) in zip(ordered, ordered.dropFirst()) {
                #expect(previous.createdAt <= next.createdAt, "\(entry.package.name) r\(next.number)")
            }
            for revision in ordered {
                let version = revision.version
                #expect(version.count <= 32 && version.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ":.+~-".unicodeScalars.contains($0)
                }, "\(version)")
            }
            #expect(entry.package.createdAt >= Demo.now.addingTimeInterval(-3.1 * 365 * 86_400))
        }
    }

    @Test("applying a release plan to a generated map works like on the real store")
    func mapsAcceptPlans() throws {
        let entry = Demo.catalogue(10).entries()[0]
        let revisions = Dictionary(entry.revisions.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let newest = try #require(entry.revisions.filter(\.review.isApproved).max { $0.number < $1.number })
        let plan = ReleasePlan([.release(revision: newest.number, channels: [Channel(risk: .beta)])])
        let outcome = try entry.channelMap.applying(plan, revisions: revisions, type: entry.package.type, now: Demo.now)
        #expect(outcome.map.version == entry.channelMap.version + 1)
    }
}

import Foundation
import StoreModels
import StoreService
import Testing
@testable import StoreDemo

@Suite("Named demo packages")
struct DemoPackageTests {
    let catalogue = Demo.catalogue(60)

    private func entry(_ name: String) throws -> CatalogueEntry {
        try #require(Demo.entry(named: name, in: catalogue))
    }

    private func publisher(_ username: String) throws -> Publisher {
        try #require(catalogue.publishers.first { $0.username == username })
    }

    private func serving(_ entry: CatalogueEntry, _ channel: String, on platform: Platform) throws -> Serving {
        entry.channelMap.serving(try Channel(parsing: channel), on: platform)
    }

    @Test("the named packages come first, in order, even in tiny catalogues")
    func order() {
        #expect(Array(catalogue.entries().prefix(5)).map(\.package.name.rawValue) == DemoPackages.all)
        #expect(Array(Demo.catalogue(3).entries()).map(\.package.name.rawValue) == Array(DemoPackages.all.prefix(3)))
        #expect(Demo.catalogue(0).entries().isEmpty)
    }

    @Test("hello-world: canonical's snap, all four risks, an expired branch")
    func helloWorld() throws {
        let entry = try entry(DemoPackages.helloWorld)
        #expect(entry.package.type == .snap)
        #expect(entry.package.publisherID == (try publisher("canonical")).id)
        #expect(entry.package.status == .published)
        let risks = Set(entry.channelMap.releases.filter { !$0.channel.isBranch }.map(\.channel.risk))
        #expect(risks == Set(Risk.allCases))
        let branch = try #require(entry.channelMap.releases.first { $0.channel.isBranch })
        #expect(branch.channel.fullName == "latest/edge/fix-1234")
        #expect(try #require(branch.expiresAt) < Demo.now)
        #expect(entry.channelMap.removingExpiredBranches(at: Demo.now).releases.allSatisfy { !$0.channel.isBranch })
    }

    @Test("postgresql-k8s: charm with tracks 14 and 16 on ubuntu@22.04 amd64 and arm64")
    func postgresql() throws {
        let entry = try entry(DemoPackages.postgresqlK8s)
        #expect(entry.package.type == .charm)
        #expect(entry.package.publisherID == (try publisher("canonical")).id)
        #expect(entry.package.tracks == ["latest", "14", "16"])
        #expect(entry.package.defaultTrack == "14")
        let platforms = Set(entry.channelMap.platforms)
        #expect(platforms == [Platform(architecture: .amd64, base: "ubuntu@22.04"), Platform(architecture: .arm64, base: "ubuntu@22.04")])
        for platform in platforms {
            #expect(try serving(entry, "14/stable", on: platform).revision != nil)
            #expect(try serving(entry, "16/edge", on: platform).revision != nil)
            #expect(try serving(entry, "16/stable", on: platform).source == .closed)
            #expect(try serving(entry, "latest/stable", on: platform).source == .closed)
        }
        #expect(entry.revisions.contains { $0.review == .pending })
        #expect(entry.revisions.allSatisfy { $0.base == "ubuntu@22.04" })
    }

    @Test("firefox: big strict snap with a progressive release on latest/stable")
    func firefox() throws {
        let entry = try entry(DemoPackages.firefox)
        #expect(entry.package.type == .snap)
        #expect(entry.revisions.count >= 300)
        #expect(entry.revisions.allSatisfy { $0.confinement == .strict })
        #expect(entry.package.tracks.contains("esr"))
        let stable = try Channel(parsing: "latest/stable")
        for platform in entry.channelMap.platforms {
            let entries = entry.channelMap.entries(stable, on: platform)
            let plain = try #require(entries.plain)
            let progressive = try #require(entries.progressive)
            #expect(progressive.progressivePercentage == 30)
            #expect(progressive.revision > plain.revision)
        }
        let branch = try #require(entry.channelMap.releases.first { $0.channel.isBranch })
        #expect(try #require(branch.expiresAt) > Demo.now)
    }

    @Test("alice-notes: alice's, bob collaborates, pending revision, nothing on stable")
    func aliceNotes() throws {
        let entry = try entry(DemoPackages.aliceNotes)
        #expect(entry.package.publisherID == (try publisher("alice")).id)
        #expect(entry.collaboratorIDs == [(try publisher("bob")).id])
        let pending = entry.revisions.filter { $0.review == .pending }
        #expect(pending.count >= 1)
        #expect(pending.allSatisfy { $0.checks.contains { $0.code == "new-interface" } })
        let risks = Set(entry.channelMap.releases.map(\.channel.risk))
        #expect(risks == [.candidate, .beta, .edge])
        for platform in entry.channelMap.platforms {
            #expect(try serving(entry, "stable", on: platform).source == .closed)
        }
    }

    @Test("mallory-miner: the suspended publisher's hostile snap with a rejected revision")
    func malloryMiner() throws {
        let entry = try entry(DemoPackages.malloryMiner)
        let mallory = try publisher("mallory")
        #expect(entry.package.publisherID == mallory.id)
        #expect(mallory.status.isSuspended)
        #expect(entry.package.title.contains("\u{1B}"))
        #expect(entry.package.summary.contains("\u{1B}]52;"))
        #expect(entry.package.description.contains("\u{202E}"))
        #expect(entry.revisions.contains { if case .rejected = $0.review { true } else { false } })
    }
}

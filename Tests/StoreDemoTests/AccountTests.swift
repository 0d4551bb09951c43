import StoreModels
import StoreService
import Testing
@testable import StoreDemo

@Suite("Accounts")
struct AccountTests {
    @Test("exactly one publisher is suspended, with a reason, at any size", arguments: [0, 5, 20, 400, 3000])
    func oneSuspended(count: Int) {
        let accounts = Demo.catalogue(count).accounts
        let suspended = accounts.filter { $0.publisher.status.isSuspended }
        #expect(suspended.count == 1)
        #expect(suspended.first?.publisher.username == DemoAccounts.mallory)
        if case .suspended(let reason) = suspended.first?.publisher.status { #expect(!reason.isEmpty) }
    }

    @Test("fixed usernames, roles and badges")
    func fixedAccounts() {
        let accounts = Demo.catalogue(100).accounts
        let byName = Dictionary(accounts.map { ($0.publisher.username, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(Array(accounts.prefix(4)).map(\.publisher.username) == DemoAccounts.fixedPublishers)
        #expect(Array(accounts.suffix(3)).map(\.publisher.username) == DemoAccounts.staff)
        #expect(byName["canonical"]?.publisher.validation == .verified)
        #expect(byName["canonical"]?.role == .publisher)
        #expect(byName["alice"]?.publisher.validation == .unproven)
        #expect(byName["alice"]?.role == .publisher)
        #expect(byName["bob"]?.role == .publisher)
        #expect(byName["mallory"]?.publisher.status.isSuspended == true)
        #expect(byName["admin"]?.role == .admin)
        #expect(byName["reviewer"]?.role == .reviewer)
        #expect(byName["viewer"]?.role == .viewer)
    }

    @Test("publisher count is about one per eight packages, at least 20")
    func publisherCount() {
        #expect(Demo.catalogue(10).publishers.count == 20)
        #expect(Demo.catalogue(3000).publishers.count == 375)
        #expect(Demo.catalogue(3000).accounts.count == 378)
    }

    @Test("badges: some verified, some starred, most unproven")
    func badges() {
        let publishers = Demo.catalogue(8000).publishers
        let verified = publishers.filter { $0.validation == .verified }.count
        let starred = publishers.filter { $0.validation == .starred }.count
        let unproven = publishers.filter { $0.validation == .unproven }.count
        #expect(verified > 5)
        #expect(starred > 20)
        #expect(unproven > publishers.count / 2)
    }

    @Test("account ids are 32 base62 characters and unique")
    func ids() {
        let accounts = Demo.catalogue(4000).accounts
        let ids = accounts.map(\.publisher.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.count == 32)
            #expect(id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
        }
    }

    @Test("owners and collaborators exist; mallory owns only mallory-miner; collaborators are not owners")
    func ownership() {
        let catalogue = Demo.catalogue(2000)
        let publishers = catalogue.publishers
        let ids = Set(publishers.map(\.id))
        let usernames = Dictionary(publishers.map { ($0.id, $0.username) }, uniquingKeysWith: { first, _ in first })
        let mallory = publishers[DemoPublishers.malloryIndex].id
        var malloryPackages: [String] = []
        var bobOnAlice = 0
        let alice = publishers[DemoPublishers.aliceIndex].id
        let bob = publishers[DemoPublishers.bobIndex].id
        for entry in catalogue.entries() {
            #expect(ids.contains(entry.package.publisherID))
            #expect(!entry.collaboratorIDs.contains(entry.package.publisherID))
            #expect(Set(entry.collaboratorIDs).count == entry.collaboratorIDs.count)
            for collaborator in entry.collaboratorIDs { #expect(ids.contains(collaborator)) }
            if entry.package.publisherID == mallory { malloryPackages.append(entry.package.name.rawValue) }
            if entry.package.publisherID == alice, entry.collaboratorIDs.contains(bob) { bobOnAlice += 1 }
            let owner = usernames[entry.package.publisherID]
            #expect(entry.revisions.allSatisfy { $0.uploader == owner })
        }
        #expect(malloryPackages == [DemoPackages.malloryMiner])
        #expect(bobOnAlice >= 2)
    }
}

import Foundation
import StoreDemo
import StoreModels
import StoreService
import Testing

/// The bulk import (the first-run seed's path) stores exactly what the catalogue describes.
@Suite("Bulk import")
struct BulkImportTests {
    /// SQLite and PostgreSQL: the HTTP engine imports through SQLite.
    static let engines = StoreEngine.allCases.filter { $0 != .http }

    @Test(arguments: engines)
    func importedDemoPackagesReadBackAsGenerated(engine: StoreEngine) async throws {
        let clock = TestClock()
        // More than one import batch and statement, with the demo's hostile text and private packages.
        let catalogue = DemoCatalogue(packageCount: 2300, seed: 5, now: clock.now)
        try await withOpenedStore(engine, clock: clock) { opened in
            let imported = try await opened.backend.importCatalogue(accounts: catalogue.accounts, entries: catalogue.entries())
            #expect(imported == catalogue.packageCount)
            let admin = opened.backend.service(for: try await opened.backend.identity(username: DemoAccounts.admin))
            // Every 23rd entry: the fixed packages, both batches and the last statement of each.
            for index in stride(from: 0, to: catalogue.packageCount, by: 23) {
                let entry = catalogue.entries()[index]
                let name = entry.package.name
                let detail = try await admin.package(named: name)
                #expect(detail.package.id == entry.package.id)
                #expect(detail.package.summary == entry.package.summary)
                #expect(detail.package.description == entry.package.description)
                #expect(detail.package.categories == entry.package.categories)
                #expect(detail.package.isPrivate == entry.package.isPrivate)
                #expect(detail.publisher.id == entry.package.publisherID)
                let revisions = try await admin.revisions(of: name, query: RevisionQuery(limit: 200)).items
                #expect(revisions.map(\.number) == entry.revisions.map(\.number).sorted(by: >))
                #expect(revisions.map(\.sha3_384) == entry.revisions.sorted { $0.number > $1.number }.map(\.sha3_384))
                let map = try await admin.channelMap(of: name)
                let expected = entry.channelMap.removingExpiredBranches(at: clock.now)
                #expect(Set(map.releases.map(\.revision)) == Set(expected.releases.map(\.revision)), "\(name)")
                #expect(map.releases.count == expected.releases.count, "\(name)")
            }
        }
    }
}

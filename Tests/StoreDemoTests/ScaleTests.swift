import Foundation
import StoreService
import Testing
@testable import StoreDemo

@Suite("Scale")
struct ScaleTests {
    @Test("about ten revisions per package at 10k packages, with a few big packages")
    func averageRevisions() {
        var revisions = 0
        var big = 0
        var most = 0
        var summaries = 0
        var longSummaries = 0
        for entry in Demo.catalogue(10_000).entries() {
            revisions += entry.revisions.count
            most = max(most, entry.revisions.count)
            if entry.revisions.count >= 150 { big += 1 }
            summaries += 1
            if entry.package.summary.unicodeScalars.count > 128 { longSummaries += 1 }
        }
        let average = Double(revisions) / 10_000
        print("demo: 10k packages → \(revisions) revisions (average \(average), largest \(most), \(big) with ≥150)")
        #expect((8...12).contains(average))
        #expect(big >= 5)
        #expect(most >= 300)
        #expect(longSummaries * 20 < summaries)
    }

    @Test("generating 100,000 entries (time printed, not asserted)")
    func hundredThousand() {
        let clock = ContinuousClock()
        let catalogue = Demo.catalogue(100_000)
        var revisions = 0
        var releases = 0
        let elapsed = clock.measure {
            for entry in catalogue.entries() {
                revisions += entry.revisions.count
                releases += entry.channelMap.releases.count
            }
        }
        print("demo: 100k packages, \(revisions) revisions, \(releases) channel-map entries, \(catalogue.accounts.count) accounts in \(elapsed)")
        #expect(revisions > 800_000)
    }

    @Test("generating the 3000-package demo (time printed, not asserted)")
    func demoSize() {
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure {
            let catalogue = Demo.catalogue(DemoCatalogue.demoPackageCount)
            count = catalogue.accounts.count
            for entry in catalogue.entries() { count += entry.revisions.count }
        }
        print("demo: \(DemoCatalogue.demoPackageCount) packages (\(count) accounts + revisions) in \(elapsed)")
        #expect(count > 0)
    }
}

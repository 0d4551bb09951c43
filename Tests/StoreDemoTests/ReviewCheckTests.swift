import Foundation
import StoreModels
import StoreService
import Testing
@testable import StoreDemo

/// The demo's review findings come from the same comparison the review diff shows (issue #13: a
/// finding said "size grew from 31 MB to 202 MB" beside a diff of 208 MB → 202 MB, and first uploads
/// were flagged as size jumps).
@Suite struct ReviewCheckTests {
    @Test func sizeJumpFindingsAgreeWithThePreviousRevision() {
        var jumps = 0
        for entry in Demo.catalogue(3_000).entries() {
            let revisions = entry.revisions.sorted { $0.number < $1.number }
            for (index, revision) in revisions.enumerated() where revision.checks.contains(where: { $0.code == "size-jump" }) {
                jumps += 1
                #expect(index > 0, "\(entry.package.name) r\(revision.number): a first upload cannot jump in size")
                guard index > 0 else { continue }
                let previous = revisions[index - 1]
                #expect(Double(revision.size) > 2 * Double(previous.size),
                        "\(entry.package.name) r\(revision.number): \(previous.size) → \(revision.size) is no jump")
                let message = revision.checks.first { $0.code == "size-jump" }?.message ?? ""
                #expect(message.contains("since revision \(previous.number) (\(previous.size) → \(revision.size) bytes)"), "\(message)")
            }
        }
        #expect(jumps > 0, "the demo has size jumps to review")
    }

    @Test func everyPendingRevisionSaysWhyItIsHeld() {
        for entry in Demo.catalogue(3_000).entries() {
            for revision in entry.revisions where revision.review == .pending {
                #expect(!revision.checks.isEmpty, "\(entry.package.name) r\(revision.number)")
            }
        }
    }
}

@testable import StoreServer
import Testing

/// The `fields=` of the v2 API as bits (``SnapFields/Selection``): one bit per known field, the unknown
/// ones without a bit, and documents narrowed to exactly the fields asked for.
@Suite struct SnapFieldSelectionTests {
    @Test func everyKnownFieldHasItsOwnBitAndNothingElseHasOne() {
        let known = SnapFields.known.sorted()
        let bits = known.map { SnapFields.Selection([$0]) }
        #expect(bits.allSatisfy { $0.rawValue.nonzeroBitCount == 1 })
        #expect(Set(bits.map(\.rawValue)).count == known.count)
        #expect(SnapFields.Selection(Set(known)).rawValue.nonzeroBitCount == known.count)
        #expect(SnapFields.Selection(["channel", "nonsense", ""]).isEmpty)
        #expect(SnapFields.Selection(["revision", "channel"]) == .revision)
    }

    @Test func aRevisionIsNarrowedToTheFieldsAskedForAtEachLevel() {
        // Each field alone, and every field but one: the narrowed revision has a value exactly where asked.
        for field in SnapFields.revisionLevel {
            let alone = SnapFields.revisionFields(number: 7, fields: SnapFields.Selection([field]))
            #expect((alone.revision != nil) == (field == "revision"), "\(field)")
        }
        let all = SnapFields.Selection(SnapFields.known)
        #expect(SnapFields.revisionFields(number: 7, fields: all).revision == 7)
        #expect(SnapFields.revisionFields(number: 7, fields: all.subtracting(.revision)).revision == nil)
    }
}

import StoreModels
import Testing

@Suite struct VersionOrderTests {
    @Test func digitsCompareAsNumbersAndTheRestAsText() {
        let shuffled = ["1.10", "1.9", "10.0", "2.0-beta", "2.0", "1.2.3", "1.02", "v3", "", "0.9", "1.10.1", "1.1"]
        let sorted = shuffled.sorted(by: VersionOrder.precedes)
        #expect(sorted == ["", "0.9", "1.1", "1.02", "1.2.3", "1.9", "1.10", "1.10.1", "2.0", "2.0-beta", "10.0", "v3"])
    }

    @Test func keysOrderAsBytesTheWayVersionsOrder() {
        // The engines index the key and compare it bytewise.
        #expect(VersionOrder.sortKey("1.10").utf8.lexicographicallyPrecedes(VersionOrder.sortKey("1.11").utf8))
        #expect(VersionOrder.sortKey("9").utf8.lexicographicallyPrecedes(VersionOrder.sortKey("10").utf8))
        #expect(VersionOrder.sortKey(nil) == "")
        #expect(VersionOrder.sortKey("007") == VersionOrder.sortKey("7"))
        #expect(VersionOrder.sortKey("0") == "010")
    }

    @Test func hostileVersionsStillGetAKey() {
        let long = String(repeating: "9", count: 500)
        #expect(VersionOrder.sortKey(long).count == 101)
        #expect(VersionOrder.sortKey("1.0\u{1B}[31m世界") == "011.010\u{1B}[0231m世界")
        #expect(VersionOrder.precedes("1", long))
    }
}

import Foundation
import Testing
@testable import StoreModels

@Suite struct DistinctSketchTests {
    static func sketch(_ range: Range<Int>, prefix: String = "device", precision: Int = DistinctSketch.defaultPrecision) -> DistinctSketch {
        var sketch = DistinctSketch(precision: precision)
        for index in range { sketch.add("\(prefix)-\(index)") }
        return sketch
    }

    static func error(_ estimate: Int, _ truth: Int) -> Double { abs(Double(estimate - truth)) / Double(truth) }

    @Test func tenThousandDevicesAreEstimatedWithinTwoAndAHalfPercent() {
        for prefix in ["a", "b", "c", "d"] {
            let estimate = Self.sketch(0..<10_000, prefix: prefix).estimate
            #expect(Self.error(estimate, 10_000) < 0.025, "\(prefix): \(estimate)")
        }
    }

    @Test func smallCountsAreNearlyExact() {
        #expect(DistinctSketch().estimate == 0)
        #expect(DistinctSketch().isEmpty)
        #expect(Self.sketch(0..<1).estimate == 1)
        let hundred = Self.sketch(0..<100).estimate
        #expect((95...105).contains(hundred), "\(hundred)")
    }

    @Test func addingADeviceAgainChangesNothing() {
        var twice = Self.sketch(0..<500)
        for index in 0..<500 { twice.add("device-\(index)") }
        #expect(twice == Self.sketch(0..<500))
    }

    @Test func mergingIsTheSketchOfTheUnionWhateverTheOverlap() {
        let left = Self.sketch(0..<6000)
        let right = Self.sketch(4000..<10_000)
        #expect(left.merging(right) == Self.sketch(0..<10_000))
        #expect(left.merging(right) == right.merging(left))
        #expect(left.merging(left) == left)
        #expect(Self.error(left.merging(right).estimate, 10_000) < 0.025)
    }

    @Test func aFoldedSketchIsTheSketchMadeAtTheLowerPrecision() {
        let fine = Self.sketch(0..<5000)
        #expect(fine.folded(to: 8) == Self.sketch(0..<5000, precision: 8))
        #expect(fine.folded(to: 12) == fine)
        #expect(Self.error(fine.folded(to: 8).estimate, 5000) < 0.2)
    }

    @Test func sketchesOfDifferentPrecisionMergeAtTheLowerOne() {
        let merged = Self.sketch(0..<3000).merging(Self.sketch(2000..<6000, precision: 8))
        #expect(merged.precision == 8)
        #expect(merged == Self.sketch(0..<6000, precision: 8))
    }

    @Test func storedBytesReadBackDenseAndSparse() throws {
        let few = Self.sketch(0..<20)
        #expect(few.bytes.count == 3 + 3 * few.registers.filter { $0 > 0 }.count && few.bytes.count <= 63, "sparse: \(few.bytes.count) bytes")
        #expect(few.bytes[2] == 1)
        #expect(try DistinctSketch(bytes: few.bytes) == few)
        let many = Self.sketch(0..<20_000)
        #expect(many.bytes.count == 3 + 4096 && many.bytes[2] == 0)
        #expect(try DistinctSketch(bytes: many.bytes) == many)
        #expect(try DistinctSketch(bytes: DistinctSketch().bytes) == DistinctSketch())
    }

    @Test func damagedBytesAreRefused() {
        for bytes: [UInt8] in [[], [1, 12], [2, 12, 0], [1, 3, 0], [1, 12, 0, 1, 2], [1, 12, 1, 0xff, 0xff, 1], [1, 12, 1, 0, 1, 60], [1, 12, 7]] {
            #expect(throws: SketchFormatError.self, "\(bytes)") { try DistinctSketch(bytes: bytes) }
        }
        #expect(DistinctSketch(precision: 12, registers: [UInt8](repeating: 0, count: 10)) == nil)
    }

    @Test func theHashIsStableAcrossProcesses() {
        // Fixed values: a sketch written by one instance must merge with another's.
        #expect(DistinctSketch.hash("device-1") != DistinctSketch.hash("device-2"))
        #expect(DistinctSketch.hash("device-1") == 0x9a42_5baa_2e7d_7b35)
    }
}

@Suite struct MetricsDaysTests {
    @Test func daysAreUTCAndRangesEndOnTheirLastDay() throws {
        #expect(MetricsDays.day(of: Date(timeIntervalSince1970: 86_400 * 365)) == "1971-01-01")
        #expect(try MetricsDays.days(of: MetricsRange(lastDay: "2024-03-01", days: 3)) == ["2024-02-28", "2024-02-29", "2024-03-01"])
        #expect(MetricsDays.day("2026-12-31", offset: 1) == "2027-01-01")
    }

    @Test func textThatIsNotARealDayIsRefused() {
        for text in ["2026-02-29", "2026-13-01", "26-01-01", "2026-1-01", "2026-01-01T00", "２０２６-01-01", ""] {
            #expect(MetricsDays.date(of: text) == nil, "\(text)")
        }
        #expect(throws: MetricsRangeError.self) { try MetricsDays.days(of: MetricsRange(lastDay: "2026-01-01", days: 0)) }
        #expect(throws: MetricsRangeError.self) { try MetricsDays.days(of: MetricsRange(lastDay: "2026-01-01", days: 401)) }
    }
}

import StoreModels
import StoreService
import Testing
@testable import StoreDemo

@Suite("Demo adoption history")
struct HistoryTests {
    static let figures = DemoHistory.figures(of: Demo.catalogue(100))

    /// `package`'s figures per day (oldest first) for the slices `matching`.
    static func daily(_ id: String, matching: (MetricsSlice) -> Bool = { _ in true }) -> [(requests: Int, devices: Int)] {
        let days = Set(figures.keys.filter { $0.packageID == id }.map(\.day)).sorted()
        return days.map { day in
            var merged = MetricsFigures(devices: DistinctSketch(precision: DistinctSketch.compactPrecision))
            for (slice, figures) in figures where slice.packageID == id && slice.day == day && matching(slice) { merged.add(figures) }
            return (merged.requests, merged.devices.estimate)
        }
    }

    static func id(_ name: String) throws -> String {
        try #require(Demo.catalogue(100).entries().first { $0.package.name.rawValue == name }).package.id
    }

    @Test func popularSnapsHaveNinetyDaysEndingOnTheSeedsDay() throws {
        let firefox = try Self.id(DemoPackages.firefox)
        let days = Set(Self.figures.keys.filter { $0.packageID == firefox }.map(\.day)).sorted()
        let lastDay = MetricsDays.day(of: Demo.catalogue(100).now)
        #expect(days.count == 90 && days.last == lastDay && days.first == MetricsDays.day(lastDay, offset: -89))
        #expect(Set(Self.figures.keys.map(\.packageID)).count >= 5, "several popular snaps have history")
    }

    @Test func theFleetGrowsAndTheStableReleaseTakesOverInTheLastTwoWeeks() throws {
        let firefox = try Self.id(DemoPackages.firefox)
        let total = Self.daily(firefox)
        #expect(total.last!.devices > total.first!.devices, "\(total.first!) → \(total.last!)")
        #expect(total.allSatisfy { $0.requests >= $0.devices }, "each active device refreshes two to five times a day")
        let stable = Self.figures.keys.filter { $0.packageID == firefox && $0.channel == "latest/stable" }
        let revisions = Set(stable.map(\.revision))
        #expect(revisions.count >= 2, "the previous stable revision and the current one: \(revisions)")
        let newest = try #require(revisions.max())
        let onNewest = Self.daily(firefox) { $0.channel == "latest/stable" && $0.revision == newest }
        #expect(onNewest.first!.devices == 0 && onNewest[80].devices > 0 && onNewest.last!.devices > onNewest[80].devices, "\(onNewest.map(\.devices))")
    }

    @Test func historyIsTheSameForTheSameSeedAndSkipsCharmsAndHiddenPackages() throws {
        #expect(DemoHistory.figures(of: Demo.catalogue(100)) == Self.figures)
        let charm = try Self.id(DemoPackages.postgresqlK8s)
        #expect(!Self.figures.keys.contains { $0.packageID == charm })
    }
}

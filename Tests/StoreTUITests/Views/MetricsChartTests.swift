import Foundation
import Testing
import StoreModels
@testable import StoreTUI

@Suite struct MetricsChartTests {
    @Test func theLargestFourSeriesKeepTheirBandsAndTheRestAreOther() {
        let figures = TestCatalogue.metrics(days: 7, series: [("a", 10), ("b", 500), ("c", 40), ("d", 3), ("e", 7), ("f", 90)])
        let chart = MetricsChart(figures)
        #expect(chart.bands.map(\.label) == ["b", "f", "c", "a", "2 other"])
        // The series rise to 13/14 of their peak on the last day: d 2, e 6.
        #expect(chart.bands.last?.values.last == 8, "other sums what it gathers")
        let top: Int = 464 + 83 + 37 + 9 + 8
        #expect(chart.stack(6).last == top)
        #expect(chart.scale == 800, "rounded up to a round number")
    }

    @Test func scalesAreRoundAndNeverOverflow() {
        #expect(MetricsChart.roundedUp(0) == 0)
        #expect(MetricsChart.roundedUp(1) == 1)
        #expect(MetricsChart.roundedUp(7) == 8)
        #expect(MetricsChart.roundedUp(11) == 12)
        #expect(MetricsChart.roundedUp(121) == 150)
        #expect(MetricsChart.roundedUp(4_999) == 5_000)
        #expect(MetricsChart.roundedUp(63_147) == 80_000)
        #expect(MetricsChart.roundedUp(Int.max / 2) == 5_000_000_000_000_000_000)
        #expect(MetricsChart.roundedUp(Int.max) == Int.max, "no round number above it fits")
        #expect(MetricsChart.roundedUp(Int.max - 1) == Int.max)
        #expect(MetricsChart.compact(999) == "999")
        #expect(MetricsChart.compact(12_345) == "12k")
        #expect(MetricsChart.compact(4_500_000) == "4.5M")
        #expect(MetricsChart.full(15_234) == "15,234")
    }

    @Test func hugeFiguresStackWithoutTrapping() {
        let huge = Int.max / 2
        let chart = MetricsChart(TestCatalogue.metrics(days: 3, series: [("a", huge), ("b", huge), ("c", huge)]))
        #expect(chart.scale > 0)
        #expect(MetricsView.cursorLine(chart, figures: TestCatalogue.metrics(days: 3, series: [("a", huge)]), day: 2).contains(","))
    }

    @Test func columnsSpreadTheRangeAndEveryDayHasOneWhenThereIsRoom() {
        let chart = MetricsChart(TestCatalogue.metrics(days: 7, series: [("a", 10)]))
        #expect((0..<70).map { chart.day(atColumn: $0, of: 70) }.filter { $0 == 3 }.count == 10)
        #expect(chart.columns(ofDay: 3, of: 70) == 30..<40)
        let long = MetricsChart(TestCatalogue.metrics(days: 90, series: [("a", 10)]))
        #expect(long.day(atColumn: 69, of: 70) == 88)
        #expect(long.columns(ofDay: 89, of: 70).count == 1, "a day without a column of its own shows at the nearest")
        #expect(long.date(ofDay: 89)?.short == "30 Nov")
        #expect(long.date(ofDay: 0)?.short == "2 Sep")
    }

    @Test func shortRowsAreShortRows() {
        let chart = MetricsChart(PackageMetrics(package: "x", breakdown: .version, range: MetricsRange(lastDay: "2026-11-30", days: 5),
                                                series: [MetricsSeries(label: "1.0 (r1)", activeDevices: [4], requests: [], downloads: [])],
                                                totalActiveDevices: [4, 5]))
        #expect(chart.bands[0].values == [4, 0, 0, 0, 0], "a store's short series is padded, not trusted")
        #expect(chart.totals == [4, 5, 0, 0, 0])
    }
}

@Suite struct CivilDayTests {
    @Test func daysRoundTripThroughTheirNames() {
        #expect(CivilDay(parsing: "1970-01-01")?.number == 0)
        #expect(CivilDay(parsing: "2026-11-30")?.long == "Mon 30 Nov 2026")
        #expect(CivilDay(parsing: "2024-02-29")?.adding(1).iso == "2024-03-01")
        #expect(CivilDay(parsing: "1969-12-31")?.number == -1)
        for text in ["2026-02-30", "2026-13-01", "26-11-30", "2026-11-3x", "", "2026-11-30-"] {
            #expect(CivilDay(parsing: text) == nil, "\(text) is no day")
        }
        for number in stride(from: -719_000, through: 2_900_000, by: 997) {  // years 1 to 9910
            #expect(CivilDay(parsing: CivilDay(number: number).iso)?.number == number)
        }
    }
}

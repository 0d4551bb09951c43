import Testing
import StoreModels
import StoreService
@testable import StoreTUI

/// Every pane rendered at 80×24, 120×40 and 200×50, in colour and without: text and styles.
@Suite struct PaneSnapshotTests {
    static let sizes: [(Int, Int)] = [(80, 24), (120, 40), (200, 50)]

    static func snapshot(_ state: AppState, _ name: String) {
        let buffer = rendered(state)
        let colour = state.settings.useColor ? "color" : "nocolor"
        assertSnapshot(buffer.textDump() + "\n---- styles ----\n" + buffer.styleDump(),
                       named: "\(name)-\(state.width)x\(state.height)-\(colour)")
    }

    @Test(arguments: [true, false])
    func searchPane(useColor: Bool) {
        for (width, height) in Self.sizes {
            Self.snapshot(TestCatalogue.searchState(width: width, height: height, useColor: useColor), "search")
        }
    }

    /// Sorted by date: the UPDATED column replaces the type and the title says the direction;
    /// sorted by version, that column's title does.
    @Test func searchPaneSorted() {
        for (width, height) in [(80, 24), (50, 12), (120, 40)] {
            var state = TestCatalogue.searchState(width: width, height: height)
            state.search.list.items = state.search.list.items.enumerated().map { index, item in
                var item = item
                item.updatedAt = TestCatalogue.now.addingTimeInterval(Double(-index) * 86_400 * 40)
                return item
            }
            state.search.sort = SearchSort(.updated)
            Self.snapshot(state, "search-by-updated")
            state.search.sort = SearchSort(.version, descending: false)
            Self.snapshot(state, "search-by-version")
        }
    }

    @Test(arguments: [true, false])
    func detailPane(useColor: Bool) {
        for (width, height) in Self.sizes {
            Self.snapshot(TestCatalogue.packageState(tab: .detail, width: width, height: height, useColor: useColor), "detail")
        }
    }

    @Test(arguments: [true, false])
    func revisionsPane(useColor: Bool) {
        for (width, height) in Self.sizes {
            Self.snapshot(TestCatalogue.packageState(tab: .revisions, width: width, height: height, useColor: useColor), "revisions")
        }
    }

    @Test(arguments: [true, false])
    func channelMapPane(useColor: Bool) {
        for (width, height) in Self.sizes {
            Self.snapshot(TestCatalogue.packageState(tab: .channels, width: width, height: height, useColor: useColor), "channels")
        }
    }

    @Test func helpOverlay() {
        var state = TestCatalogue.searchState()
        state.overlay = .help
        Self.snapshot(state, "help")
    }

    @Test func paletteWithCompletions() {
        var state = TestCatalogue.searchState()
        state.overlay = .palette(PaletteState(text: "t"))
        Self.snapshot(state, "palette")
    }

    @Test func tooSmallTerminal() {
        Self.snapshot(TestCatalogue.searchState(width: 40, height: 10), "too-small")
    }
}

/// The Metrics tab's chart in the cases that break charts: nothing, one day, 90 days, one series
/// dwarfing the rest, more series than bands, huge figures and hostile labels; in colour and not.
@Suite struct MetricsSnapshotTests {
    static let cases: [(String, PackageMetrics)] = [
        ("empty", TestCatalogue.metrics(days: 30, series: [])),
        ("one-day", TestCatalogue.metrics(days: 1, series: [("latest/stable", 1_200)])),
        ("ninety-days", TestCatalogue.metrics(days: 90, series: [("latest/stable", 52_000), ("latest/candidate", 9_000), ("latest/edge", 2_500)])),
        ("dwarfed", TestCatalogue.metrics(days: 30, series: [("latest/stable", 9_000_000), ("latest/beta", 12), ("2.0/edge", 3)])),
        ("many-series", TestCatalogue.metrics(days: 30, series: (1...9).map { ("1.\($0) (r\($0))", $0 * 1_000) }, breakdown: .version)),
        ("huge", TestCatalogue.metrics(days: 7, series: [("latest/stable", Int.max / 4), ("\u{1b}[31mevil\u{07}", Int.max / 4)])),
    ]

    @Test(arguments: [true, false])
    func metricsTab(useColor: Bool) {
        for (name, figures) in Self.cases {
            PaneSnapshotTests.snapshot(TestCatalogue.metricsState(figures, useColor: useColor), "metrics-\(name)")
        }
        PaneSnapshotTests.snapshot(TestCatalogue.metricsState(Self.cases[2].1, width: 120, height: 40, useColor: useColor), "metrics-ninety-days")
        PaneSnapshotTests.snapshot(TestCatalogue.metricsState(Self.cases[2].1, width: 50, height: 12, useColor: useColor), "metrics-ninety-days")
    }
}

import Foundation
import Testing
import StoreModels
import StoreService
@testable import StoreTUI

@Suite struct MetricsReducerTests {
    @Test func fourOpensTheTabAndLoadsThirtyDaysByChannelOnce() {
        var state = TestCatalogue.packageState(tab: .detail)
        let effects = press(&state, .character("4"))
        #expect(state.package?.tab == .metrics)
        guard case .loadMetrics(let name, let range, let breakdown, let ticket)? = effects.first(where: { if case .loadMetrics = $0 { true } else { false } }) else {
            Issue.record("no load: \(effects)")
            return
        }
        #expect(name.rawValue == "hello-world")
        #expect(range.days == 30 && breakdown == .channel)
        #expect(range.lastDay == CivilDay(TestCatalogue.now).iso)
        _ = AppReducer.reduce(&state, .metricsLoaded(ticket, .success(TestCatalogue.metrics(days: 30, series: [("latest/stable", 900)]))))
        #expect(state.package?.metrics.figures.value?.series.count == 1)
        press(&state, .character("1"))
        let again = press(&state, .character("4"))
        #expect(!again.contains { if case .loadMetrics = $0 { true } else { false } }, "loaded figures are kept")
    }

    @Test func dAndBLoadAnotherRangeAndBreakdownAndAStaleAnswerIsDropped() {
        var state = TestCatalogue.metricsState(TestCatalogue.metrics(days: 30, series: [("latest/stable", 900)]))
        let range = press(&state, .character("d"))
        #expect(state.package?.metrics.days == 90)
        guard case .loadMetrics(_, let ninety, _, let first)? = range.first else { Issue.record("no load"); return }
        #expect(ninety.days == 90)
        let breakdown = press(&state, .character("b"))
        guard case .loadMetrics(_, _, let by, let second)? = breakdown.first else { Issue.record("no load"); return }
        #expect(by == .version)
        _ = AppReducer.reduce(&state, .metricsLoaded(first, .success(TestCatalogue.metrics(days: 90, series: [("stale", 1)]))))
        #expect(state.package?.metrics.figures.value?.series.first?.label == "latest/stable",
                "the 90-day channel answer came after b asked for versions: the shown figures stay until the answer")
        #expect(rendered(state).textDump().contains("by channel · last 30 days · loading"), "the heading says what is shown")
        _ = AppReducer.reduce(&state, .metricsLoaded(second, .success(TestCatalogue.metrics(days: 90, series: [("1.0 (r3)", 5)], breakdown: .version))))
        #expect(state.package?.metrics.figures.value?.series.first?.label == "1.0 (r3)")
    }

    @Test func arrowsMoveTheDayShownInFullWithinTheRange() {
        var state = TestCatalogue.metricsState(TestCatalogue.metrics(days: 7, series: [("latest/stable", 700)]))
        #expect(rendered(state).textDump().contains("Mon 30 Nov 2026: "))
        press(&state, .left, .left)
        #expect(state.package?.metrics.cursor == 4)
        #expect(rendered(state).textDump().contains("Sat 28 Nov 2026: "))
        press(&state, .right, .right, .right, .right)
        #expect(state.package?.metrics.cursor == nil, "the last day, and no further")
        for _ in 0..<10 { press(&state, .character("h")) }
        #expect(state.package?.metrics.cursor == 0)
    }

    @Test func aRefusalIsShownAndRetried() {
        var state = TestCatalogue.packageState(tab: .detail)
        let effects = press(&state, .character("4"))
        guard case .loadMetrics(_, _, _, let ticket)? = effects.first(where: { if case .loadMetrics = $0 { true } else { false } }) else { return }
        _ = AppReducer.reduce(&state, .metricsLoaded(ticket, .failure(.forbidden("only the package's publisher, its collaborators and admins see its metrics"))))
        #expect(rendered(state).textDump().contains("only the package's publisher"))
    }
}

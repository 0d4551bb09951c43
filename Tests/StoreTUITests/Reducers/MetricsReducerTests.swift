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

    @Test func aRefusalIsShownInPlaceOfTheChart() {
        var state = TestCatalogue.packageState(tab: .detail)
        let effects = press(&state, .character("4"))
        guard case .loadMetrics(_, _, _, let ticket)? = effects.first(where: { if case .loadMetrics = $0 { true } else { false } }) else { return }
        _ = AppReducer.reduce(&state, .metricsLoaded(ticket, .failure(.forbidden("only the package's publisher, its collaborators and admins see its metrics"))))
        #expect(rendered(state).textDump().contains("only the package's publisher"))
    }
}

/// The channel map and the release preview with the devices each release reaches.
@Suite struct ReleaseDevicesTests {
    /// stable amd64: 900 on r20 and 100 on the progressive r25; arm64: 400 on r21; beta amd64: 50.
    static let figures = PackageMetrics(
        package: "hello-world", breakdown: .release, range: MetricsRange(lastDay: "2026-11-30", days: 2),
        series: [("latest/stable amd64 r20", 900), ("latest/stable amd64 r25", 100), ("latest/stable arm64 r21", 400),
                 ("latest/beta amd64 r26", 50), ("not a release label", 7), ("\u{1b}[2J amd64 r1", 9)].map { label, count in
            MetricsSeries(label: label, activeDevices: [count / 2, count], requests: [0, 0], downloads: [0, 0])
        },
        totalActiveDevices: [0, 1_400])

    @Test func theMapAsksForDevicesOnceForThoseWhoMaySeeThem() {
        var state = TestCatalogue.packageState(tab: .detail, as: TestCatalogue.owner)
        let effects = press(&state, .character("3"))
        #expect(effects.contains { if case .loadReleaseDevices(_, let range, _) = $0 { range.days == 2 } else { false } })
        let again = press(&state, .character("1"), .character("3"))
        #expect(!again.contains { if case .loadReleaseDevices = $0 { true } else { false } }, "one request while it runs")

        var viewer = TestCatalogue.packageState(tab: .detail, as: TestCatalogue.viewer)
        let none = press(&viewer, .character("3"))
        #expect(!none.contains { if case .loadReleaseDevices = $0 { true } else { false } }, "a viewer is not shown metrics")
    }

    @Test func theHighlightedCellSaysItsDevicesAndAProgressiveReleaseItsReach() {
        let devices = ReleaseDevices(Self.figures)
        let stable = TestCatalogue.channel("stable")
        #expect(devices.devices(stable, on: Platform(architecture: .amd64)) == 1_000)
        #expect(devices.devices(stable, on: Platform(architecture: .amd64), revision: 25) == 100)
        #expect(devices.devices(TestCatalogue.channel("edge"), on: Platform(architecture: .amd64)) == 0)
        let line = ChannelMapView.detail(ChannelTarget(channel: stable, platform: Platform(architecture: .amd64)),
                                         map: TestCatalogue.channelMap, versions: [20: "1.20", 25: "1.25"], now: TestCatalogue.now, devices: devices)
        #expect(line.contains("1,000 devices"))
        #expect(line.contains("progressive 1.25 (r25) at 20%, reached 10% (100)"))
    }

    @Test func thePreviewSaysHowManyDevicesMove() {
        var state = ReleaseFlowTests.channelsState(on: "stable")
        state.package?.releaseDevices.value = Self.figures
        press(&state, .character("x"))  // close stable on amd64: its 1,000 devices follow nothing safer
        #expect(rendered(state).textDump().contains("Devices that move: about 1,000"))
        var complete = ReleaseFlowTests.channelsState(on: "stable")
        complete.package?.releaseDevices.value = Self.figures
        press(&complete, .character("%"), .enter)  // 20% → 100%: the other 80% move
        #expect(rendered(complete).textDump().contains("Devices that move: about"))
    }
}

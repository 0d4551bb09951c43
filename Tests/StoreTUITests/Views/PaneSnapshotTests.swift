import Testing
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

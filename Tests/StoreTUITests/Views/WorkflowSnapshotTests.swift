import Testing
import StoreModels
@testable import StoreTUI

/// The publisher and admin panes at 80×24 and 120×40, in colour and without.
@Suite struct WorkflowSnapshotTests {
    static let sizes: [(Int, Int)] = [(80, 24), (120, 40)]

    @Test(arguments: [true, false])
    func releasePreview(useColor: Bool) {
        for (width, height) in Self.sizes {
            PaneSnapshotTests.snapshot(TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta, width: width, height: height, useColor: useColor),
                                       "release-preview")
        }
    }

    @Test(arguments: [true, false])
    func releasePreviewWithAPlanError(useColor: Bool) {
        let plan = ReleasePlan([.release(revision: 30, channels: [TestCatalogue.channel("latest/edge")])])
        for (width, height) in Self.sizes {
            PaneSnapshotTests.snapshot(TestCatalogue.previewState(plan, summary: "Release r30 to latest/edge", width: width, height: height, useColor: useColor),
                                       "release-preview-error")
        }
    }

    @Test(arguments: [true, false])
    func conflict(useColor: Bool) {
        for (width, height) in Self.sizes {
            PaneSnapshotTests.snapshot(TestCatalogue.conflictState(width: width, height: height, useColor: useColor), "conflict")
        }
    }

    @Test(arguments: [true, false])
    func reviewQueue(useColor: Bool) {
        for (width, height) in Self.sizes {
            PaneSnapshotTests.snapshot(TestCatalogue.reviewQueueState(width: width, height: height, useColor: useColor), "review-queue")
        }
    }

    @Test(arguments: [true, false])
    func publishers(useColor: Bool) {
        for (width, height) in Self.sizes {
            PaneSnapshotTests.snapshot(TestCatalogue.publishersState(width: width, height: height, useColor: useColor), "publishers")
        }
    }

    @Test(arguments: [true, false])
    func publisher(useColor: Bool) {
        for (width, height) in Self.sizes {
            PaneSnapshotTests.snapshot(TestCatalogue.publisherState(width: width, height: height, useColor: useColor), "publisher")
        }
    }

    @Test(arguments: [true, false])
    func audit(useColor: Bool) {
        for (width, height) in Self.sizes {
            PaneSnapshotTests.snapshot(TestCatalogue.auditState(width: width, height: height, useColor: useColor), "audit")
        }
    }

    @Test func releaseForm() {
        var state = TestCatalogue.packageState(tab: .revisions)
        state.package?.selectedRevisions = [28, 27]
        _ = AppReducer.reduce(&state, .key(.character("R")))
        for c in "latest/st" { _ = AppReducer.reduce(&state, .key(.character(c))) }
        PaneSnapshotTests.snapshot(state, "release-form")
    }

    @Test func suspendForm() {
        var state = TestCatalogue.publishersState()
        _ = AppReducer.reduce(&state, .key(.character("S")))
        _ = AppReducer.reduce(&state, .key(.enter))
        PaneSnapshotTests.snapshot(state, "suspend-form")
    }

    @Test func rejectForm() {
        var state = TestCatalogue.reviewQueueState()
        _ = AppReducer.reduce(&state, .key(.character("d")))
        PaneSnapshotTests.snapshot(state, "reject-form")
    }

    @Test func channelMapHelpForAnOutsider() {
        var state = TestCatalogue.packageState(tab: .channels, as: TestCatalogue.outsider, width: 120, height: 40)
        state.overlay = .help
        PaneSnapshotTests.snapshot(state, "help-channels-outsider")
    }
}

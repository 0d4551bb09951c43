import StoreModels
import Testing
@testable import StoreTUI

/// Properties every rendered screen has, whatever the store sent.
@Suite struct ViewSafetyTests {
    static let states: [AppState] = [
        TestCatalogue.searchState(),
        TestCatalogue.packageState(tab: .detail),
        TestCatalogue.packageState(tab: .revisions),
        TestCatalogue.packageState(tab: .channels),
        TestCatalogue.searchState(width: 57, height: 13),
        TestCatalogue.previewState(TestCatalogue.releaseR28ToBeta),
        TestCatalogue.conflictState(width: 57, height: 13),
        TestCatalogue.reviewQueueState(),
        TestCatalogue.reviewQueueState(width: 57, height: 13),
        TestCatalogue.publishersState(),
        TestCatalogue.publisherState(width: 200, height: 50),
        TestCatalogue.auditState(),
        TestCatalogue.auditState(width: 200, height: 50),
    ] + hostileReviewStates

    /// The hostile upload highlighted, and the hostile publisher's page.
    static var hostileReviewStates: [AppState] {
        var queue = TestCatalogue.reviewQueueState(width: 120, height: 40)
        queue.reviewQueue.list.highlighted = 2
        var eve = TestCatalogue.publishersState(width: 120, height: 40)
        eve.publishers.list.highlighted = 2
        var audit = TestCatalogue.auditState(width: 120, height: 40)
        audit.audit.list.highlighted = 0
        return [queue, eve, audit]
    }

    @Test func noCellHoldsAControlOrBidiCharacter() {
        for state in Self.states {
            let buffer = rendered(state)
            for cell in buffer.cells {
                for scalar in cell.text.unicodeScalars {
                    let value = scalar.value
                    #expect(!(value < 0x20 || (0x7F...0x9F).contains(value)), "control U+\(String(value, radix: 16)) in a cell")
                    #expect(!(0x202A...0x202E).contains(value) && !(0x2066...0x2069).contains(value), "bidi control in a cell")
                }
            }
        }
    }

    @Test func everyRowIsExactlyTheScreenWidth() {
        for state in Self.states {
            let buffer = rendered(state)
            for y in 0..<buffer.height {
                var width = 0
                for x in 0..<buffer.width { width += Int(buffer[x: x, y: y].width) }
                #expect(width == buffer.width, "row \(y) is \(width) columns wide")
            }
        }
    }

    @Test func selectedSearchRowIsTheOnlyReversedRowInTheList() {
        var state = TestCatalogue.searchState(useColor: false)
        state.search.list.highlighted = 2
        let buffer = rendered(state)
        let reversedRows = (AppLayout.headerRows + 1..<buffer.height - 1).filter { y in
            buffer[x: 0, y: y].style.attributes.contains(.reverse)
        }
        #expect(reversedRows == [AppLayout.headerRows + 1 + 2])
    }

    @Test func hostileTitleIsShownAsVisiblePlaceholders() {
        let text = rendered(TestCatalogue.searchState(width: 200, height: 30)).textDump()
        #expect(text.contains("evil-term"))
        #expect(text.contains("␛"))
    }

    @Test func channelMapMarksFollowingClosedProgressiveAndBranches() {
        let text = rendered(TestCatalogue.packageState(tab: .channels, width: 120, height: 40)).textDump()
        #expect(text.contains("↑"))
        #expect(text.contains("1.20 r20 →r25 20%"), "the progressive share inline, beside what most devices get")
        #expect(text.contains("edge/fix-1"))
        #expect(text.contains("in 12d"))
    }
}

/// Versions of released revisions are public: a viewer, who may not list a package's revisions,
/// sees them in the channel map and the detail tab (issue #13: every version read `?`).
@Suite struct PublicVersionTests {
    static func viewerState(tab: PackageTab) -> AppState {
        var state = TestCatalogue.packageState(tab: tab, as: TestCatalogue.viewer)
        state.package?.revisions = RevisionsState()
        state.package?.revisions.list.error = .forbidden("listing revisions needs the publisher role")
        var versions: [Int: String] = [:]
        for revision in TestCatalogue.revisions where TestCatalogue.channelMap.releasedRevisions.contains(revision.number) {
            versions[revision.number] = revision.version
        }
        state.package?.detail.value?.releasedVersions = versions
        return state
    }

    @Test func aViewerSeesTheVersionsTheChannelMapServes() {
        let text = rendered(Self.viewerState(tab: .channels)).textDump()
        let version = TestCatalogue.revisions.first { $0.number == 20 }?.version ?? "?"
        #expect(text.contains(version), "\(text)")
        let channelRows = text.split(separator: "\n").filter { $0.contains("stable") || $0.contains("beta") }
        #expect(!channelRows.isEmpty)
        #expect(channelRows.allSatisfy { !$0.contains(" ? ") }, "\(text)")
    }

    @Test func aViewerSeesVersionsInTheDetailSummary() {
        let text = rendered(Self.viewerState(tab: .detail)).textDump()
        let version = TestCatalogue.revisions.first { $0.number == 20 }?.version ?? "?"
        #expect(text.contains(version), "\(text)")
    }
}

/// The release preview names the platform by its architecture first, so two rows of one channel
/// never read alike (issue #13: both rows read `ubuntu 22.04 …` at 120 columns).
@Suite struct ReleasePreviewPlatformTests {
    @Test func theArchitectureLeadsAndFitsAt120Columns() {
        let arm = Platform(architecture: .arm64, base: "ubuntu@22.04")
        let amd = Platform(architecture: .amd64, base: "ubuntu@22.04")
        let labels = [arm, amd].map(ReleasePreviewView.platformLabel)
        #expect(labels == ["arm64 ubuntu 22.04", "amd64 ubuntu 22.04"])
        let width = ReleasePreviewView.columns(width: 120)[0].width
        #expect(labels.allSatisfy { $0.count <= width })
        let narrow = ReleasePreviewView.columns(width: 80)[0].width
        #expect(Set(labels.map { $0.prefix(narrow) }).count == 2, "at 80 columns the rows still differ")
        #expect(ReleasePreviewView.platformLabel(Platform(architecture: .amd64)) == "amd64")
    }
}

import Testing
@testable import StoreTUI

struct DiffTests {
    static func buffer(_ rows: [String], width: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: rows.count)
        for (y, row) in rows.enumerated() { buffer.write(SafeText(untrusted: row), x: 0, y: y, style: .plain) }
        return buffer
    }

    @Test func identicalBuffersHaveNoChanges() {
        let buffer = Self.buffer(["hello", "蛇 world"], width: 10)
        #expect(buffer.changes(from: buffer).isEmpty)
    }

    @Test func oneChangedCellIsOneRunOfOne() {
        let before = Self.buffer(["hello", "world"], width: 8)
        var after = before
        after.write(SafeText(untrusted: "W"), x: 0, y: 1, style: .plain)
        #expect(after.changes(from: before) == [CellRun(x: 0, y: 1, cells: [Cell(text: "W", width: 1, style: .plain)])])
    }

    @Test func styleChangeAloneIsAChange() {
        let before = Self.buffer(["abc"], width: 3)
        var after = before
        after.fill(Rect(x: 1, y: 0, width: 1, height: 1), style: Style(attributes: .reverse))
        let runs = after.changes(from: before)
        #expect(runs.count == 1)
        #expect(runs.first?.x == 1)
        #expect(runs.first?.cells.count == 1)
    }

    @Test func noPreviousBufferRedrawsEveryRowWhole() {
        let buffer = Self.buffer(["ab", "c蛇"], width: 3)
        let runs = buffer.changes(from: nil)
        #expect(runs.map(\.y) == [0, 1])
        #expect(runs.allSatisfy { $0.x == 0 && $0.cells.count == 3 })
        #expect(runs[1].cells.map(\.text) == ["c", "蛇", ""])
    }

    @Test func sizeChangeRedrawsEverything() {
        let before = Self.buffer(["ab", "cd"], width: 2)
        let after = Self.buffer(["ab", "cd", "ef"], width: 2)
        #expect(after.changes(from: before).count == 3)
        #expect(Self.buffer(["ab"], width: 3).changes(from: Self.buffer(["ab"], width: 2)).count == 1)
    }

    @Test func changedWideCharacterIsSentWithBothHalves() {
        let before = Self.buffer(["ab蛇cd"], width: 8)
        let after = Self.buffer(["ab龍cd"], width: 8)
        let runs = after.changes(from: before)
        #expect(runs == [CellRun(x: 2, y: 0, cells: [Cell(text: "龍", width: 2, style: .plain), .continuation(style: .plain)])])
    }

    @Test func narrowOverTheSecondHalfIncludesTheBlankedLead() {
        let before = Self.buffer(["蛇abcdef"], width: 8)
        var after = before
        after.write(SafeText(untrusted: "x"), x: 1, y: 0, style: .plain)
        let runs = after.changes(from: before)
        #expect(runs.map(\.x) == [0])
        #expect(runs.first?.cells.map(\.text) == [" ", "x"])
    }

    @Test func narrowReplacingAContinuationStartsTheRunAtTheLead() {
        let before = Self.buffer(["ab蛇cd"], width: 6)
        let after = Self.buffer(["ab yzd"], width: 6)
        let runs = after.changes(from: before)
        #expect(runs.count == 1)
        #expect(runs.first?.x == 2)
        #expect(runs.first?.cells.first?.isContinuation == false)
    }

    @Test func runsCloseTogetherAreMerged() {
        let before = Self.buffer(["aaaaaaaaaa"], width: 10)
        let threeApart = Self.buffer(["baaabaaaaa"], width: 10)
        #expect(threeApart.changes(from: before).map(\.cells.count) == [5])
        let fourApart = Self.buffer(["baaaabaaaa"], width: 10)
        #expect(fourApart.changes(from: before).map(\.x) == [0, 5])
        #expect(fourApart.changes(from: before).map(\.cells.count) == [1, 1])
    }

    @Test func changesOnSeveralRowsAreSeparateRuns() {
        let before = Self.buffer(["aaaa", "aaaa", "aaaa"], width: 4)
        let after = Self.buffer(["abaa", "aaaa", "aaab"], width: 4)
        #expect(after.changes(from: before).map { [$0.x, $0.y] } == [[1, 0], [3, 2]])
    }

    @Test func applyingTheRunsToThePreviousFrameGivesTheNewOne() {
        var random = ScreenTestRandom(seed: 77)
        let texts = ["蛇", "ab", "한국", "x", "👩‍💻", "ｶ", "  ", "zz蛇"].map { SafeText(untrusted: $0) }
        var previous = ScreenBuffer(width: 17, height: 4)
        for _ in 0..<400 {
            var next = previous
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let text = texts[Int.random(in: 0..<texts.count, using: &random)]
                let style = Bool.random(using: &random) ? Style.plain : Style(foreground: .indexed(208))
                next.write(text, x: Int.random(in: -1...17, using: &random), y: Int.random(in: 0..<4, using: &random), style: style)
            }
            let runs = next.changes(from: previous)
            #expect(previous.applying(runs) == next.cells)
            for run in runs {
                #expect(run.cells.first?.isContinuation == false)
                #expect(run.cells.last?.width != 2)
            }
            previous = next
        }
    }

    @Test func diffingAFullScreenIsFast() {
        let rows = (0..<50).map { row in String(repeating: row % 3 == 0 ? "蛇a" : "abc ", count: 60) }
        let before = Self.buffer(rows, width: 200)
        var after = before
        after.write(SafeText(untrusted: "changed"), x: 10, y: 20, style: .plain)
        let clock = ContinuousClock()
        var runCount = 0
        let elapsed = clock.measure {
            for _ in 0..<20 {
                runCount += after.changes(from: before).count
                runCount += after.changes(from: nil).count
            }
        }
        #expect(runCount == 20 * 51)
        #expect(elapsed < .seconds(2), "40 diffs of 200×50 took \(elapsed)")
    }
}

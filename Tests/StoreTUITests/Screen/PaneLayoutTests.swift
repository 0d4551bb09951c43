import Testing
@testable import StoreTUI

/// One layout function cuts every screen; views are clipped to what it gives them.
@Suite struct PaneLayoutTests {
    @Test func aTableHasTitleToolbarHeaderRowsAndStatus() {
        let layout = PaneLayout.of(.table, width: 80, height: 24)
        #expect(layout.title == Rect(x: 0, y: 0, width: 80, height: 1))
        #expect(layout.toolbar.y == 1)
        #expect(layout.header == Rect(x: 0, y: 2, width: 80, height: 1))
        #expect(layout.list == Rect(x: 0, y: 3, width: 80, height: 20))
        #expect(layout.status.y == 23)
        #expect(layout.listRow(atScreenRow: 3) == 0 && layout.listRow(atScreenRow: 22) == 19)
        #expect(layout.listRow(atScreenRow: 2) == nil && layout.listRow(atScreenRow: 23) == nil)
    }

    @Test func detailPanesSplitTheBodyWithoutOverlap() {
        for height in [12, 24, 36] {
            for shape in [PaneLayout.Shape.tableOverHalfDetail, .tableOverDetail(rows: 4), .tableWithFooter] {
                let layout = PaneLayout.of(shape, width: 80, height: height)
                let parts = [layout.header, layout.list, layout.detail, layout.footer].filter { !$0.isEmpty }
                #expect(parts.allSatisfy { layout.body.intersection($0) == $0 }, "\(shape) at \(height) rows stays in the body")
                for (a, b) in zip(parts, parts.dropFirst()) { #expect(a.maxY <= b.y, "\(shape) at \(height) rows: parts in order") }
                #expect(layout.listRows >= 1)
            }
        }
    }

    @Test func aCanvasClippedToARectangleWritesNothingOutsideIt() {
        var canvas = Canvas(ScreenBuffer(width: 20, height: 5))
        canvas.within(Rect(x: 2, y: 1, width: 5, height: 2)) { canvas in
            canvas.label("outside-left", x: 0, y: 1, style: .plain)
            canvas.label("inside text", x: 2, y: 2, style: .plain)
            canvas.label("below", x: 2, y: 3, style: .plain)
            canvas.fill(x: 0, y: 1, width: 20, style: .plain)
        }
        let lines = canvas.buffer.textDump().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2].hasPrefix("  insi"), "cut at the rectangle's right edge: \(lines[2])")
        #expect(!lines[2].contains("text"))
        #expect(lines[3].trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(lines[1].trimmingCharacters(in: .whitespaces).isEmpty)
    }
}

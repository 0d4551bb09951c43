import Testing
@testable import StoreTUI

struct LayoutTests {
    let screen = Rect(x: 0, y: 0, width: 80, height: 24)

    @Test func negativeSizesCountAsEmpty() {
        #expect(Rect(x: 1, y: 1, width: -5, height: 3).isEmpty)
        #expect(Rect(x: 1, y: 1, width: -5, height: 3).width == 0)
        #expect(!screen.isEmpty)
    }

    @Test func insetShrinksEachSideAndNeverGoesNegative() {
        #expect(screen.insetBy(dx: 1, dy: 2) == Rect(x: 1, y: 2, width: 78, height: 20))
        #expect(screen.insetBy(top: 1, left: 2) == Rect(x: 2, y: 1, width: 78, height: 23))
        #expect(Rect(x: 0, y: 0, width: 3, height: 3).insetBy(dx: 5, dy: 5).isEmpty)
    }

    @Test func intersectionAndContains() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        #expect(a.intersection(Rect(x: 5, y: 8, width: 10, height: 10)) == Rect(x: 5, y: 8, width: 5, height: 2))
        #expect(a.intersection(Rect(x: 20, y: 0, width: 1, height: 1)).isEmpty)
        #expect(a.contains(x: 9, y: 0))
        #expect(!a.contains(x: 10, y: 0))
    }

    @Test func rowsServeFixedPartsThenShareTheRest() {
        let parts = screen.rows([.fixed(1), .fill, .fixed(1)])
        #expect(parts == [
            Rect(x: 0, y: 0, width: 80, height: 1),
            Rect(x: 0, y: 1, width: 80, height: 22),
            Rect(x: 0, y: 23, width: 80, height: 1),
        ])
    }

    @Test func columnsShareByWeightWithRemainderToTheFirst() {
        let parts = screen.columns([.fill, .weighted(2), .fill], spacing: 1)
        #expect(parts.map(\.width) == [20, 39, 19])
        #expect(parts.map(\.x) == [0, 21, 61])
        #expect(parts.last?.maxX == 80)
    }

    @Test func fixedPartsThatDoNotFitAreCut() {
        let parts = Rect(x: 2, y: 0, width: 5, height: 1).columns([.fixed(3), .fixed(4), .fill])
        #expect(parts.map(\.width) == [3, 2, 0])
        #expect(parts.allSatisfy { $0.maxX <= 7 })
    }

    @Test func spacingLargerThanTheRectStaysInside() {
        let parts = Rect(x: 0, y: 0, width: 3, height: 1).columns([.fill, .fill, .fill], spacing: 5)
        #expect(parts.allSatisfy { $0.x <= 3 && $0.maxX <= 3 })
        #expect(screen.rows([]).isEmpty)
    }
}

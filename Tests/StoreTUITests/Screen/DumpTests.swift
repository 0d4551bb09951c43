import Testing
@testable import StoreTUI

struct DumpTests {
    @Test func textDumpKeepsTrailingSpacesAndWideCharacters() {
        var buffer = ScreenBuffer(width: 6, height: 2)
        buffer.write(SafeText(untrusted: "蛇ab"), x: 1, y: 0, style: .plain)
        #expect(buffer.textDump() == " 蛇ab \n      ")
    }

    @Test func styleDumpListsRunsWhereTheStyleChanges() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        buffer.write(SafeText(untrusted: "ok"), x: 2, y: 0, style: Style(foreground: .ansi(2), attributes: .bold))
        buffer.fill(Rect(x: 0, y: 1, width: 10, height: 1), style: Style(foreground: .indexed(231), background: .indexed(236), attributes: [.reverse, .underline]))
        #expect(buffer.styleDump() == "0:- 2:fg=a2,bold 4:-\n0:fg=i231,bg=i236,reverse,underline")
    }

    @Test func styleCodesNameEveryAttribute() {
        let all = Style(attributes: [.bold, .dim, .reverse, .underline, .italic])
        #expect(ScreenBuffer.dumpCode(for: all) == "bold,dim,reverse,underline,italic")
        #expect(ScreenBuffer.dumpCode(for: .plain) == "-")
        #expect(ScreenBuffer.dumpCode(for: Style(background: .ansi(12))) == "bg=a12")
    }

    @Test func emptyBufferDumpsAreEmpty() {
        #expect(ScreenBuffer(width: 0, height: 0).textDump() == "")
        #expect(ScreenBuffer(width: 0, height: 0).styleDump() == "")
    }
}

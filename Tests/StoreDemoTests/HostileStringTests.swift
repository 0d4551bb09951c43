import StoreModels
import StoreService
import Testing
@testable import StoreDemo

@Suite("Hostile strings")
struct HostileStringTests {
    @Test("the corpus is big, uniquely named, and covers every kind")
    func corpusShape() {
        let corpus = HostileStrings.corpus
        #expect(corpus.count >= 250)
        #expect(Set(corpus.map(\.name)).count == corpus.count)
        for kind in HostileString.Kind.allCases {
            #expect(!HostileStrings.entries(of: kind).isEmpty, "\(kind)")
        }
        for entry in corpus {
            #expect(entry.name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, "\(entry.name)")
        }
    }

    @Test("every C0 control, DEL and every C1 control is present")
    func everyControl() {
        let texts = HostileStrings.corpus.map(\.text)
        for value in Array(0..<0x20) + [0x7F] + Array(0x80..<0xA0) {
            let scalar = Unicode.Scalar(UInt32(value))
            #expect(texts.contains { text in text.unicodeScalars.contains { $0 == scalar } }, "U+\(String(value, radix: 16))")
        }
    }

    @Test("ESC sequences, 8-bit forms, bidi controls and the named attacks are present")
    func keySamples() throws {
        for name in [
            "csi-2j-clear-screen", "csi-2j-clear-screen-8bit", "osc-0-title-bel", "osc-2-title-st", "osc-8-hyperlink-st",
            "osc-52-clipboard-write", "osc-52-clipboard-write-8bit", "csi-6n-dsr-cursor-report", "esc-c-full-reset",
            "alt-screen-enter-1049", "mouse-1003-any-on", "bracketed-paste-on", "osc-unterminated", "dcs-decrqss-query",
            "dcs-decrqss-query-8bit", "apc-kitty-graphics", "pm-privacy-message", "sos-start-of-string", "cr-overwrite",
            "bidi-202e-rlo", "bidi-2066-lri", "invisible-2028-line-separator", "invisible-2029-paragraph-separator",
            "invisible-200b-zero-width-space", "long-10k-ascii", "long-64k-ascii", "cjk-wide-400", "emoji-zwj-family",
            "emoji-vs16", "emoji-flags", "combining-storm-500", "rtl-arabic", "rtl-hebrew", "sql-drop-table",
            "shell-command-substitution", "shell-backticks", "path-traversal-unix", "format-n-s-x", "json-break-out",
            "c0-00-nul", "c1-9b-csi",
        ] {
            #expect(HostileStrings.named(name) != nil, "\(name)")
        }
        #expect(try #require(HostileStrings.named("csi-2j-clear-screen-8bit")).text.unicodeScalars.first == "\u{9B}")
        #expect(try #require(HostileStrings.named("long-64k-ascii")).text.utf8.count == 65_536)
        #expect(try #require(HostileStrings.named("long-10k-ascii")).text.count == 10_000)
        #expect(try #require(HostileStrings.named("combining-storm-500")).text.unicodeScalars.count == 501)
        #expect(try #require(HostileStrings.named("sql-drop-table")).text == "'; DROP TABLE packages; --")
        #expect(try #require(HostileStrings.named("osc-52-clipboard-write")).text.hasPrefix("\u{1B}]52;"))
    }

    @Test("invalid UTF-8 cases carry bytes that really are invalid, and a lossy text")
    func invalidUTF8() {
        let cases = HostileStrings.entries(of: .invalidUTF8)
        #expect(cases.count >= 10)
        for entry in cases {
            let bytes = entry.bytes ?? []
            #expect(!bytes.isEmpty)
            #expect(String(validating: bytes, as: UTF8.self) == nil, "\(entry.name)")
            #expect(entry.text.unicodeScalars.contains("\u{FFFD}"), "\(entry.name)")
            #expect(entry.utf8Bytes == bytes)
        }
        for entry in HostileStrings.corpus where entry.kind != .invalidUTF8 {
            #expect(entry.bytes == nil)
        }
    }

    @Test("a small catalogue has a handful of hostile packages and a hostile publisher")
    func smallCatalogueIsHostile() {
        let catalogue = Demo.catalogue(20)
        let hostile = catalogue.entries().filter { isHostile($0.package) }
        #expect(hostile.count >= 5)
        let names = Set(hostile.map(\.package.name.rawValue))
        #expect(names.contains(DemoPackages.malloryMiner))
        let fields = hostile.map(\.package)
        #expect(fields.contains { $0.title.contains("\u{1B}") })
        #expect(fields.contains { $0.summary.unicodeScalars.contains("\u{1B}") })
        #expect(fields.contains { $0.title.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) } })
        #expect(fields.contains { $0.description.utf8.count >= 10_000 })
        #expect(fields.contains { $0.license.unicodeScalars.contains { $0.value < 0x20 || (0x80..<0xA0).contains($0.value) } })
        #expect(fields.contains { $0.links.contains { link in link.url.unicodeScalars.contains { $0.value < 0x20 } } })
        #expect(catalogue.publishers.filter { isHostileText($0.displayName) }.count >= 2)
    }

    @Test("about one package in fifty is hostile, and their names stay valid")
    func shareOfHostilePackages() throws {
        var hostile = 0
        for entry in Demo.catalogue(3000).entries() where isHostile(entry.package) {
            hostile += 1
            try PackageName.validate(entry.package.name.rawValue, type: entry.package.type)
        }
        #expect((50...80).contains(hostile))
    }

    private func isHostile(_ package: Package) -> Bool {
        [package.title, package.summary, package.description, package.license].contains(where: isHostileText)
            || package.links.contains { isHostileText($0.url) }
    }

    private func isHostileText(_ text: String) -> Bool {
        let corpus = HostileStrings.corpus
        return text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F..<0xA0).contains($0.value) || (0x202A...0x202E).contains($0.value) }
            || corpus.contains { $0.text.count >= 3 && text.contains($0.text) }
    }
}

@Suite("Hostile string values")
struct HostileStringValueTests {
    @Test("a string created without a kind gets a sensible one")
    func inferredKinds() {
        #expect(HostileString(name: "a", text: "\u{1B}[2J").kind == .escape)
        #expect(HostileString(name: "b", text: "x\u{9B}1m").kind == .escape)
        #expect(HostileString(name: "c", text: "a\rb").kind == .overwrite)
        #expect(HostileString(name: "d", text: "a\u{0}b").kind == .control)
        #expect(HostileString(name: "e", text: "\u{202E}abc").kind == .bidi)
        #expect(HostileString(name: "f", text: "'; --").kind == .injection)
        #expect(HostileString(name: "g", text: "\u{FFFD}", bytes: [0xFF]).kind == .invalidUTF8)
        #expect(HostileString(name: "h", bytes: [0xC0, 0xAF]).text == "\u{FFFD}\u{FFFD}")
    }
}

import Foundation
import StoreEngineSupport
import StoreModels
import Testing

/// The `links` column reads back what was written, through the fast path for plain text and the decoder
/// for the rest.
@Suite("JSON columns")
struct JSONColumnTests {
    private static func decoded(_ text: String) throws -> [Package.Link] {
        try JSONDecoder().decode([Package.Link].self, from: Data(text.utf8))
    }

    @Test(arguments: [
        #"[]"#,
        #"[{"kind":"website","url":"https://snapcraft.io/docs/get-started"}]"#,
        #"[{"kind":"source","url":"https://example.com/é/✓"},{"kind":"issues","url":""}]"#,
        #"[{"kind":"a\"b","url":"c\\d\nline"}]"#,
        #"[{"kind":"contact","url":"mailto:x@example.com","extra":true}]"#,
        #"[{"url":"https://example.com","kind":"website"}]"#,
    ])
    func linksReadAsTheDecoderReadsThem(_ text: String) throws {
        #expect(try JSONColumn.links(from: text) == Self.decoded(text))
    }

    @Test func hostileLinksRoundTrip() throws {
        let links = [
            Package.Link(kind: "website", url: "https://example.com/\u{1B}[31mred\u{07}"),
            Package.Link(kind: "\u{0}nul", url: "\\\"/\t\u{202E}"),
            Package.Link(kind: "plain", url: "https://example.com/plain"),
        ]
        #expect(try JSONColumn.links(from: JSONColumn.encode(links)) == links)
    }

    @Test func damagedLinksAreRefusedAsTheDecoderRefusesThem() {
        for text in [#"[{"kind":"website"}]"#, #"[{"kind":1,"url":"x"}]"#, #"{"kind":"x","url":"y"}"#, #"[{"kind":"x","url":"y"}"#] {
            #expect(throws: (any Error).self) { try JSONColumn.links(from: text) }
        }
    }
}

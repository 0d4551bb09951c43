import Foundation
import StoreModels
import StoreService
import Testing

/// Text a caller brings to a query is made safe once, the same way on every engine (issue #19):
/// control characters in search text separate words, filters holding them are refused, and a cursor
/// carrying them is invalid.
@Suite("Query validation")
struct QueryValidationTests {
    @Test(arguments: StoreEngine.allCases, ["hel\u{0}lo", "hello\u{0}", "\u{0}", "a\u{0}b", "hello\u{1B}[31m", "wor\u{7F}ld\u{9B}"])
    func controlCharactersInSearchTextSeparateWords(engine: StoreEngine, text: String) async throws {
        try await withStore(engine) { store in
            let page = try await store.anonymous.search(SearchQuery(text: text))
            let cleaned = try await store.anonymous.search(SearchQuery(text: String(text.unicodeScalars.map {
                $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? " " : Character($0)
            })))
            #expect(page.items.map(\.name) == cleaned.items.map(\.name))
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func filtersWithControlCharactersAreRefused(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            await #expect(throws: StoreError.invalidInput("the category filter contains a control character; no category has one")) {
                _ = try await store.anonymous.search(SearchQuery(category: "util\u{0}ities"))
            }
            await #expect(throws: StoreError.self) {
                _ = try await store.anonymous.search(SearchQuery(publisher: "ali\u{1B}ce"))
            }
            await #expect(throws: StoreError.invalidInput("the actor filter contains a control character; no actor has one")) {
                _ = try await store.service(as: Fixture.admin).auditLog(AuditQuery(actor: "adm\u{0}in"))
            }
            await #expect(throws: StoreError.self) {
                _ = try await store.anonymous.revisions(of: PackageName(trusted: "hello"), query: RevisionQuery(reviewStatus: "pend\u{0}ing"))
            }
            // Free text is searched, not refused: the NUL separates like a space, so it is the same search.
            let admin = try await store.service(as: Fixture.admin)
            let withNUL = try await admin.publishers(matching: "al\u{0}ice", cursor: nil, limit: 10)
            let withSpace = try await admin.publishers(matching: "al ice", cursor: nil, limit: 10)
            #expect(withNUL.items.map(\.username) == withSpace.items.map(\.username))
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func overlongSearchTextIsRefusedWithASentence(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            // Over HTTP the server's own query check says it first, in its words.
            let error = await #expect(throws: StoreError.self) {
                _ = try await store.anonymous.search(SearchQuery(text: String(repeating: "a", count: 257)))
            }
            guard case .invalidInput(let reason) = error else { Issue.record("\(String(describing: error))"); return }
            #expect(reason.contains("longer than 256 characters"))
            _ = try await store.anonymous.search(SearchQuery(text: String(repeating: "a", count: 256)))
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func cursorsCarryingControlCharactersAreInvalid(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            for json in [#"{"username":"a\u0000b"}"#, #"{"name":"x\u001b"}"#] {
                let cursor = Data(json.utf8).base64EncodedString()
                await #expect(throws: StoreError.invalidInput("the page cursor is invalid; start again from the first page")) {
                    _ = try await store.service(as: Fixture.admin).publishers(matching: "", cursor: cursor, limit: 10)
                }
            }
        }
    }
}

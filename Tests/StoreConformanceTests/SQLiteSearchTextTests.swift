@testable import StoreSQLite
import StoreEngineSupport
import Testing

/// How user text becomes an FTS5 query: quoted word by word, never interpreted.
@Suite("SQLite engine: search text")
struct SQLiteSearchTextTests {
    @Test func wordsAreQuotedAndTheLastIsAPrefix() {
        #expect(SearchText("hello wor").match == "\"hello\" \"wor\"*")
        #expect(SearchText("hello wor ").match == "\"hello\" \"wor\"")
        #expect(SearchText("h").match == "\"h\"", "a one-letter prefix matches almost everything")
    }

    @Test func quotesAreDoubledAndSyntaxIsInert() {
        #expect(SearchText("say\"hi").match == "\"say\"\"hi\"*")
        #expect(SearchText("NEAR(a b) OR name:x").match == "\"NEAR(a\" \"b)\" \"OR\" \"name:x\"*")
    }

    @Test func wordsWithoutLettersOrDigitsAreDropped() {
        #expect(SearchText("* ^ -- \"").match == nil)
        #expect(SearchText("* ^ -- \"").isBlank == false)
        #expect(SearchText("   ").isBlank)
        #expect(SearchText("-- vim").match == "\"vim\"*")
    }

    @Test func atMostEightWordsAreSearched() {
        let text = SearchText((1...20).map { "w\($0)" }.joined(separator: " "))
        #expect(text.words.count == SearchWords.maximumWords)
    }

    @Test func exactNameIsTheLowercasedText() {
        #expect(SearchText("  Hello-World ").exactName == "hello-world")
    }

    @Test func lastWordCanBeReplacedByAlternatives() {
        let text = SearchText("tool work")
        #expect(text.match(replacingLastWordWith: ["work", "workshop"]) == "\"tool\" AND (\"work\" OR \"workshop\")")
        #expect(text.match(replacingLastWordWith: []) == text.match)
    }
}

import Testing
@testable import StoreTUI

/// The editing keys of every one-line field.
@Suite struct LineEditorTests {
    @Test func typingAppendsUntilTheLimit() {
        var text = "ab"
        #expect(LineEditor.apply(.character("c"), to: &text, limit: 3) == .edited)
        #expect(LineEditor.apply(.character("d"), to: &text, limit: 3) == .unchanged)
        #expect(text == "abc")
    }

    @Test func controlWRemovesTheLastWordAndTheSpacesAfterIt() {
        var text = "publisher:alice  release "
        #expect(LineEditor.apply(.ctrl("w"), to: &text, limit: 200) == .edited)
        #expect(text == "publisher:alice  ")
        #expect(LineEditor.apply(.ctrl("w"), to: &text, limit: 200) == .edited)
        #expect(text == "")
        #expect(LineEditor.apply(.ctrl("w"), to: &text, limit: 200) == .unchanged)
    }

    @Test func backspaceRemovesOneGraphemeAndControlUEverything() {
        var text = "né👍🏽"
        #expect(LineEditor.apply(.backspace, to: &text, limit: 200) == .edited)
        #expect(text == "né")
        #expect(LineEditor.apply(.ctrl("u"), to: &text, limit: 200) == .edited)
        #expect(text.isEmpty)
        #expect(LineEditor.apply(.backspace, to: &text, limit: 200) == .unchanged)
    }

    @Test func otherKeysAreLeftToTheField() {
        var text = "x"
        for key in [Key.enter, .escape, .tab, .down, .ctrl("c")] {
            #expect(LineEditor.apply(key, to: &text, limit: 200) == .other)
        }
        #expect(text == "x")
    }

    @Test func everyFilterLineSharesTheEditingKeys() {
        var search = TestCatalogue.searchState()
        search.search.isEditing = true
        search.search.query = "hello world"
        _ = AppReducer.reduce(&search, .key(.ctrl("w")))
        #expect(search.search.query == "hello ")

        var publishers = TestCatalogue.searchState()
        _ = PublishersReducer.open(&publishers)
        publishers.publishers.isEditing = true
        publishers.publishers.query = "alice bob"
        _ = AppReducer.reduce(&publishers, .key(.ctrl("w")))
        #expect(publishers.publishers.query == "alice ")
        _ = AppReducer.reduce(&publishers, .key(.escape))
        #expect(!publishers.publishers.isEditing)
    }
}

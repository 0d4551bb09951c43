/// The editing keys every one-line text field shares: the search field, the publishers' and the
/// audit log's filter lines, and the fields of forms.
///
/// Text is edited at its end (there is no caret to move): typing appends, Backspace removes the
/// last character, C-w the last word, C-u everything.
enum LineEditor {
    /// What a key did to the text.
    enum Outcome: Equatable {
        /// The text changed.
        case edited
        /// An editing key that changed nothing (the field was full or already empty).
        case unchanged
        /// Not an editing key: the caller decides (Enter, Esc, arrows, C-c…).
        case other
    }

    /// Applies `key` to `text`, which never grows beyond `limit` characters.
    static func apply(_ key: Key, to text: inout String, limit: Int) -> Outcome {
        switch key {
        case .character(let character):
            guard text.count < limit else { return .unchanged }
            text.append(character)
        case .backspace:
            guard !text.isEmpty else { return .unchanged }
            text.removeLast()
        case .ctrl("u"):
            guard !text.isEmpty else { return .unchanged }
            text = ""
        case .ctrl("w"):
            guard !text.isEmpty else { return .unchanged }
            removeLastWord(&text)
        default:
            return .other
        }
        return .edited
    }

    /// Removes the trailing spaces, then the word before them.
    private static func removeLastWord(_ text: inout String) {
        while text.last == " " { text.removeLast() }
        while let last = text.last, last != " " { text.removeLast() }
    }
}

/// A list pane's filter line (search, publishers, audit): the shared key handling.
enum FilterLine {
    /// The longest filter text.
    static let maximumLength = 200

    /// What a key did to the line.
    enum Outcome: Equatable {
        /// The text changed: the pane filters again.
        case edited
        /// Nothing for the pane to do (the line kept or gave up focus).
        case none
        /// C-c: quit (asking first when a release plan would be lost).
        case quit
    }

    /// Keys while a filter line has focus. Editing keys change `text`; Enter, Down, Tab and Esc
    /// leave the line.
    static func edit(_ key: Key, text: inout String, isEditing: inout Bool) -> Outcome {
        switch LineEditor.apply(key, to: &text, limit: maximumLength) {
        case .edited: return .edited
        case .unchanged: return .none
        case .other: break
        }
        switch key {
        case .ctrl("c"):
            return .quit
        case .enter, .down, .tab, .escape:
            isEditing = false
            return .none
        default:
            return .none
        }
    }
}

import StoreModels

/// A small form drawn over the panes: a few typed fields with completion, submitted with Enter,
/// cancelled with Esc. What submitting does depends on its purpose.
public struct FormState: Hashable, Sendable {
    /// What the form is for; decides the fields and what Enter does.
    public enum Purpose: Hashable, Sendable {
        /// Choose the channels (and progressive share, branch) for these revisions.
        case release(PackageName, revisions: [Int])
        /// Change a progressive release's percentage.
        case progress(PackageName, Channel)
        /// A rejection reason for these uploads.
        case reject([ReviewTarget])
        /// A publisher's validation badge.
        case validation(username: String)
        /// A suspension: reason and the username typed to confirm.
        case suspend(username: String)
        /// Lifting a suspension: reason and the username typed to confirm.
        case unsuspend(username: String)
    }

    /// One typed field.
    public struct Field: Hashable, Sendable {
        public var label: String
        public var text: String
        /// One line under the field saying what to type.
        public var hint: String
        /// Completions offered (channels, reason templates, badges).
        public var options: [String]
        /// Whether the field holds a list (completion applies to its last item).
        public var isList: Bool

        /// Creates a field.
        public init(_ label: String, text: String = "", hint: String = "", options: [String] = [], isList: Bool = false) {
            self.label = label
            self.text = text
            self.hint = hint
            self.options = options
            self.isList = isList
        }

        /// The item being typed: the whole text, or the last item of a list.
        public var currentWord: String {
            guard isList else { return text }
            guard let last = text.lastIndex(where: { $0 == "," || $0 == " " }) else { return text }
            return String(text[text.index(after: last)...])
        }

        /// Completions for what is typed: options starting with it (or, for free text, containing it).
        public var completions: [String] {
            guard !options.isEmpty else { return [] }
            let word = currentWord.lowercased()
            if word.isEmpty { return options }
            let prefixed = options.filter { $0.lowercased().hasPrefix(word) && $0.lowercased() != word }
            if isList || !prefixed.isEmpty { return prefixed }
            return options.filter { $0.lowercased().contains(word) && $0.lowercased() != word }
        }

        /// Replaces the item being typed with `completion`.
        public mutating func accept(_ completion: String) {
            if isList {
                text = String(text.dropLast(currentWord.count)) + completion + ", "
            } else {
                text = completion
            }
        }
    }

    public var title: String
    public var purpose: Purpose
    public var fields: [Field]
    /// The field with the cursor.
    public var focus = 0
    /// The highlighted completion of the focused field.
    public var completion = 0
    /// Why the last Enter was refused.
    public var error: String?
    /// A line above the fields explaining what happens.
    public var note: String

    /// Creates a form.
    public init(title: String, purpose: Purpose, fields: [Field], note: String = "") {
        self.title = title
        self.purpose = purpose
        self.fields = fields
        self.note = note
    }

    /// The completions of the focused field.
    public var completions: [String] { fields.indices.contains(focus) ? fields[focus].completions : [] }

    /// The text of the field labelled `label` (trimmed).
    public func value(_ index: Int) -> String {
        fields.indices.contains(index) ? fields[index].text.trimmingCharacters(in: .whitespaces) : ""
    }
}

import Foundation

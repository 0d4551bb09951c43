import StoreModels

/// A small form drawn over the panes: a few typed fields with completion, submitted with Enter,
/// cancelled with Esc. What submitting does depends on its purpose.
public struct FormState: Hashable, Sendable {
    /// What the form is for; decides the fields and what Enter does.
    public enum Purpose: Hashable, Sendable {
        /// Choose the channels (and progressive share, branch) for these revisions.
        case release(PackageName, revisions: [Int])
        /// Change a progressive release's percentage, on these platforms (`nil`: every one).
        case progress(PackageName, Channel, platforms: [Platform]?)
        /// A rejection reason for these uploads.
        case reject([ReviewTarget])
        /// A publisher's validation badge.
        case validation(username: String)
        /// A suspension: reason and the username typed to confirm.
        case suspend(username: String)
        /// Lifting a suspension: reason and the username typed to confirm.
        case unsuspend(username: String)
        /// The search's category filter, picked from the store's categories.
        case category
        /// A public key line to register (and, for admins, whose).
        case addSSHKey
        /// Removing an SSH key: the word typed to confirm.
        case removeSSHKey(id: String, fingerprint: String)
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
        /// Whether options are `/`-separated names (channels) matched by any part and fuzzily:
        /// `st` finds `latest/stable`, `be` `2.0/beta`, `fix` `latest/candidate/fix-2201`.
        public var matchesParts: Bool
        /// The most characters the field takes.
        public var limit: Int

        /// Creates a field.
        public init(_ label: String, text: String = "", hint: String = "", options: [String] = [], isList: Bool = false,
                    matchesParts: Bool = false, limit: Int = 300) {
            self.limit = limit
            self.label = label
            self.text = text
            self.hint = hint
            self.options = options
            self.isList = isList
            self.matchesParts = matchesParts
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
            // After a completed item of a list (`latest/stable, `), Tab moves on instead of adding another.
            if word.isEmpty { return isList && !text.trimmingCharacters(in: .whitespaces).isEmpty ? [] : options }
            if matchesParts { return Self.partMatches(options, word) }
            let prefixed = options.filter { $0.lowercased().hasPrefix(word) && $0.lowercased() != word }
            if isList || !prefixed.isEmpty { return prefixed }
            return options.filter { $0.lowercased().contains(word) && $0.lowercased() != word }
        }

        /// `options` that `word` names: whole-name prefixes first, then those with a part (track,
        /// risk, branch) starting with it; only when none does, those holding its letters in order.
        /// Each group keeps the options' order.
        static func partMatches(_ options: [String], _ word: String) -> [String] {
            var whole: [String] = [], parts: [String] = [], fuzzy: [String] = []
            for option in options {
                let name = option.lowercased()
                guard name != word else { continue }
                if name.hasPrefix(word) {
                    whole.append(option)
                } else if name.split(separator: "/").contains(where: { $0.hasPrefix(word) }) {
                    parts.append(option)
                } else if isSubsequence(word, of: name) {
                    fuzzy.append(option)
                }
            }
            return whole.isEmpty && parts.isEmpty ? fuzzy : whole + parts
        }

        private static func isSubsequence(_ word: String, of name: String) -> Bool {
            var remaining = word[...]
            for character in name where remaining.first == character { remaining = remaining.dropFirst() }
            return remaining.isEmpty
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

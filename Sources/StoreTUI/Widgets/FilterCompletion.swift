/// Tab on a filter line: the last word completed from the pane's candidates, as a shell does.
enum FilterCompletion {
    /// The line with its last word completed, and the choices to show when several remain; `nil`
    /// when nothing completes (Tab then leaves the line).
    ///
    /// One candidate replaces the word (a space follows unless it ends in `:`); several extend it
    /// to what they share and are listed, as bash does.
    static func complete(_ text: String, _ candidates: [String]) -> (text: String, choices: String?)? {
        guard !candidates.isEmpty else { return nil }
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let word = words.last ?? ""
        let replacement: String
        if candidates.count == 1 {
            replacement = candidates[0] + (candidates[0].hasSuffix(":") ? "" : " ")
        } else {
            let shared = commonPrefix(candidates)
            replacement = shared.count > word.count ? shared : word
        }
        if words.isEmpty { words = [replacement] } else { words[words.count - 1] = replacement }
        let shown = candidates.prefix(8).joined(separator: " · ") + (candidates.count > 8 ? " · …" : "")
        return (words.joined(separator: " "), candidates.count > 1 ? shown : nil)
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}

import Synchronization

/// Non-ASCII lines already sanitized, by their raw text: a console frame draws the same store text again on
/// every keystroke (publisher names with accents, `✓`, `–`), and the grapheme rules of ``SafeText`` cost far more
/// than a lookup. Shared by every console of the process (the SSH console runs several), behind a lock held only
/// for the lookup.
///
/// Bounded: only lines of up to ``maxKeyBytes`` are kept, and the memo is emptied when it holds ``capacity``.
final class SafeTextMemo: Sendable {
    /// The memo `SafeText` uses.
    static let shared = SafeTextMemo(capacity: 4096)
    /// The longest raw line kept, in UTF-8 bytes (longer ones are sanitized every time).
    static let maxKeyBytes = 256

    let capacity: Int
    private let entries = Mutex<[Substring: SafeText]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The sanitized `text`, made by `sanitize` unless it was already.
    func text(_ text: Substring, sanitize: (Substring) -> SafeText) -> SafeText {
        guard text.utf8.count <= Self.maxKeyBytes else { return sanitize(text) }
        if let kept = entries.withLock({ $0[text] }) { return kept }
        let made = sanitize(text)
        // A copy of the key, so the memo does not keep a whole string alive through a slice of it.
        let key = Substring(String(text))
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = made
        }
        return made
    }

    /// How many lines are kept now.
    var count: Int { entries.withLock { $0.count } }
}

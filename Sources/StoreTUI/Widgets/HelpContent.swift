/// What the `?` overlay lists: the keys of the current pane, generated from the key map, and how
/// far the list may scroll on a small screen. The overlay draws it; the reducer scrolls it.
enum HelpContent {
    /// One line of help: a binding, and why its command is not allowed here (shown dimmed).
    struct Entry: Hashable {
        var binding: KeyBinding
        var disabledReason: String?
    }

    /// The keys of the current pane. A read-only console leaves out every changing command; other
    /// commands the identity may not run are listed with the reason.
    /// The pane's own keys come first, the keys that work everywhere last.
    static func entries(_ state: AppState) -> [Entry] {
        let contexts = state.keyContexts
        let bindings = state.keyMap.bindings(in: contexts).enumerated().sorted { lhs, rhs in
            let left = contexts.firstIndex(of: lhs.element.context) ?? 0, right = contexts.firstIndex(of: rhs.element.context) ?? 0
            return left != right ? left < right : lhs.offset < rhs.offset
        }
        return bindings.compactMap { _, binding in
            if state.settings.readOnly && binding.command.isChange { return nil }
            return Entry(binding: binding, disabledReason: Availability.disabledReason(binding.command, in: state))
        }
    }

    /// The furthest the list may scroll: `entries` keys shown `rows` at a time.
    static func scrollLimit(entries: Int, rows: Int) -> Int { max(0, entries - max(1, rows)) }

    /// The furthest the help of `state` may scroll (the overlay's rows: the screen less its frame).
    static func scrollLimit(_ state: AppState) -> Int {
        scrollLimit(entries: entries(state).count, rows: state.height - 8)
    }
}

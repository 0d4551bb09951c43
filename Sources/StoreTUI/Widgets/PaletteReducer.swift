import StoreModels
import StoreService

/// The `:` command palette: typed commands with completion.
///
/// `search TEXT`, `open NAME`, `type snap|charm|all`, `verified on|off`, `category NAME|all`,
/// `revisions`, `channels`, `detail`, `queue`, `publishers [TEXT]`, `publisher NAME`,
/// `audit [FILTER]`, `theme dark|light`, `help`, `quit`.
enum PaletteReducer {
    /// How long typing in `open NAME` must pause before the store is asked for names.
    static let nameDebounceMilliseconds = 120

    static func handleKey(_ state: inout AppState, _ palette: inout PaletteState, _ key: Key) -> [AppEffect] {
        let effects = edit(&state, &palette, key)
        if case .palette(let shown)? = state.overlay {
            palette = shown
            let count = PaletteCommands.completions(for: palette.text, state: state).count
            palette.selection = min(palette.selection, max(0, count - 1))
            if palette.selection < palette.scroll { palette.scroll = palette.selection }
            if palette.selection >= palette.scroll + PaletteCommands.visibleCompletions { palette.scroll = palette.selection - PaletteCommands.visibleCompletions + 1 }
            state.overlay = .palette(palette)
        }
        return effects
    }

    /// Package names for `open PREFIX`: a search for the prefix, in a slot of its own.
    static func askForNames(_ state: inout AppState, _ palette: inout PaletteState) -> [AppEffect] {
        let parts = palette.text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts[0] == "open" else {
            palette.names = []
            palette.namesPending = nil
            return []
        }
        let prefix = parts[1].trimmingCharacters(in: .whitespaces)
        guard !prefix.isEmpty else { return [] }
        let ticket = state.issueTicket()
        palette.namesPending = ticket
        return [.completeNames(SearchQuery(text: prefix, limit: 50), ticket, debounceMilliseconds: nameDebounceMilliseconds)]
    }

    /// The store's names for the prefix typed, when the palette still asks for them.
    static func namesCompleted(_ state: inout AppState, _ ticket: Ticket, _ result: Result<Page<PackageSummary>, StoreError>) -> [AppEffect] {
        guard case .palette(var palette)? = state.overlay, palette.namesPending == ticket else { return [] }
        palette.namesPending = nil
        let parts = palette.text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let prefix = parts.count == 2 ? parts[1] : ""
        if case .success(let page) = result {
            // Names that start with what was typed first, then the other matches.
            let names = page.items.map(\.name.rawValue)
            palette.names = names.filter { $0.hasPrefix(prefix) } + names.filter { !$0.hasPrefix(prefix) }
        }
        state.overlay = .palette(palette)
        return []
    }

    private static func edit(_ state: inout AppState, _ palette: inout PaletteState, _ key: Key) -> [AppEffect] {
        let options = PaletteCommands.completions(for: palette.text, state: state)
        switch key {
        case .escape, .ctrl("c"):
            state.overlay = nil
            return []
        case .tab:
            if !options.isEmpty {
                palette.text = options[min(palette.selection, options.count - 1)] + " "
                palette.selection = 0
            }
        case .up:
            palette.selection = max(0, palette.selection - 1)
        case .down:
            palette.selection = min(max(0, options.count - 1), palette.selection + 1)
        case .backspace:
            if palette.text.isEmpty {
                state.overlay = nil
                return []
            }
            palette.text.removeLast()
            palette.selection = 0
            state.overlay = .palette(palette)
            return askForNames(&state, &palette).withOverlay(palette, in: &state)
        case .ctrl("u"):
            palette.text = ""
        case .character(let c):
            guard palette.text.count < 200 else { break }
            palette.text.append(c)
            palette.selection = 0
            state.overlay = .palette(palette)
            return askForNames(&state, &palette).withOverlay(palette, in: &state)
        case .enter:
            let typed = palette.text.trimmingCharacters(in: .whitespaces)
            let text = typed.contains(" ") || options.isEmpty ? typed : options[min(palette.selection, options.count - 1)]
            state.overlay = nil
            return execute(text, in: &state)
        default:
            break
        }
        state.overlay = .palette(palette)
        return []
    }

    /// Runs a palette command line.
    static func execute(_ line: String, in state: inout AppState) -> [AppEffect] {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard let verb = parts.first else { return [] }
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch verb {
        case "search":
            let effects = AppReducer.unwind(&state)
            state.search.query = argument
            return effects + AppReducer.startSearch(&state, debounce: 0)
        case "open":
            do {
                let name = try PackageName(argument)
                return PackageReducer.open(&state, name)
            } catch {
                state.message = StatusMessage("open: \(error.description)", severity: .error)
                return []
            }
        case "type":
            state.search.type = argument == "all" || argument.isEmpty ? nil : PackageType(rawValue: argument)
            return AppReducer.startSearch(&state, debounce: 0)
        case "verified":
            state.search.verifiedOnly = argument != "off"
            return AppReducer.startSearch(&state, debounce: 0)
        case "category":
            state.search.category = argument == "all" || argument.isEmpty ? nil : argument
            return AppReducer.startSearch(&state, debounce: 0)
        case "sort":
            let words = argument.split(separator: " ").map(String.init)
            let direction = words.count == 2 ? ["asc": false, "desc": true][words[1]] : nil
            if words.isEmpty || words == ["relevance"] {
                state.search.sort = nil
            } else if let key = SearchSort.Key(rawValue: words[0]), words.count == 1 || (words.count == 2 && direction != nil) {
                state.search.sort = SearchSort(key, descending: direction)
            } else {
                state.message = StatusMessage(
                    "sort: '\(argument)' is not an order: relevance, or name, publisher, version or updated, then asc or desc if you like",
                    severity: .error)
                return []
            }
            return AppReducer.startSearch(&state, debounce: 0)
        case "detail": return AppReducer.run(.showDetail, in: &state)
        case "revisions": return AppReducer.run(.showRevisions, in: &state)
        case "channels": return AppReducer.run(.showChannels, in: &state)
        case "queue": return AppReducer.run(.reviewQueue, in: &state)
        case "publishers":
            var effects = AppReducer.run(.publishers, in: &state)
            guard state.route == .publishers, !argument.isEmpty else { return effects }
            state.publishers.query = argument
            effects += AppReducer.scoped(&state, \.publishers) { list, step in ListPaneReducer.restart(&list, &step) }
            return effects
        case "publisher":
            if let reason = Availability.disabledReason(.publishers, in: state) {
                state.message = StatusMessage("Not allowed: \(reason).", severity: .error)
                return []
            }
            guard !argument.isEmpty else {
                state.message = StatusMessage("publisher: name a publisher (publisher NAME).", severity: .error)
                return []
            }
            return PublishersReducer.openPublisher(&state, argument)
        case "audit":
            if let reason = Availability.disabledReason(.audit, in: state) {
                state.message = StatusMessage("Not allowed: \(reason).", severity: .error)
                return []
            }
            return AuditReducer.open(&state, filter: argument.isEmpty ? nil : argument)
        case "keys": return AppReducer.run(.sshKeys, in: &state)
        case "theme":
            state.settings.theme = argument == "light" ? .light : .dark
            return []
        case "help": return AppReducer.run(.help, in: &state)
        case "quit", "q": return AppReducer.run(.quit, in: &state)
        default:
            state.message = StatusMessage("Unknown command '\(verb)'. Type : then Tab to see the commands.", severity: .error)
            return []
        }
    }
}

import Foundation

private extension Array where Element == AppEffect {
    /// These effects, after storing `palette` as the overlay.
    func withOverlay(_ palette: PaletteState, in state: inout AppState) -> [AppEffect] {
        state.overlay = .palette(palette)
        return self
    }
}

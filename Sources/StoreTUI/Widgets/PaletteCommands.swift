import StoreModels
import StoreService

/// The palette's verbs and what each completes: the model the palette's reducer and its overlay
/// both read.
enum PaletteCommands {
    /// Palette verbs and the arguments they complete.
    static let verbs: [(name: String, summary: String)] = [
        ("search", "search TEXT — search the catalogue"),
        ("open", "open NAME — open a package by name"),
        ("type", "type snap|charm|all — filter by type"),
        ("verified", "verified on|off — only verified publishers"),
        ("category", "category NAME|all — filter by category"),
        ("sort", "sort relevance|name|publisher|version|updated [asc|desc] — order results"),
        ("detail", "show the package detail"),
        ("revisions", "show the revisions table"),
        ("channels", "show the channel map"),
        ("queue", "the review queue (reviewers, admins)"),
        ("publishers", "publishers [TEXT] — find publishers (admins)"),
        ("publisher", "publisher NAME — one publisher (admins)"),
        ("audit", "audit [actor:X package:Y action:Z] — the audit log"),
        ("keys", "SSH keys for logging in over SSH"),
        ("theme", "theme dark|light"),
        ("help", "list the keys"),
        ("quit", "leave store-tui"),
    ]

    /// Completions for the text typed so far.
    static func completions(for text: String, state: AppState) -> [String] {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts.count <= 1 {
            let prefix = parts.first ?? ""
            return verbs.map(\.name).filter { $0.hasPrefix(prefix) }
        }
        let verb = parts[0], argument = parts[1]
        let options: [String]
        switch verb {
        case "type": options = ["all", "snap", "charm"]
        case "verified": options = ["on", "off"]
        case "sort": options = ["relevance"] + SearchSort.Key.allCases.flatMap { [$0.rawValue, "\($0.rawValue) asc", "\($0.rawValue) desc"] }
        case "theme": options = ["dark", "light"]
        case "category": options = ["all"] + state.categories
        case "open":
            // What the store found for the typed prefix first, then what the results list holds.
            var seen = Set<String>()
            let names = (state.overlay?.palette?.names ?? []) + state.search.list.items.prefix(200).map(\.name.rawValue)
            options = names.filter { seen.insert($0).inserted }
        case "publisher": options = state.publishers.list.items.prefix(200).map(\.username)
        case "audit": options = AuditFilter.keys.map { "\($0):" }
        default: options = []
        }
        return options.filter { $0.hasPrefix(argument) }.map { "\(verb) \($0)" }
    }

    /// The most completions shown at once; more scroll.
    static let visibleCompletions = 8
}

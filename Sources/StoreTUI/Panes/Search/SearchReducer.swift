import StoreModels
import StoreService

extension SearchState: FilterLinePane {
    static var filterText: WritableKeyPath<Self, String> { \.query }
    static var isEditingFilter: WritableKeyPath<Self, Bool> { \.isEditing }

    static var debounceMilliseconds: Int { SearchReducer.debounceMilliseconds }

    /// A new query also forgets an Enter waiting for the old one's results.
    mutating func filterChanged(_ step: inout PaneStep) {
        opensWhenLoaded = false
        ListPaneReducer.restart(&self, &step, debounceMilliseconds: Self.debounceMilliseconds)
    }

    func pageRequest(cursor: String?, ticket: Ticket, debounceMilliseconds: Int) -> AppEffect? {
        .search(storeQuery(cursor: cursor, limit: SearchReducer.pageSize), ticket, debounceMilliseconds: debounceMilliseconds)
    }
}

/// The search pane's logic, on its own state.
enum SearchReducer {
    /// Results per page.
    static let pageSize = 100
    /// How long typing must pause before a search goes out.
    static let debounceMilliseconds = 120

    /// Commands on the results list.
    static func run(_ command: Command, _ search: inout SearchState, _ step: inout PaneStep) {
        if command != .open { search.opensWhenLoaded = false }
        if ListPaneReducer.navigate(command, &search, &step) { return }
        switch command {
        case .open:
            if search.list.pending != nil, !search.list.isNextPage {
                // The rows shown answer the previous query: act on the answer to this one.
                search.opensWhenLoaded = true
                step.say("Opening the first result for '\(search.query)' when it arrives…")
                return
            }
            guard let selected = search.selected else { return }
            step.notice(.openPackage(selected.name, .detail))
        case .cycleType:
            let order: [PackageType?] = [nil, .snap, .charm]
            let index = order.firstIndex(of: search.type) ?? 0
            search.type = order[(index + 1) % order.count]
            ListPaneReducer.restart(&search, &step)
        case .toggleVerified:
            search.verifiedOnly.toggle()
            ListPaneReducer.restart(&search, &step)
        case .cycleSort:
            let cycle = SearchState.sortCycle
            let index = cycle.firstIndex { $0?.key == search.sort?.key } ?? 0
            search.sort = cycle[(index + 1) % cycle.count]
            step.say(search.sort.map { "Sorted by \(SearchState.describe($0)) · S reverses" } ?? "Sorted by relevance")
            ListPaneReducer.restart(&search, &step)
        case .reverseSort:
            guard let sort = search.sort else {
                step.say("Relevance has one direction: s picks another order first.")
                return
            }
            search.sort = sort.reversed
            step.say("Sorted by \(SearchState.describe(sort.reversed))")
            ListPaneReducer.restart(&search, &step)
        case .cycleCategory:
            // A picker with completion: typing narrows the store's categories, Enter applies.
            step.notice(.showForm(FormState(
                title: "Category", purpose: .category,
                fields: [.init("Category", text: "", hint: "Tab completes · empty or all: every category",
                               options: ["all"] + step.categories)],
                note: "Now: \(search.category ?? "all")")))
        default:
            break
        }
    }

    /// The category picker was submitted: filters by it (`all` or nothing clears the filter), or
    /// keeps the picker open when the store has no such category.
    static func submitCategory(_ form: FormState, _ search: inout SearchState, _ step: inout PaneStep) {
        let typed = form.value(0).trimmingCharacters(in: .whitespaces)
        let chosen = typed.isEmpty || typed == "all" ? nil : step.categories.first { $0.caseInsensitiveCompare(typed) == .orderedSame }
        guard typed.isEmpty || typed == "all" || chosen != nil else {
            step.notice(.refuseForm(form, "no category '\(typed)': Tab shows the store's categories"))
            return
        }
        search.category = chosen
        ListPaneReducer.restart(&search, &step)
    }

    /// A click on the field focuses it; on a result row selects it; on the selected row opens it.
    static func click(y: Int, _ search: inout SearchState, _ step: inout PaneStep) {
        if let clicked = ListPaneReducer.clickFiltered(&search, y: y, &step), clicked.wasHighlighted { run(.open, &search, &step) }
    }

    /// A search answer: replaces or extends the results if it answers the pending request; opens
    /// the first result when Enter was pressed before it arrived.
    static func loaded(_ ticket: Ticket, _ result: Result<Page<PackageSummary>, StoreError>, _ search: inout SearchState, _ step: inout PaneStep) {
        switch ListPaneReducer.loaded(&search, ticket, result, &step) {
        case .stale:
            break
        case .loaded:
            guard search.opensWhenLoaded else { return }
            search.opensWhenLoaded = false
            guard let first = search.list.items.first else {
                step.say("No package matches '\(search.query)'.", severity: .error)
                return
            }
            step.notice(.message(nil))
            step.notice(.openPackage(first.name, .detail))
        case .failed:
            search.opensWhenLoaded = false
        }
    }
}

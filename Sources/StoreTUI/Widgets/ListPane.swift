import StoreModels
import StoreService

/// A pane whose body is one ``PagedList``: search, the review queue, publishers and the audit log.
/// ``ListPaneReducer`` gives them all the same paging, moves and clicks.
protocol ListPane {
    associatedtype Item: Hashable & Sendable
    /// The list.
    var list: PagedList<Item> { get set }
    /// The request for the page starting at `cursor` (`nil`: the first), or `nil` when none can go
    /// out now (a filter line that does not parse).
    func pageRequest(cursor: String?, ticket: Ticket, debounceMilliseconds: Int) -> AppEffect?
    /// How a next page joins what is loaded (panes whose pages may overlap drop repeats).
    static func merge(_ loaded: [Item], _ page: [Item]) -> [Item]
    /// Whether a first page that replaces the items keeps the highlighted row (a reload in place)
    /// rather than returning to the top (a new query).
    static var reloadKeepsPlace: Bool { get }
    /// How many rows beyond those shown may remain before the next page is asked for.
    static var prefetchDistance: Int { get }
}

extension ListPane {
    static func merge(_ loaded: [Item], _ page: [Item]) -> [Item] { loaded + page }
    static var reloadKeepsPlace: Bool { false }
    static var prefetchDistance: Int { 30 }
}

/// The logic every ``ListPane`` shares, written once: loading the first page, paging as the
/// highlight nears the end, `G` to the true end, moves by row and page, and clicks on rows.
enum ListPaneReducer {
    /// Handles a move (arrows, pages, Home, End); returns `false` for any other command.
    static func navigate<Pane: ListPane>(_ command: Command, _ pane: inout Pane, _ step: inout PaneStep) -> Bool {
        if command != .bottom { pane.list.seeksEnd = false }
        let rows = step.layout.listRows
        switch command {
        case .moveUp: move(&pane, by: -1, &step)
        case .moveDown: move(&pane, by: 1, &step)
        case .pageUp: move(&pane, by: -rows, &step)
        case .pageDown: move(&pane, by: rows, &step)
        case .top: move(&pane, by: -pane.list.items.count, &step)
        case .bottom:
            // The true end: the remaining pages load one after another (see PagedList.seeksEnd).
            pane.list.seeksEnd = true
            seekEnd(&pane, &step)
        default: return false
        }
        return true
    }

    /// Moves the highlight and asks for the next page when it nears the end of what is loaded.
    static func move<Pane: ListPane>(_ pane: inout Pane, by delta: Int, _ step: inout PaneStep) {
        pane.list.move(by: delta, rows: step.layout.listRows)
        prefetch(&pane, &step)
    }

    /// Loads the first page again (a new query or filter), the highlight back at the top.
    static func restart<Pane: ListPane>(_ pane: inout Pane, _ step: inout PaneStep, debounceMilliseconds: Int = 0) {
        pane.list.highlighted = 0
        pane.list.scroll = 0
        load(&pane, cursor: nil, &step, debounceMilliseconds: debounceMilliseconds)
    }

    /// Asks for the page at `cursor` (`nil`: the first, whose answer replaces the items).
    static func load<Pane: ListPane>(_ pane: inout Pane, cursor: String?, _ step: inout PaneStep, debounceMilliseconds: Int = 0) {
        let ticket = step.ticket()
        guard let effect = pane.pageRequest(cursor: cursor, ticket: ticket, debounceMilliseconds: debounceMilliseconds) else {
            pane.list.cancel()
            return
        }
        pane.list.request(ticket, nextPage: cursor != nil)
        step.run(effect)
    }

    /// Asks for the next page when the highlight is within the prefetch distance of the end.
    static func prefetch<Pane: ListPane>(_ pane: inout Pane, _ step: inout PaneStep) {
        guard let cursor = pane.list.cursorToPrefetch(within: Pane.prefetchDistance + step.layout.listRows) else { return }
        load(&pane, cursor: cursor, &step)
    }

    /// Moves toward the true end: the highlight to the last item loaded, and the next page asked for.
    static func seekEnd<Pane: ListPane>(_ pane: inout Pane, _ step: inout PaneStep) {
        guard let cursor = pane.list.continueToEnd(rows: step.layout.listRows) else { return }
        load(&pane, cursor: cursor, &step)
    }

    /// Takes a page answer: tells the app it succeeded or failed, and keeps paging toward the end
    /// (after `G`) or ahead of the highlight.
    @discardableResult
    static func loaded<Pane: ListPane>(
        _ pane: inout Pane, _ ticket: Ticket, _ result: Result<Page<Pane.Item>, StoreError>, _ step: inout PaneStep
    ) -> PagedList<Pane.Item>.Answer {
        let highlighted = pane.list.highlighted
        let isFirstPage = !pane.list.isNextPage
        let answer = pane.list.take(ticket, result, merge: Pane.merge)
        switch answer {
        case .stale:
            break
        case .loaded:
            if isFirstPage, Pane.reloadKeepsPlace {
                pane.list.highlighted = min(highlighted, max(0, pane.list.items.count - 1))
            }
            pane.list.follow(rows: step.layout.listRows)
            step.notice(.storeAnswered)
            if pane.list.seeksEnd { seekEnd(&pane, &step) } else { prefetch(&pane, &step) }
        case .failed(let error):
            step.notice(.storeFailed(error))
        }
        return answer
    }

    /// Re-asks for what failed last: the next page if that was it, else the first.
    static func retry<Pane: ListPane>(_ pane: inout Pane, _ step: inout PaneStep) {
        guard pane.list.error != nil || !pane.list.hasLoaded, pane.list.pending == nil else { return }
        load(&pane, cursor: pane.list.hasLoaded ? pane.list.nextCursor : nil, &step)
    }

    /// A click on screen row `y`: highlights the item drawn there and returns its index, or `nil`
    /// when the row shows no item. Clicking the highlighted item again is the caller's to act on.
    static func click<Pane: ListPane>(_ pane: inout Pane, y: Int, _ step: inout PaneStep) -> (index: Int, wasHighlighted: Bool)? {
        guard let row = step.layout.listRow(atScreenRow: y), let index = pane.list.index(atVisibleRow: row) else { return nil }
        let wasHighlighted = index == pane.list.highlighted
        pane.list.highlighted = index
        prefetch(&pane, &step)
        return (index, wasHighlighted)
    }
}

/// A ``ListPane`` with a filter line above its list (search, publishers, the audit log): typing
/// filters again after a pause, and a click on the toolbar focuses the line.
protocol FilterLinePane: ListPane {
    /// Where the line's text is kept.
    static var filterText: WritableKeyPath<Self, String> { get }
    /// Where the pane keeps whether keystrokes go to the line.
    static var isEditingFilter: WritableKeyPath<Self, Bool> { get }
    /// How long typing must pause before the list loads again.
    static var debounceMilliseconds: Int { get }
    /// Loads the list again for the changed text.
    mutating func filterChanged(_ step: inout PaneStep)
    /// What Tab offers for the line's last word (none by default: Tab leaves the line).
    static func completions(ofLastWord text: String) -> [String]
}

extension FilterLinePane {
    /// By default: the first page again, the highlight at the top, after the pause.
    mutating func filterChanged(_ step: inout PaneStep) {
        ListPaneReducer.restart(&self, &step, debounceMilliseconds: Self.debounceMilliseconds)
    }

    static func completions(ofLastWord text: String) -> [String] { [] }
}

extension ListPaneReducer {
    /// Keys while a pane's filter line has focus.
    static func editKey<Pane: FilterLinePane>(_ key: Key, _ pane: inout Pane, _ step: inout PaneStep) {
        var text = pane[keyPath: Pane.filterText], isEditing = pane[keyPath: Pane.isEditingFilter]
        if key == .tab, isEditing, let completed = FilterCompletion.complete(text, Pane.completions(ofLastWord: text)) {
            pane[keyPath: Pane.filterText] = completed.text
            if let choices = completed.choices { step.say("Tab: " + choices) }
            if completed.text != text { pane.filterChanged(&step) }
            return
        }
        let outcome = FilterLine.edit(key, text: &text, isEditing: &isEditing)
        pane[keyPath: Pane.filterText] = text
        pane[keyPath: Pane.isEditingFilter] = isEditing
        switch outcome {
        case .edited: pane.filterChanged(&step)
        case .quit: step.notice(.quit)
        case .none: break
        }
    }

    /// The commands every filtered pane takes alike: moves, Esc (back) and `f` (the filter line);
    /// returns `false` for the pane's own commands.
    static func runCommon<Pane: FilterLinePane>(_ command: Command, _ pane: inout Pane, _ step: inout PaneStep) -> Bool {
        if navigate(command, &pane, &step) { return true }
        switch command {
        case .back: step.notice(.back)
        case .editFilter: pane[keyPath: Pane.isEditingFilter] = true
        default: return false
        }
        return true
    }

    /// A click on a filtered pane: the toolbar focuses the line; a row is highlighted and returned
    /// as ``click(_:y:_:)`` does.
    static func clickFiltered<Pane: FilterLinePane>(_ pane: inout Pane, y: Int, _ step: inout PaneStep) -> (index: Int, wasHighlighted: Bool)? {
        if step.layout.isToolbar(row: y) {
            pane[keyPath: Pane.isEditingFilter] = true
            return nil
        }
        return click(&pane, y: y, &step)
    }
}

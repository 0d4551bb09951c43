import StoreModels
import StoreService

extension AuditState: FilterLinePane {
    static var filterText: WritableKeyPath<Self, String> { \.filter }
    static var isEditingFilter: WritableKeyPath<Self, Bool> { \.isEditing }

    static var debounceMilliseconds: Int { AuditReducer.debounceMilliseconds }

    static func completions(ofLastWord text: String) -> [String] { AuditFilter.completions(ofLastWord: text) }

    /// A line that does not parse loads nothing and says why.
    mutating func filterChanged(_ step: inout PaneStep) {
        AuditReducer.restart(&self, &step, debounce: Self.debounceMilliseconds)
    }

    /// The page's request; `nil` while the filter line does not parse.
    func pageRequest(cursor: String?, ticket: Ticket, debounceMilliseconds: Int) -> AppEffect? {
        guard case .success(let filter) = AuditFilter.parse(self.filter) else { return nil }
        return .loadAudit(filter.query(cursor: cursor, limit: AuditReducer.pageSize), ticket, debounceMilliseconds: debounceMilliseconds)
    }

    /// Entries written while the log is read may repeat across pages: each shows once.
    static func merge(_ loaded: [AuditEvent], _ page: [AuditEvent]) -> [AuditEvent] {
        let known = Set(loaded.map(\.id))
        return loaded + page.filter { !known.contains($0.id) || $0.id == 0 }
    }
}

/// The audit log's logic, on its own state: the filter line (debounced like the search field),
/// cursor paging, and undo of a channel-map change.
enum AuditReducer {
    static let pageSize = 100
    static let debounceMilliseconds = 150
    /// Rows of the detail box under the list.
    static let detailRows = 4

    /// Shows the audit log (optionally with a filter) and loads its first page.
    static func open(_ state: inout AppState, filter: String?) -> [AppEffect] {
        var audit = AuditState()
        if let filter { audit.filter = filter }
        let effects = AppReducer.push(&state, .audit(audit))
        if let filter { state.audit.filter = filter }
        return effects + AppReducer.scoped(&state, \.audit) { audit, step in restart(&audit, &step, debounce: 0) }
    }

    /// Loads the first page for the filter line, or says why the line does not parse.
    static func restart(_ audit: inout AuditState, _ step: inout PaneStep, debounce: Int) {
        switch AuditFilter.parse(audit.filter) {
        case .failure(let error):
            audit.filterError = error.message
            audit.list.cancel()
            step.run(.cancel(.audit))
        case .success:
            audit.filterError = nil
            ListPaneReducer.restart(&audit, &step, debounceMilliseconds: debounce)
        }
    }

    static func run(_ command: Command, _ audit: inout AuditState, _ step: inout PaneStep) {
        if ListPaneReducer.runCommon(command, &audit, &step) { return }
        if command == .undoRelease { undo(audit, &step) }
    }

    /// Undoes the highlighted channel-map change: asks the app to open its package and, once the
    /// map and revisions are loaded, preview the plan that restores the map the entry recorded as
    /// "before".
    static func undo(_ audit: AuditState, _ step: inout PaneStep) {
        guard let event = audit.selected, event.objectKind == .channelMap,
              let packageText = event.package, let name = try? PackageName(packageText)
        else {
            step.say("Select a release, promotion or close to undo it (u).", severity: .error)
            return
        }
        guard let before = event.beforePayload?.releases, let after = event.afterPayload?.releases else {
            step.say("This audit entry does not record the channel map before and after the change.", severity: .error)
            return
        }
        let description = "audit event \(event.id) (\(event.action) by \(event.actor))"
        step.notice(.undoTo(name, UndoStep(before: ChannelMap(releases: before), after: ChannelMap(releases: after), description: description)))
    }

    static func click(y: Int, _ audit: inout AuditState, _ step: inout PaneStep) {
        _ = ListPaneReducer.clickFiltered(&audit, y: y, &step)
    }
}

import StoreModels
import StoreService

/// The search pane: query, filters, the loaded window of results and the selection.
public struct SearchState: Hashable, Sendable {
    public var query = ""
    /// Whether keystrokes go to the query field.
    public var isEditing = false
    public var type: PackageType?
    public var category: String?
    public var verifiedOnly = false
    /// Results loaded so far (pages appended as the highlight nears the end) and the highlighted one.
    public var list = PagedList<PackageSummary>()
    /// Enter was pressed while the results of what was typed were still on their way: the first of
    /// them opens when they arrive (the rows shown belong to the previous query).
    public var opensWhenLoaded = false

    public init() {}

    /// The query the store is asked, for the first page or with a cursor.
    public func storeQuery(cursor: String? = nil, limit: Int = 100) -> SearchQuery {
        SearchQuery(text: query, type: type, category: category, verifiedOnly: verifiedOnly, cursor: cursor, limit: limit)
    }

    /// The selected package, if any.
    public var selected: PackageSummary? { list.highlightedItem }

    /// A one-line description of the filters in force.
    public var filterSummary: String {
        var parts: [String] = []
        parts.append("type: \(type?.rawValue ?? "all")")
        if let category { parts.append("category: \(category)") }
        if verifiedOnly { parts.append("verified only") }
        return parts.joined(separator: " · ")
    }
}

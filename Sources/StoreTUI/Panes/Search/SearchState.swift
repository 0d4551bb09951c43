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
    /// The order of the results; `nil` is relevance (by name without text).
    public var sort: SearchSort?
    /// Results loaded so far (pages appended as the highlight nears the end) and the highlighted one.
    public var list = PagedList<PackageSummary>()
    /// Enter was pressed while the results of what was typed were still on their way: the first of
    /// them opens when they arrive (the rows shown belong to the previous query).
    public var opensWhenLoaded = false

    public init() {}

    /// The query the store is asked, for the first page or with a cursor.
    public func storeQuery(cursor: String? = nil, limit: Int = 100) -> SearchQuery {
        SearchQuery(text: query, type: type, category: category, verifiedOnly: verifiedOnly, sort: sort, cursor: cursor, limit: limit)
    }

    /// The selected package, if any.
    public var selected: PackageSummary? { list.highlightedItem }

    /// A one-line description of the filters in force.
    public var filterSummary: String {
        var parts: [String] = []
        parts.append("type: \(type?.rawValue ?? "all")")
        if let category { parts.append("category: \(category)") }
        if verifiedOnly { parts.append("verified only") }
        if let sort { parts.append("by \(SearchState.describe(sort))") }
        return parts.joined(separator: " · ")
    }

    /// The orders `s` steps through: relevance, then each key in its usual direction.
    public static let sortCycle: [SearchSort?] = [nil] + SearchSort.Key.allCases.map { SearchSort($0) }

    /// `updated ↓`, `name ↑`.
    public static func describe(_ sort: SearchSort) -> String {
        "\(sort.key.rawValue) \(sort.descending ? "↓" : "↑")"
    }
}

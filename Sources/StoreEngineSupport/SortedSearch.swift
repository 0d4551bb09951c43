import Foundation
import StoreModels
import StoreService

/// How every engine runs a search in an explicit order (``SearchSort``): the column it orders by,
/// the direction, and the cursor after each row. The engines differ only in SQL dialect.
///
/// The order is the key, then the name, both in the sort's direction: a total order, so keyset
/// paging (`(key, name) > (last key, last name)`) neither skips nor repeats a package while others
/// are added or released between pages.
package struct SortedSearch: Sendable {
    package var sort: SearchSort

    package init(_ sort: SearchSort) { self.sort = sort }

    /// The ordering column, on the package alias `p` and its owner's account alias `a`; `nil` when
    /// the order is by name alone.
    package var keyColumn: String? {
        switch sort.key {
        case .name: nil
        case .publisher: "a.username"
        case .version: "p.version_key"
        case .updated: "p.updated_us"
        }
    }

    /// Whether the key is a number (microseconds) rather than text.
    package var keyIsNumber: Bool { sort.key == .updated }

    /// `ASC` or `DESC`.
    package var direction: String { sort.descending ? "DESC" : "ASC" }

    /// The comparison that selects rows after a cursor in this direction.
    package var after: String { sort.descending ? "<" : ">" }

    /// The cursor after `summary`, whose row held `key` in the ordering column.
    package func cursor(after summary: PackageSummary, key: String?) -> SearchCursor {
        SearchCursor(mode: .sorted, name: summary.name.rawValue, sort: sort.parameter, key: keyColumn == nil ? nil : key ?? "")
    }

    /// The cursor's key as the statement binds it: an integer for dates, text otherwise.
    /// - Throws: `.invalidInput` for a cursor whose key is not one this order wrote.
    package func boundKey(of cursor: SearchCursor) throws(StoreError) -> PackageSortValue {
        guard keyColumn != nil else { return .text(cursor.name) }
        guard let key = cursor.key else { throw .invalidInput("the page cursor is damaged; start the search again") }
        if keyIsNumber {
            guard let number = Int64(key) else { throw .invalidInput("the page cursor is damaged; start the search again") }
            return .number(number)
        }
        return .text(key)
    }
}

/// A sort key as a statement binds it.
package enum PackageSortValue: Sendable, Equatable {
    case text(String)
    case number(Int64)
}

/// The sort keys a `packages` row stores for ``SortedSearch``, derived here once for every engine
/// and every path that writes the row (registration, import, release).
package enum PackageSortKeys {
    /// `date` in whole microseconds since 1970, as `packages.updated_us` holds it.
    package static func micros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
    }

    /// The date `packages.updated_us` holds.
    package static func date(micros: Int64) -> Date {
        Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    /// When a package last changed for ``SearchSort/Key/updated``, as imported: its newest release,
    /// or its registration if nothing is released.
    package static func updated(map: ChannelMap, createdAt: Date) -> Int64 {
        micros(max(createdAt, map.releases.map(\.releasedAt).max() ?? createdAt))
    }

    /// The key of the version search results show (``VersionOrder``).
    package static func version(_ latestStableVersion: String?) -> String {
        VersionOrder.sortKey(latestStableVersion)
    }
}

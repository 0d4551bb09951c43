import StoreModels
import StoreService

/// The one check every text a caller brings to a query passes before it reaches SQL, on every engine.
///
/// Free text that is searched (search words, a publisher filter) has its control characters (NUL
/// included) and bidirectional controls turned into spaces: they separate words, as whitespace does,
/// and no engine then sees them (SQLite's FTS5 ends a string at NUL, PostgreSQL refuses NUL in
/// text). Exact filters (a category, a publisher, an audit actor or action) cannot match stored text
/// with such characters, so they are refused with a sentence naming the filter.
package enum QueryValidation {
    /// The longest search text accepted.
    package static let maximumSearchLength = 256
    /// The longest exact filter value accepted.
    package static let maximumFilterLength = 256

    /// Search text as engines may use it: controls become spaces.
    /// - Throws: `.invalidInput` when it is longer than ``maximumSearchLength`` characters.
    package static func searchText(_ text: String, what: String = "search text") throws(StoreError) -> String {
        guard text.count <= maximumSearchLength else {
            throw .invalidInput("the \(what) is longer than \(maximumSearchLength) characters; shorten it")
        }
        guard text.unicodeScalars.contains(where: VisibleText.isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { VisibleText.isControl($0) ? " " : $0 }))
    }

    /// An exact filter value, unchanged.
    /// - Throws: `.invalidInput` naming `filter` when it holds a control character or is too long.
    package static func filter(_ value: String?, _ filter: String) throws(StoreError) -> String? {
        guard let value else { return nil }
        guard value.count <= maximumFilterLength else {
            throw .invalidInput("the \(filter) filter is longer than \(maximumFilterLength) characters")
        }
        guard !value.unicodeScalars.contains(where: VisibleText.isControl) else {
            throw .invalidInput("the \(filter) filter contains a control character; no \(filter) has one")
        }
        return value
    }
}

extension SearchQuery {
    /// The query with its text made searchable and its filters checked (``QueryValidation``).
    package func validated() throws(StoreError) -> SearchQuery {
        var query = self
        query.text = try QueryValidation.searchText(text)
        query.category = try QueryValidation.filter(category, "category")
        query.publisher = try QueryValidation.filter(publisher, "publisher")
        return query
    }
}

extension AuditQuery {
    /// The query with its filters checked (``QueryValidation``).
    package func validated() throws(StoreError) -> AuditQuery {
        var query = self
        query.actor = try QueryValidation.filter(actor, "actor")
        query.package = try QueryValidation.filter(package, "package")
        query.publisher = try QueryValidation.filter(publisher, "publisher")
        query.action = try QueryValidation.filter(action, "action")
        query.text = try QueryValidation.filter(text, "text")?.lowercased()
        return query
    }
}

extension RevisionQuery {
    /// The query with its filters checked (``QueryValidation``).
    package func validated() throws(StoreError) -> RevisionQuery {
        var query = self
        if let architecture {
            query.architecture = Architecture(rawValue: try QueryValidation.filter(architecture.rawValue, "architecture") ?? "")
        }
        query.reviewStatus = try QueryValidation.filter(reviewStatus, "review status")
        return query
    }
}

import StoreModels
import StoreService

/// The audit log: a filter line (`actor:alice package:hello-world action:review.`) and every
/// change, newest first, paged by cursor.
public struct AuditState: Hashable, Sendable {
    public var filter = ""
    /// Whether keystrokes go to the filter line.
    public var isEditing = false
    /// Why the filter line does not parse (no request goes out until it does).
    public var filterError: String?
    /// The events loaded so far, newest first, and the highlighted one.
    public var list = PagedList<AuditEvent>()

    public init() {}

    /// The highlighted event.
    public var selected: AuditEvent? { list.highlightedItem }
}

/// The parsed filter line.
public struct AuditFilter: Hashable, Sendable {
    public var actor: String?
    public var package: String?
    public var publisher: String?
    /// An exact action, or a prefix ending in `.` (`review.`).
    public var action: String?
    /// Words without a key: any part of the actor, package or object.
    public var text: String?

    /// The filters written as `key:value` words.
    public static let keys = ["actor", "package", "action", "publisher"]

    /// Parses `actor:alice package:hello-world action:review.`: actor and package match their
    /// start, an action without a `.` that names a group (`review`) matches the whole group, and bare
    /// words match any part of the actor, package or object.
    /// - Returns: the filter, or why a word is not understood.
    public static func parse(_ text: String) -> Result<AuditFilter, AuditFilterError> {
        var filter = AuditFilter()
        var words: [String] = []
        for word in text.split(separator: " ") {
            guard let colon = word.firstIndex(of: ":") else {
                words.append(String(word))
                continue
            }
            let key = word[..<colon].lowercased()
            let value = String(word[word.index(after: colon)...])
            guard !value.isEmpty else { return .failure(AuditFilterError(message: "'\(key):' needs a value")) }
            switch key {
            case "actor", "by": filter.actor = value
            case "package", "pkg": filter.package = value
            case "action": filter.action = actionGroups.contains(value) ? value + "." : value
            case "publisher": filter.publisher = value
            default:
                return .failure(AuditFilterError(message: "unknown filter '\(key)': use actor:, package:, action: or publisher:"))
            }
        }
        if !words.isEmpty { filter.text = words.joined(separator: " ") }
        return .success(filter)
    }

    /// Action groups a filter may name alone (`action:review` is every `review.…` action).
    public static var actionGroups: Set<String> { AuditActions.groups }

    /// Tab on the filter line: completions of its last word (`action:re` → `action:release`,
    /// `action:review`, …; `ac` → `action:`).
    public static func completions(ofLastWord text: String) -> [String] {
        let word = text.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard let colon = word.firstIndex(of: ":") else {
            return word.isEmpty ? [] : keys.filter { $0.hasPrefix(word.lowercased()) }.map { $0 + ":" }
        }
        guard word[..<colon].lowercased() == "action" else { return [] }
        return AuditActions.completing(String(word[word.index(after: colon)...])).map { "action:" + $0 }
    }

    /// The store query for a page.
    public func query(cursor: String?, limit: Int) -> AuditQuery {
        AuditQuery(actor: actor, package: package, publisher: publisher, action: action, text: text, cursor: cursor, limit: limit)
    }
}

/// Why a filter line does not parse.
public struct AuditFilterError: Error, Hashable, Sendable {
    public var message: String
}

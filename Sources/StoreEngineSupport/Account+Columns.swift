import StoreModels
import StoreService

/// The columns of `accounts` the models are read from.
///
/// Queries that join accounts alias these columns with a prefix (`a_username`) so they never
/// collide with the package's own `id` or `status`.
package enum AccountColumns {
    /// The column names.
    package static let names = ["id", "username", "display_name", "role", "validation", "status", "suspended_reason", "email"]

    /// `a.id AS a_id, a.username AS a_username, …` for a join.
    package static func selection(_ alias: String, prefix: String) -> String {
        names.map { "\(alias).\($0) AS \(prefix)\($0)" }.joined(separator: ", ")
    }
}

extension Publisher {
    /// The publisher in an `accounts` row, its columns named `prefix` + column.
    package init(columns row: some ColumnReading, prefix: String = "") throws {
        let status = try row.string(prefix + "status")
        let reason = try row.optionalString(prefix + "suspended_reason")
        self.init(
            id: try row.string(prefix + "id"),
            username: try row.string(prefix + "username"),
            displayName: try row.string(prefix + "display_name"),
            validation: Publisher.Validation(rawValue: try row.string(prefix + "validation")) ?? .unproven,
            status: status == "suspended" ? .suspended(reason: reason ?? "") : .active)
    }
}

extension PublisherSummary {
    /// The publisher summary in an `accounts` row, its columns named `prefix` + column.
    package init(columns row: some ColumnReading, prefix: String = "") throws {
        let publisher = try Publisher(columns: row, prefix: prefix)
        self.init(
            id: publisher.id, username: publisher.username, displayName: publisher.displayName,
            validation: publisher.validation)
    }
}

extension Identity.Account {
    /// The account in an `accounts` row, with the account's role, its columns named `prefix` + column.
    package init(columns row: some ColumnReading, prefix: String = "") throws {
        let roleWord = try row.string(prefix + "role")
        let status = try row.string(prefix + "status")
        self.init(
            id: try row.string(prefix + "id"),
            username: try row.string(prefix + "username"),
            displayName: try row.string(prefix + "display_name"),
            role: Role(rawValue: roleWord) ?? .viewer,
            isSuspended: status == "suspended",
            email: (try? row.optionalString(prefix + "email")) ?? nil)
    }
}

import Foundation
import PostgresNIO
import StoreEngineSupport

/// A statement built piece by piece, with its parameters numbered as they are bound.
///
/// Values only ever reach PostgreSQL as parameters (`$1`, `$2`…); the SQL text is assembled from
/// the engine's own fragments, never from user input.
struct Statement: Sendable {
    private(set) var sql: String
    private(set) var bindings = PostgresBindings()

    init(_ sql: String = "") { self.sql = sql }

    /// Appends SQL text written by the engine.
    mutating func append(_ fragment: String) { sql += fragment }

    /// Binds `value` and returns its placeholder (`$n`).
    mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Binds an optional value (NULL when `nil`) and returns its placeholder.
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value?) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Binds text; PostgreSQL cannot store NUL (U+0000), in text or as a JSON escape, so it
    /// becomes U+FFFD (SQLite keeps it; the console shows both as a placeholder).
    mutating func bind(_ value: String) -> String {
        bindings.append(Self.storable(value))
        return "$\(bindings.count)"
    }

    /// Binds optional text (NULL when `nil`), NUL replaced as in `bind(_: String)`.
    mutating func bind(_ value: String?) -> String {
        bindings.append(value.map(Self.storable))
        return "$\(bindings.count)"
    }

    /// `text` with NUL characters (raw, or JSON-escaped as `\u0000`) replaced by U+FFFD.
    static func storable(_ text: String) -> String { StorableText.replacingNUL(text) }

    /// The query to send.
    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}

/// A connection lent to one operation (usually inside a transaction), with row helpers.
struct Database: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// All rows of `query`.
    func rows(_ query: PostgresQuery) async throws -> [Row] {
        try await connection.query(query, logger: logger).collect().map(Row.init)
    }

    /// All rows of a built statement.
    func rows(_ statement: Statement) async throws -> [Row] {
        try await rows(statement.query)
    }

    /// The first row of `query`, if any.
    func row(_ query: PostgresQuery) async throws -> Row? {
        try await rows(query).first
    }

    /// The first column of the first row, decoded; `nil` when there is no row or it is NULL.
    func scalar<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type = Value.self) async throws -> Value? {
        guard let row = try await connection.query(query, logger: logger).collect().first,
              let cell = row.first, cell.bytes != nil
        else { return nil }
        return try cell.decode(Value.self)
    }

    /// The first column of every row, decoded.
    func column<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type = Value.self) async throws -> [Value] {
        try await connection.query(query, logger: logger).collect().compactMap { row in
            try row.first.map { try $0.decode(Value.self) }
        }
    }

    /// Runs `query`, discarding any rows.
    func execute(_ query: PostgresQuery) async throws {
        _ = try await connection.query(query, logger: logger).collect()
    }

    /// Runs a built statement, discarding any rows.
    func execute(_ statement: Statement) async throws {
        try await execute(statement.query)
    }
}

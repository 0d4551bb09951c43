import PostgresNIO
import StoreModels
import StoreService

/// Reading and writing `revisions` rows.
enum RevisionRecord {
    /// The revision in a `SELECT r.*` row.
    static func revision(_ row: Row) throws -> Revision {
        let statusWord = try row.value("review_status", as: String.self)
        let note = try row.value("review_note", as: String?.self)
        let confinement = try row.value("confinement", as: String?.self)
        let grade = try row.value("grade", as: String?.self)
        let checks = try row.value("checks", as: String.self)
        return Revision(
            number: try row.int("number"),
            version: try row.value("version"),
            architectures: try row.strings("architectures").map(Architecture.init(rawValue:)),
            base: try row.value("base"),
            size: try row.value("size"),
            sha3_384: try row.value("sha3_384"),
            createdAt: try row.date("created_at"),
            uploader: try row.value("uploader"),
            confinement: confinement.flatMap(Revision.Confinement.init(rawValue:)),
            grade: grade.flatMap(Revision.Grade.init(rawValue:)),
            permissions: try row.strings("permissions"),
            review: ReviewStatus(word: statusWord, note: note) ?? .pending,
            checks: checks == "[]" ? [] : try JSONColumn.decode([CheckResult].self, from: checks))
    }

    /// Inserts `revision` for the package with key `packagePK`.
    static func insert(_ revision: Revision, packagePK: Int64, _ db: Database) async throws {
        let checks = revision.checks.isEmpty ? "[]" : try JSONColumn.encode(revision.checks)
        try await db.execute("""
            INSERT INTO revisions (package_pk, number, version, architectures, base, size, sha3_384, created_at,
                uploader, confinement, grade, permissions, review_status, review_note, checks)
            VALUES (\(packagePK), \(revision.number), \(revision.version),
                \(JSONColumn.encode(strings: revision.architectures.map(\.rawValue)))::jsonb, \(revision.base),
                \(revision.size), \(revision.sha3_384), \(revision.createdAt.timestamp), \(revision.uploader),
                \(revision.confinement?.rawValue), \(revision.grade?.rawValue),
                \(JSONColumn.encode(strings: revision.permissions))::jsonb, \(revision.review.word),
                \(revision.review.note), \(checks)::jsonb)
            """)
    }

    /// The package's revision `number`, if any.
    static func fetch(packagePK: Int64, number: Int, _ db: Database) async throws -> Revision? {
        try await db.row("SELECT * FROM revisions WHERE package_pk = \(packagePK) AND number = \(number)").map(revision)
    }

    /// The package's newest revision numbered below `number` (or the newest of all when `nil`).
    static func newest(packagePK: Int64, below number: Int? = nil, _ db: Database) async throws -> Revision? {
        try await db.row("""
            SELECT * FROM revisions WHERE package_pk = \(packagePK) AND number < \(number ?? Int(Int32.max))
            ORDER BY number DESC LIMIT 1
            """).map(revision)
    }

    /// The package's revisions with these numbers, by number.
    static func revisions(_ numbers: Set<Int>, packagePK: Int64, _ db: Database) async throws -> [Int: Revision] {
        guard !numbers.isEmpty else { return [:] }
        let rows = try await db.rows("""
            SELECT * FROM revisions WHERE package_pk = \(packagePK) AND number = ANY(\(numbers.sorted())::int8[])
            """)
        var revisions: [Int: Revision] = [:]
        for row in rows {
            let revision = try revision(row)
            revisions[revision.number] = revision
        }
        return revisions
    }
}

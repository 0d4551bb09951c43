import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

/// Reading and writing `revisions` rows.
enum RevisionRecord {
    /// The revision in a `SELECT r.*` row.
    static func revision(_ row: Row) throws -> Revision { try Revision(columns: row) }

    /// Inserts `revision` for the package with key `packagePK`.
    static func insert(_ revision: Revision, packagePK: Int64, file: RevisionFile? = nil, _ db: Database) async throws {
        let checks = revision.checks.isEmpty ? "[]" : try JSONColumn.encode(revision.checks)
        let epoch = try revision.epochColumn
        try await db.execute("""
            INSERT INTO revisions (package_pk, number, version, architectures, base, size, sha3_384, created_at,
                uploader, confinement, grade, permissions, review_status, review_note, checks, epoch, file, sha256,
                metadata_yaml, config_yaml)
            VALUES (\(packagePK), \(revision.number), \(revision.version),
                \(JSONColumn.encode(strings: revision.architectures.map(\.rawValue)))::jsonb, \(revision.base),
                \(revision.size), \(revision.sha3_384), \(revision.createdAt.timestamp), \(revision.uploader),
                \(revision.confinement?.rawValue), \(revision.grade?.rawValue),
                \(JSONColumn.encode(strings: revision.permissions))::jsonb, \(revision.review.word),
                \(revision.review.note), \(checks)::jsonb, \(epoch), \(file?.column), \(revision.charmFile?.sha256),
                \(revision.charmFile?.metadataYAML), \(revision.charmFile?.configYAML))
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
    /// The revisions numbered `wanted[pk]` of each package key `pk`, in one statement, by package key and number.
    static func revisions(_ wanted: [Int64: Set<Int>], _ db: Database) async throws -> [Int64: [Int: Revision]] {
        var keys: [Int64] = []
        var numbers: [Int64] = []
        for (pk, wanted) in wanted {
            for number in wanted {
                keys.append(pk)
                numbers.append(Int64(number))
            }
        }
        guard !keys.isEmpty else { return [:] }
        let rows = try await db.rows("""
            SELECT r.* FROM unnest(\(keys)::int8[], \(numbers)::int8[]) AS w(package_pk, number)
            JOIN revisions r ON r.package_pk = w.package_pk AND r.number = w.number
            """)
        var revisions: [Int64: [Int: Revision]] = [:]
        for row in rows {
            let revision = try revision(row)
            revisions[try row.int64("package_pk"), default: [:]][revision.number] = revision
        }
        return revisions
    }

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

import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

/// Reading and writing `revisions` rows.
enum RevisionRecord {
    /// The revision in a `SELECT r.*` row.
    static func revision(_ row: Row) throws -> Revision { try Revision(columns: row) }

    /// Inserts `revision` for the package with key `packagePK`.
    static func insert(_ revision: Revision, packagePK: Int64, file: RevisionFile? = nil, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO revisions (package_pk, number, version, architectures, base, size, sha3_384, created_at,
                uploader, confinement, grade, permissions, review_status, review_note, checks, epoch, file, sha256,
                metadata_yaml, config_yaml)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let checks = revision.checks.isEmpty ? "[]" : try JSONColumn.encode(revision.checks)
        try statement.execute(arguments: [
            packagePK, revision.number, revision.version,
            JSONColumn.encode(strings: revision.architectures.map(\.rawValue)), revision.base, revision.size,
            revision.sha3_384, revision.createdAt.databaseValue, revision.uploader, revision.confinement?.rawValue,
            revision.grade?.rawValue, JSONColumn.encode(strings: revision.permissions), revision.review.word,
            revision.review.note, checks, try revision.epochColumn, file?.column, revision.charmFile?.sha256,
            revision.charmFile?.metadataYAML, revision.charmFile?.configYAML,
        ])
    }

    /// The package's revision `number`, if any.
    static func fetch(packagePK: Int64, number: Int, _ db: Database) throws -> Revision? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM revisions WHERE package_pk = ? AND number = ?", arguments: [packagePK, number]
        ).map(revision)
    }

    /// The package's newest revision numbered below `number` (or the newest of all when `nil`).
    static func newest(packagePK: Int64, below number: Int? = nil, _ db: Database) throws -> Revision? {
        try Row.fetchOne(db, sql: """
            SELECT * FROM revisions WHERE package_pk = ? AND number < ? ORDER BY number DESC LIMIT 1
            """, arguments: [packagePK, number ?? Int.max]).map(revision)
    }
}

import Foundation
import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

extension SQLiteStore {
    /// Pending revisions, oldest first, each with the package's previous revision and publisher.
    ///
    /// Keyset cursor on (upload time, package, number), served by the partial index of pending rows.
    func reviewQueue(cursor: String?, limit: Int) async throws(StoreError) -> Page<ReviewItem> {
        let page = try PageRequest<QueueCursor>(limit: limit, cursor: cursor)
        let (sql, arguments) = ReviewQueries.queueStatement(after: page.after, limit: page.limit)
        return try await read { db, caller in
            try Authorization.require(.viewReviewQueue, by: caller)
            let items: [(item: ReviewItem, position: QueueCursor)] = try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let revision = try RevisionRecord.revision(row)
                let packagePK = try row.int64("package_pk")
                let item = try ReviewItem(
                    columns: row, revision: revision, previous: try RevisionRecord.newest(packagePK: packagePK, below: revision.number, db))
                return (item: item, position: QueueCursor(createdAt: try row.value("created_at"), packagePK: packagePK, number: revision.number))
            }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM revisions WHERE review_status = 'pending'") ?? 0
            return Page(trimming: items, to: page.limit, total: total)
        }
    }

    /// Approves or rejects a pending revision.
    /// - Throws: `.invalidInput` for a rejection without a reason; `.conflict` when the revision
    ///   is not pending; `.forbidden` for non-reviewers and reviewers involved in the package.
    func review(_ name: PackageName, revision number: Int, decision: ReviewDecision) async throws(StoreError) -> Revision {
        let status = try ReviewRules.status(for: decision)
        return try await write { db, context in
            let package = try PackageContext.visible(name, to: context.caller, db)
            try package.require(.reviewRevision, by: context.caller)
            let stored = try RevisionRecord.fetch(packagePK: package.pk, number: number, db)
            let revision = try ReviewRules.reviewed(stored, name, number: number, as: status)
            let kept = try String.fetchOne(db, sql: "SELECT release_on_approval FROM revisions WHERE package_pk = ? AND number = ?",
                                           arguments: [package.pk, number])
            try db.execute(
                sql: "UPDATE revisions SET review_status = ?, review_note = ?, release_on_approval = '[]' WHERE package_pk = ? AND number = ?",
                arguments: [status.word, status.note, package.pk, number])
            try context.audit(ReviewRules.event(reviewing: name, revision: number, as: status, in: package, by: context), db)
            if status.isApproved, let stored {
                let uploader = try AccountRecord.fetch(username: stored.uploader, db).map { try Identity.Account(columns: $0) }
                if let plan = ReleaseOnApprovalRules.planOnApproval(
                    ReleaseOnApprovalRules.channels(fromColumn: kept), revision: number, uploader: uploader, on: package) {
                    _ = try Self.applyAuthorized(plan, to: package, expecting: nil, db, context)
                }
            }
            return revision
        }
    }
}

/// The review queue's statement.
enum ReviewQueries {
    /// The SQL of a review-queue page, oldest first (one row more than `limit`).
    static func queueStatement(after: QueueCursor?, limit: Int) -> (String, StatementArguments) {
        var sql = """
            SELECT r.*, p.name AS package_name, p.type AS package_type, \(AccountColumns.selection("a", prefix: "a_"))
            FROM revisions r JOIN packages p ON p.pk = r.package_pk JOIN accounts a ON a.id = p.publisher_id
            WHERE r.review_status = 'pending'
            """
        var arguments = StatementArguments()
        if let after {
            sql += " AND (r.created_at, r.package_pk, r.number) > (?, ?, ?)"
            arguments += [after.createdAt, after.packagePK, after.number]
        }
        sql += " ORDER BY r.created_at, r.package_pk, r.number LIMIT ?"
        arguments += [limit + 1]
        return (sql, arguments)
    }
}

/// Position after the last item of a review-queue page.
struct QueueCursor: Codable, Sendable {
    var createdAt: Double
    var packagePK: Int64
    var number: Int

    enum CodingKeys: String, CodingKey { case createdAt = "c", packagePK = "p", number = "r" }
}

import Foundation
import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

extension PostgresStore {
    /// Pending revisions, oldest first, each with the package's previous revision and publisher.
    ///
    /// Keyset cursor on (upload time, package, number), served by the partial index of pending rows.
    func reviewQueue(cursor: String?, limit: Int) async throws(StoreError) -> Page<ReviewItem> {
        let page = try PageRequest<QueueCursor>(limit: limit, cursor: cursor)
        return try await read { db, caller in
            try Authorization.require(.viewReviewQueue, by: caller)
            var items: [(item: ReviewItem, position: QueueCursor)] = []
            for row in try await db.rows(ReviewQueries.queueStatement(after: page.after, limit: page.limit)) {
                let revision = try RevisionRecord.revision(row)
                let packagePK = try row.int64("package_pk")
                let previous = try await RevisionRecord.newest(packagePK: packagePK, below: revision.number, db)
                let createdAt = try row.value("created_at", as: Timestamp.self).microseconds
                items.append((
                    try ReviewItem(columns: row, revision: revision, previous: previous),
                    QueueCursor(createdAt: createdAt, packagePK: packagePK, number: revision.number)))
            }
            let total = try await db.column("SELECT count(*)::bigint FROM revisions WHERE review_status = 'pending'", as: Int64.self).first ?? 0
            return Page(trimming: items, to: page.limit, total: Int(total))
        }
    }

    /// Approves or rejects a pending revision.
    /// - Throws: `.invalidInput` for a rejection without a reason; `.conflict` when the revision
    ///   is not pending; `.forbidden` for non-reviewers and reviewers involved in the package.
    func review(_ name: PackageName, revision number: Int, decision: ReviewDecision) async throws(StoreError) -> Revision {
        let status = try ReviewRules.status(for: decision)
        return try await write { db, context in
            let package = try await PackageContext.visible(name, to: context.caller, lock: true, db)
            try package.require(.reviewRevision, by: context.caller)
            let stored = try await RevisionRecord.fetch(packagePK: package.pk, number: number, db)
            let revision = try ReviewRules.reviewed(stored, name, number: number, as: status)
            let kept = try await db.scalar(
                "SELECT release_on_approval::text FROM revisions WHERE package_pk = \(package.pk) AND number = \(number)", as: String.self)
            try await db.execute("""
                UPDATE revisions SET review_status = \(status.word), review_note = \(status.note), release_on_approval = '[]'
                WHERE package_pk = \(package.pk) AND number = \(number)
                """)
            try await context.audit(ReviewRules.event(reviewing: name, revision: number, as: status, in: package, by: context), db)
            if status.isApproved, let stored {
                let uploader = try await AccountRecord.fetch(username: stored.uploader, db).map { try Identity.Account(columns: $0) }
                if let plan = ReleaseOnApprovalRules.planOnApproval(
                    ReleaseOnApprovalRules.channels(fromColumn: kept), revision: number, uploader: uploader, on: package) {
                    _ = try await Self.applyAuthorized(plan, to: package, expecting: nil, db, context)
                }
            }
            return revision
        }
    }
}

/// The review queue's statement.
enum ReviewQueries {
    /// A review-queue page, oldest first (one row more than `limit`).
    static func queueStatement(after: QueueCursor?, limit: Int) -> Statement {
        var statement = Statement("""
            SELECT r.*, p.name AS package_name, p.type AS package_type, \(AccountColumns.selection("a", prefix: "a_"))
            FROM revisions r JOIN packages p ON p.pk = r.package_pk JOIN accounts a ON a.id = p.publisher_id
            WHERE r.review_status = 'pending'
            """)
        if let after {
            let createdAt = statement.bind(Timestamp(microseconds: after.createdAt))
            let packagePK = statement.bind(after.packagePK)
            let number = statement.bind(after.number)
            statement.append(" AND (r.created_at, r.package_pk, r.number) > (\(createdAt), \(packagePK), \(number))")
        }
        statement.append(" ORDER BY r.created_at, r.package_pk, r.number LIMIT " + statement.bind(limit + 1))
        return statement
    }
}

/// Position after the last item of a review-queue page.
struct QueueCursor: Codable, Sendable {
    /// Upload time, microseconds since 2000-01-01.
    var createdAt: Int64
    var packagePK: Int64
    var number: Int

    enum CodingKeys: String, CodingKey { case createdAt = "c", packagePK = "p", number = "r" }
}

import Foundation
import StoreModels
import StoreService

/// What a review decision does to a pending revision, apart from storing it.
package enum ReviewRules {
    /// The status `decision` sets: notes trimmed (none when blank), a rejection's reason trimmed.
    /// - Throws: `.invalidInput` for a rejection without a reason.
    package static func status(for decision: ReviewDecision) throws(StoreError) -> ReviewStatus {
        switch decision {
        case .approve(let notes):
            let trimmed = notes?.trimmingCharacters(in: .whitespacesAndNewlines)
            return .approved(notes: trimmed?.isEmpty == false ? trimmed : nil)
        case .reject(let reason):
            let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { throw .invalidInput("a rejection needs a reason the publisher can act on") }
            return .rejected(reason: trimmed)
        }
    }

    /// The audit object of revision `number` of `name`: `name#number`.
    package static func object(_ name: PackageName, revision number: Int) -> String { "\(name)#\(number)" }

    /// `revision` (number `number` of `name`, `nil` when there is none) with `status` set.
    /// - Throws: `.notFound` when there is no such revision; `.conflict` when it is not pending.
    package static func reviewed(_ revision: Revision?, _ name: PackageName, number: Int, as status: ReviewStatus) throws(StoreError) -> Revision {
        guard var revision else { throw .notFound(kind: "revision", name: object(name, revision: number)) }
        guard revision.review == .pending else {
            throw .conflict("Revision \(number) of \(name) is already \(revision.review.word); only pending revisions can be reviewed.")
        }
        revision.review = status
        return revision
    }

    /// The audit event of reviewing revision `number` of `name` as `status`.
    package static func event(
        reviewing name: PackageName, revision number: Int, as status: ReviewStatus, in package: PackageContext,
        by context: some AuditingContext
    ) throws -> AuditEvent {
        context.event(
            status.isApproved ? "review.approve" : "review.reject", kind: .revision, object: object(name, revision: number),
            package: name.rawValue, publisher: package.owner.username,
            before: try JSONColumn.encode(["review": ReviewStatus.pending.word]),
            after: try JSONColumn.encode(["review": status.word]), reason: status.note)
    }
}

import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

extension SQLiteStore {
    /// Adds a revision under the next number (never reused) and runs the automated checks against
    /// the package's newest revision (see ``UploadRules``). A rejected upload is stored too, so the
    /// publisher sees why.
    func upload(_ upload: RevisionUpload, to name: PackageName) async throws(StoreError) -> Revision {
        try UploadRules.checkBounds(of: upload)
        return try await write { db, context in
            let package = try PackageContext.visible(name, to: context.caller, db)
            try package.require(.uploadRevision, by: context.caller)
            try ReleaseOnApprovalRules.authorize(upload.releaseOnApproval, on: package, by: context.caller)
            let previous = try RevisionRecord.newest(packagePK: package.pk, db)
            let revision = UploadRules.revision(of: upload, previous: previous, in: package, by: context.caller, at: context.now)
            try RevisionRecord.insert(revision, packagePK: package.pk, file: upload.file, db)
            if !upload.resources.isEmpty {
                try db.execute(sql: "UPDATE revisions SET resources = ? WHERE package_pk = ? AND number = ?",
                               arguments: [try ResourceRules.column(upload.resources), package.pk, revision.number])
            }
            try db.execute(sql: "UPDATE packages SET last_revision = ? WHERE pk = ?", arguments: [revision.number, package.pk])
            if let listing = UploadRules.listing(of: upload, for: package) {
                try db.execute(sql: "UPDATE packages SET summary = ?, description = ? WHERE pk = ?",
                               arguments: [listing.summary, listing.description, package.pk])
            }
            try context.audit(UploadRules.event(uploading: revision, to: name, in: package, by: context), db)
            if let plan = ReleaseOnApprovalRules.plan(upload.releaseOnApproval, revision: revision.number) {
                if revision.review.isApproved {
                    _ = try Self.applyAuthorized(plan, to: package, expecting: nil, db, context)
                } else if case .pending = revision.review {
                    try db.execute(sql: "UPDATE revisions SET release_on_approval = ? WHERE package_pk = ? AND number = ?",
                                   arguments: [ReleaseOnApprovalRules.column(upload.releaseOnApproval), package.pk, revision.number])
                }
            }
            return revision
        }
    }
}

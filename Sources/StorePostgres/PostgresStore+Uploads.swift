import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

extension PostgresStore {
    /// Adds a revision under the next number (never reused; the package row is locked, so
    /// concurrent uploads get consecutive numbers) and runs the automated checks against the
    /// package's newest revision (see ``UploadRules``). A rejected upload is stored too, so the
    /// publisher sees why.
    func upload(_ upload: RevisionUpload, to name: PackageName) async throws(StoreError) -> Revision {
        try UploadRules.checkBounds(of: upload)
        return try await write { db, context in
            let package = try await PackageContext.visible(name, to: context.caller, lock: true, db)
            try package.require(.uploadRevision, by: context.caller)
            try ReleaseOnApprovalRules.authorize(upload.releaseOnApproval, on: package, by: context.caller)
            let previous = try await RevisionRecord.newest(packagePK: package.pk, db)
            let revision = UploadRules.revision(of: upload, previous: previous, in: package, by: context.caller, at: context.now)
            try await RevisionRecord.insert(revision, packagePK: package.pk, file: upload.file, db)
            if !upload.resources.isEmpty {
                try await db.execute("""
                    UPDATE revisions SET resources = \(try ResourceRules.column(upload.resources))
                    WHERE package_pk = \(package.pk) AND number = \(revision.number)
                    """)
            }
            try await db.execute("UPDATE packages SET last_revision = \(revision.number) WHERE pk = \(package.pk)")
            if let listing = UploadRules.listing(of: upload, for: package) {
                try await db.execute("""
                    UPDATE packages SET summary = \(listing.summary), description = \(listing.description) WHERE pk = \(package.pk)
                    """)
            }
            try await context.audit(UploadRules.event(uploading: revision, to: name, in: package, by: context), db)
            if let plan = ReleaseOnApprovalRules.plan(upload.releaseOnApproval, revision: revision.number) {
                if revision.review.isApproved {
                    _ = try await Self.applyAuthorized(plan, to: package, expecting: nil, db, context)
                } else if case .pending = revision.review {
                    let kept = ReleaseOnApprovalRules.column(upload.releaseOnApproval)
                    try await db.execute("""
                        UPDATE revisions SET release_on_approval = \(kept)::jsonb WHERE package_pk = \(package.pk) AND number = \(revision.number)
                        """)
                }
            }
            return revision
        }
    }
}

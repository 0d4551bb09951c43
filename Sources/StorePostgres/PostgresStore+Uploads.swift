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
            let previous = try await RevisionRecord.newest(packagePK: package.pk, db)
            let revision = UploadRules.revision(of: upload, previous: previous, in: package, by: context.caller, at: context.now)
            try await RevisionRecord.insert(revision, packagePK: package.pk, db)
            try await db.execute("UPDATE packages SET last_revision = \(revision.number) WHERE pk = \(package.pk)")
            try await context.audit(UploadRules.event(uploading: revision, to: name, in: package, by: context), db)
            return revision
        }
    }
}

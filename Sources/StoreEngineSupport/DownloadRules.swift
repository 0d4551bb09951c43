import StoreModels
import StoreService

/// Who may download a revision's file, apart from the SQL.
///
/// Anyone who sees the package may download an approved revision its channel map releases now; the
/// publisher, collaborators, reviewers and admins (who see its revisions) may download any revision
/// not rejected (a reviewer reads a pending upload). Anything else is "not found", so a private or
/// unreleased revision's existence does not leak.
package enum DownloadRules {
    /// The download of `revision` of `package` for `caller`, given whether the map releases it and its file.
    /// - Throws: `.notFound` (kind `revision`) when the caller may not download it or it has no file here.
    package static func decide(
        _ revision: Revision?, number: Int, released: Bool, file: String?, on package: PackageContext, by caller: Identity
    ) throws(StoreError) -> RevisionDownload {
        let name = package.package.name
        let missing = StoreError.notFound(kind: "revision", name: "\(number) of \(name)")
        guard let revision else { throw missing }
        let seesRevisions = Permissions.may(caller, .viewRevisions, on: package.access).isAllowed
        if case .rejected = revision.review { throw missing }
        guard seesRevisions || (released && revision.review.isApproved) else { throw missing }
        guard let file, let location = RevisionFile(column: file) else {
            throw .notFound(kind: "file of revision", name: "\(number) of \(name) (imported as metadata only)")
        }
        return RevisionDownload(package: name, packageID: package.package.id, type: package.package.type, revision: revision, file: location)
    }

    /// Whether an id's name is answered to `caller`: a listed package's to anyone, another's (whose
    /// `context` the engine loaded) to those who see it.
    package static func sharesName(listed: Bool, context: PackageContext?, with caller: Identity) -> Bool {
        guard !listed else { return true }
        guard let context else { return false }
        return Permissions.may(caller, .viewPackage, on: context.access).isAllowed
    }

    /// Checks a lookup's size against ``PackageLookup/maximumIDs``.
    package static func checkIDs(_ ids: [String]) throws(StoreError) {
        let maximum = PackageLookup.maximumIDs
        guard ids.count <= maximum else { throw .invalidInput("at most \(maximum) ids in one lookup (got \(ids.count))") }
    }
}

import PostgresNIO
import StoreModels
import StoreService

extension PostgresStore {
    /// The review policy uploads are checked against.
    static let reviewPolicy = ReviewPolicy.default

    /// Adds a revision under the next number (never reused; the package row is
    /// locked, so concurrent uploads get consecutive numbers) and runs the automated checks against
    /// the package's newest revision: errors reject it, `needs-review` findings queue it, otherwise
    /// it is approved at once. A rejected upload is stored too, so the publisher sees why.
    func upload(_ upload: RevisionUpload, to name: PackageName) async throws(StoreError) -> Revision {
        try Self.checkBounds(of: upload)
        return try await write { db, context in
            let package = try await PackageContext.visible(name, to: context.caller, lock: true, db)
            try package.require(.uploadRevision, by: context.caller)
            let previous = try await RevisionRecord.newest(packagePK: package.pk, db)
            let verdict = AutomatedChecks.evaluate(
                upload, previous: previous, publisher: package.owner, packageType: package.package.type,
                policy: Self.reviewPolicy)
            let number = package.lastRevision + 1
            let revision = Revision(
                number: number, version: upload.version, architectures: upload.architectures, base: upload.base,
                size: upload.size, sha3_384: upload.sha3_384, createdAt: context.now, uploader: context.caller.username,
                confinement: package.package.type.hasConfinement ? upload.confinement : nil,
                grade: package.package.type.hasConfinement ? upload.grade : nil,
                permissions: upload.permissions, review: verdict.status, checks: verdict.checks)
            try await RevisionRecord.insert(revision, packagePK: package.pk, db)
            try await db.execute("UPDATE packages SET last_revision = \(number) WHERE pk = \(package.pk)")
            try await context.audit(context.event(
                "upload", kind: .revision, object: "\(name)#\(number)", package: name.rawValue,
                publisher: package.owner.username, after: try JSONColumn.encode(UploadRecord(revision)),
                reason: revision.review.note), db)
            return revision
        }
    }
}

extension PostgresStore {
    /// Refuses uploads whose fields are too large to be worth storing even as a rejection.
    static func checkBounds(of upload: RevisionUpload) throws(StoreError) {
        func tooLong(_ text: String, _ limit: Int) -> Bool { text.utf8.count > limit }
        if upload.size < 0 { throw .invalidInput("the size cannot be negative") }
        if tooLong(upload.version, 128) { throw .invalidInput("the version is longer than 128 bytes") }
        if tooLong(upload.sha3_384, 128) { throw .invalidInput("the digest is longer than 128 bytes") }
        if let base = upload.base, tooLong(base, 64) { throw .invalidInput("the base is longer than 64 bytes") }
        if upload.architectures.count > 32 || upload.architectures.contains(where: { tooLong($0.rawValue, 32) }) {
            throw .invalidInput("at most 32 architectures of at most 32 bytes each")
        }
        if upload.permissions.count > 256 || upload.permissions.contains(where: { tooLong($0, 128) }) {
            throw .invalidInput("at most 256 permissions of at most 128 bytes each")
        }
        if upload.metadataErrors.count > 100 || upload.metadataErrors.contains(where: { tooLong($0, 1000) }) {
            throw .invalidInput("at most 100 metadata errors of at most 1000 bytes each")
        }
    }
}

/// What the audit log records about an upload.
private struct UploadRecord: Encodable {
    var revision: Int
    var version: String
    var architectures: [String]
    var size: Int64
    var sha3_384: String
    var review: String
    var checks: [CheckResult]

    init(_ revision: Revision) {
        self.revision = revision.number
        version = revision.version
        architectures = revision.architectures.map(\.rawValue)
        size = revision.size
        sha3_384 = revision.sha3_384
        review = revision.review.word
        checks = revision.checks
    }
}

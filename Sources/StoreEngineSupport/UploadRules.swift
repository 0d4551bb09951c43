import Foundation
import StoreModels
import StoreService

/// What an upload becomes, apart from storing it: the bounds it must respect, the revision the
/// automated checks make of it, and its audit event.
package enum UploadRules {
    /// The review policy uploads are checked against.
    package static let reviewPolicy = ReviewPolicy.default

    /// Refuses uploads whose fields are too large to be worth storing even as a rejection.
    package static func checkBounds(of upload: RevisionUpload) throws(StoreError) {
        func tooLong(_ text: String, _ limit: Int) -> Bool { text.utf8.count > limit }
        if upload.size < 0 { throw .invalidInput("the size cannot be negative") }
        if tooLong(upload.version, 128) { throw .invalidInput("the version is longer than 128 bytes") }
        if upload.version.utf8.contains(0) { throw .invalidInput("the version contains a NUL character (U+0000); remove it") }
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
        if let problem = ResourceDeclaration.problems(in: upload.resources).first { throw .invalidInput(problem) }
        for resource in upload.resources {
            if let filename = resource.filename, tooLong(filename, 256) || filename.utf8.contains(0) {
                throw .invalidInput("resource '\(resource.name)': the filename has at most 256 bytes and no NUL")
            }
            if let description = resource.description, tooLong(description, 4096) || description.utf8.contains(0) {
                throw .invalidInput("resource '\(resource.name)': the description has at most 4096 bytes and no NUL")
            }
        }
        if Set(upload.resources.map(\.name)).count != upload.resources.count { throw .invalidInput("a resource is declared twice") }
        if let facts = upload.charmFile {
            if tooLong(facts.metadataYAML, 1 << 20) || tooLong(facts.configYAML, 1 << 20) || facts.metadataYAML.utf8.contains(0) || facts.configYAML.utf8.contains(0) {
                throw .invalidInput("metadata.yaml and config.yaml have at most 1 MiB each and no NUL")
            }
            if facts.sha256.count != 64 || !facts.sha256.allSatisfy(\.isHexDigit) { throw .invalidInput("a charm's SHA-256 is 64 hex digits") }
        }
        if let epoch = upload.epoch {
            do { _ = try epoch.validated() } catch { throw .invalidInput(error.description) }
        }
    }

    /// The revision `upload` becomes: the package's next number (never reused), checked by
    /// ``AutomatedChecks`` against `previous` (the package's newest revision). Errors reject it,
    /// `needs-review` findings queue it, otherwise it is approved at once.
    package static func revision(
        of upload: RevisionUpload, previous: Revision?, in package: PackageContext, by uploader: Identity, at now: Date
    ) -> Revision {
        let type = package.package.type
        let verdict = AutomatedChecks.evaluate(
            upload, previous: previous, publisher: package.owner, packageType: type, policy: reviewPolicy)
        return Revision(
            number: package.lastRevision + 1, version: upload.version, architectures: upload.architectures,
            base: upload.base, size: upload.size, sha3_384: upload.sha3_384, createdAt: now, uploader: uploader.username,
            confinement: type.hasConfinement ? upload.confinement : nil, grade: type.hasConfinement ? upload.grade : nil,
            permissions: upload.permissions, review: verdict.status, checks: verdict.checks,
            epoch: type.hasConfinement ? upload.epoch : nil, charmFile: type.hasConfinement ? nil : upload.charmFile)
    }

    /// The listing an upload gives a package that has none yet (a snap registered by name, whose
    /// summary and description are empty): the file's, cut to 256 and 4096 bytes; `nil` otherwise.
    package static func listing(of upload: RevisionUpload, for package: PackageContext) -> (summary: String, description: String)? {
        guard package.package.type.hasConfinement, package.package.summary.isEmpty, package.package.description.isEmpty,
              let listing = upload.listing, !listing.summary.isEmpty || !listing.description.isEmpty else { return nil }
        return (listing.summary.storable(maximumBytes: 256), listing.description.storable(maximumBytes: 4096))
    }

    /// The audit event of uploading `revision` to `name`.
    package static func event(
        uploading revision: Revision, to name: PackageName, in package: PackageContext, by context: some AuditingContext
    ) throws -> AuditEvent {
        context.event(
            "upload", kind: .revision, object: "\(name)#\(revision.number)", package: name.rawValue,
            publisher: package.owner.username, after: try JSONColumn.encode(UploadRecord(revision)),
            reason: revision.review.note)
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

import StoreModels
import StoreService

/// How domain values become the documents charmcraft reads, where the StoreModels builders need a
/// charmcraft-specific touch.
enum CharmcraftDocuments {
    /// The macaroon permissions whoami reports for an account (Charmhub's names): a suspended account
    /// may only look (every change it tries is refused, so whoami must not promise otherwise).
    static func permissions(for account: Identity.Account) -> [String] {
        permissions(for: account.role, isSuspended: account.isSuspended)
    }

    /// The permissions of `role`, or only the viewing ones when `isSuspended`.
    static func permissions(for role: Role, isSuspended: Bool = false) -> [String] {
        var permissions = ["account-view-packages", "package-view", "package-view-metadata", "package-view-releases",
                           "package-view-revisions"]
        if isSuspended { return permissions.sorted() }
        if role >= .publisher {
            permissions += ["account-register-package", "package-manage", "package-manage-metadata", "package-manage-releases",
                            "package-manage-revisions"]
        }
        if role >= .reviewer { permissions += ["store-view"] }
        if role >= .admin { permissions += ["store-manage"] }
        return permissions.sorted()
    }

    /// `text` without control characters (keeping newlines when `keepingNewlines`) and bidirectional overrides.
    ///
    /// charmcraft prints names and display names to the terminal as they come; a publisher-chosen display name
    /// must not be able to send escape sequences or reorder what the user reads.
    static func printable(_ text: String, keepingNewlines: Bool = false) -> String {
        let bidi: ClosedRange<UInt32> = 0x202A...0x202E
        let isolates: ClosedRange<UInt32> = 0x2066...0x2069
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if keepingNewlines, scalar == "\n" { scalars.append(scalar); continue }
            if scalar.properties.generalCategory == .control { continue }
            if bidi.contains(scalar.value) || isolates.contains(scalar.value) || [0x061C, 0x200E, 0x200F].contains(scalar.value) { continue }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Package metadata with its people-written text made ``printable(_:keepingNewlines:)``.
    static func printable(_ metadata: CharmPackageMetadata) -> CharmPackageMetadata {
        var metadata = metadata
        metadata.publisher.displayName = metadata.publisher.displayName.map { printable($0) }
        metadata.title = metadata.title.map { printable($0) }
        metadata.summary = metadata.summary.map { printable($0) }
        metadata.description = metadata.description.map { printable($0, keepingNewlines: true) }
        return metadata
    }

    /// A revision's review errors as `review-error` items; `nil` unless rejected.
    ///
    /// The automated checks write `review-error: first; second`; each message becomes its own item (charmcraft
    /// prints `- review-error: <message>` per item). A reviewer's reason is one item.
    static func errors(of review: ReviewStatus) -> [WireError]? {
        guard case .rejected(let reason) = review else { return nil }
        let prefix = "review-error: "
        let messages = reason.hasPrefix(prefix)
            ? reason.dropFirst(prefix.count).components(separatedBy: "; ")
            : [reason]
        return messages.map { WireError(code: "review-error", message: $0.isEmpty ? "rejected in review" : $0) }
    }

    /// A revision as `/revisions` and `/releases` list it: `released` when a channel serves it,
    /// otherwise `approved`, `pending` or `rejected` (with its errors).
    static func revision(_ revision: Revision, released: Bool) -> CharmRevision {
        var item = CharmRevision(revision, status: released ? "released" : nil)
        item.errors = errors(of: revision.review)
        return item
    }

    /// The review state of an upload, as `GET …/revisions/review` reports it.
    ///
    /// `new` until the file became a revision, `scanned` while the revision waits in the review queue (the
    /// automated checks flagged it), then `approved` or `rejected`.
    static func uploadReview(uploadID: String, revision: Revision?) -> CharmUploadReview {
        guard let revision else { return CharmUploadReview(uploadID: uploadID, status: "new", revision: nil, errors: nil) }
        let status = switch revision.review {
        case .pending: "scanned"
        case .approved: "approved"
        case .rejected: "rejected"
        }
        return CharmUploadReview(uploadID: uploadID, status: status, revision: revision.number, errors: errors(of: revision.review))
    }
}

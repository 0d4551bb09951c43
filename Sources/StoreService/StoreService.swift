import Foundation
import StoreModels

/// The store as one caller sees it.
///
/// The embedded engines (SQLite, PostgreSQL), the HTTP client and the server all speak this
/// protocol, so the console works the same against any of them. Every call checks
/// ``Permissions/may(_:_:on:)`` for ``identity`` and every change writes an audit event in the
/// same transaction.
public protocol StoreService: Sendable {
    /// Who this service acts as.
    var identity: Identity { get }

    // MARK: Catalogue

    /// Searches the public catalogue (private packages and suspended publishers' packages are hidden).
    func search(_ query: SearchQuery) async throws(StoreError) -> Page<PackageSummary>
    /// A package with its publisher and collaborators.
    func package(named name: PackageName) async throws(StoreError) -> PackageDetail
    /// A package's revisions, newest first.
    func revisions(of name: PackageName, query: RevisionQuery) async throws(StoreError) -> Page<Revision>
    /// A package's channel map (expired branches removed), with its version.
    func channelMap(of name: PackageName) async throws(StoreError) -> ChannelMap
    /// The categories packages use.
    func categories() async throws(StoreError) -> [String]
    /// The names of the packages with these store ids that the caller may see (unknown and hidden ids left out).
    /// - Throws: `.invalidInput` for more than ``PackageLookup/maximumIDs`` ids.
    func packageNames(ids: [String]) async throws(StoreError) -> [String: PackageName]
    /// What a device refresh needs of the packages `lookup` names, in one read: the ids' names (as
    /// ``packageNames(ids:)``), and each package the caller may see with its channel map and the revisions
    /// it may be served (see ``RefreshCatalogue/Entry/revisions``).
    /// - Throws: `.invalidInput` for more than ``PackageLookup/maximumIDs`` packages.
    func refreshCatalogue(_ lookup: RefreshLookup) async throws(StoreError) -> RefreshCatalogue
    /// A revision's file, if the caller may download it: anyone a released, approved revision of a
    /// package they see; its publisher, collaborators, reviewers and admins any revision not rejected.
    /// - Throws: `.notFound` for a revision the caller may not download or that has no file here.
    func download(of name: PackageName, revision: Int) async throws(StoreError) -> RevisionDownload

    // MARK: Publishing

    /// The packages the caller owns (and, optionally, collaborates on).
    func myPackages(includeCollaborations: Bool) async throws(StoreError) -> [PackageSummary]
    /// Every package `username` publishes, listed or not (a suspended publisher's, private and
    /// quarantined ones too), by name, at most 1,000: for those who moderate publishers.
    func packages(ofPublisher username: String) async throws(StoreError) -> [PackageSummary]
    /// Registers a name for the caller.
    func registerName(_ name: PackageName, type: PackageType, isPrivate: Bool) async throws(StoreError) -> Package
    /// Adds a revision; automated checks decide whether it is approved at once or queued for review.
    func upload(_ upload: RevisionUpload, to name: PackageName) async throws(StoreError) -> Revision
    /// Applies a release plan in one transaction.
    /// - Parameter version: the channel map version the caller saw; `nil` applies unconditionally
    ///   (still atomically), as charmcraft does.
    /// - Throws: `.staleChannelMap` when `version` is not current; nothing is applied.
    func apply(_ plan: ReleasePlan, to name: PackageName, expecting version: Int?) async throws(StoreError) -> PlanOutcome
    /// Drops a registered name that never had a revision (the caller's own, or anyone's for an admin),
    /// so it can be registered again; returns the package as it was.
    /// - Throws: `.conflict` once a revision was uploaded (numbers are never reused, so a name that had
    ///   one stays); `.forbidden` for anyone else.
    func unregisterName(_ name: PackageName) async throws(StoreError) -> Package
    /// Opens tracks (admins only; `latest` is always open) and sets the default track (those who may
    /// release the package), in one change; returns the package after it.
    func updateTracks(of name: PackageName, opening tracks: [String], defaultTrack: String?) async throws(StoreError) -> Package
    /// Adds a collaborator (by username) to a package the caller owns.
    func addCollaborator(_ username: String, to name: PackageName) async throws(StoreError)
    /// A package's adoption figures over `range`, one series per channel, version or architecture
    /// (the package's publisher, collaborators and admins only).
    /// - Throws: `.invalidInput` for a range that is not 1...400 days ending on a `YYYY-MM-DD` day or a
    ///   name that is not a package name, `.notFound` for a package the caller does not see, `.forbidden`
    ///   for anyone else who sees it.
    func packageMetrics(name: String, range: MetricsRange, breakdown: MetricsBreakdown) async throws(StoreError) -> PackageMetrics

    // MARK: Charm libraries

    /// Registers a library name on a charm the caller may upload to; returns the new library's id.
    /// - Throws: `.invalidInput` for a name that is not a Python identifier, `.conflict` when the
    ///   charm has a library of that name.
    func registerLibrary(named library: String, in charm: PackageName) async throws(StoreError) -> String
    /// Publishes a new version of a library (charmcraft `publish-lib`): the next patch of its API
    /// version, or the first of a new one.
    /// - Throws: `.invalidInput` for a hash that is not the content's, `.conflict` for a patch that is
    ///   not the next one, `.notFound` for a library id the charm does not have.
    func publishLibrary(_ publication: LibraryPublication, in charm: PackageName) async throws(StoreError) -> Library
    /// The library versions `queries` name (tips unless a patch is given), without content; what the
    /// caller may not see, or what does not exist, is left out.
    func libraries(_ queries: [LibraryQuery]) async throws(StoreError) -> [Library]
    /// One library version with its content: the tip of `api` (the highest API when `nil`), or `patch`.
    func library(id: String, in charm: PackageName, api: Int?, patch: Int?) async throws(StoreError) -> Library

    // MARK: Charm resources

    /// The resources a charm declares: for each name, the declaration of the newest revision that
    /// declares it (those who see the charm's revisions).
    func resources(of charm: PackageName) async throws(StoreError) -> [DeclaredResource]
    /// Adds the next revision of a declared file resource (those who may upload to the charm);
    /// pushing the same upload again answers the revision it made.
    /// - Throws: `.notFound` for a resource no revision declares, `.invalidInput` for a type that is
    ///   not the declared one or not `file`, or bad bases.
    func uploadResource(_ upload: ResourceUpload, named resource: String, to charm: PackageName) async throws(StoreError) -> ResourceRevision
    /// A resource's revisions, newest first.
    func resourceRevisions(of charm: PackageName, named resource: String) async throws(StoreError) -> [ResourceRevision]
    /// Sets the bases of resource revisions; returns the revisions changed.
    func updateResourceRevisions(
        _ updates: [ResourceRevisionUpdate], of charm: PackageName, named resource: String
    ) async throws(StoreError) -> [ResourceRevision]

    // MARK: Review

    /// Pending revisions, oldest first.
    func reviewQueue(cursor: String?, limit: Int) async throws(StoreError) -> Page<ReviewItem>
    /// Approves or rejects a pending revision.
    func review(_ name: PackageName, revision: Int, decision: ReviewDecision) async throws(StoreError) -> Revision

    // MARK: Publishers

    /// A publisher by username.
    func publisher(username: String) async throws(StoreError) -> Publisher
    /// Publishers whose username or display name contains `text`.
    func publishers(matching text: String, cursor: String?, limit: Int) async throws(StoreError) -> Page<Publisher>
    /// Sets a publisher's validation badge.
    func setValidation(_ validation: Publisher.Validation, of username: String, reason: String?) async throws(StoreError) -> Publisher
    /// Suspends a publisher; `reason` is required.
    func suspend(_ username: String, reason: String) async throws(StoreError) -> Publisher
    /// Lifts a suspension; `reason` is required.
    func unsuspend(_ username: String, reason: String) async throws(StoreError) -> Publisher

    // MARK: Tokens and audit

    /// Issues a token, creating the account when it does not exist yet; `email` (when given) becomes
    /// the account's email.
    /// - Throws: `.conflict` when another account has that email.
    func issueToken(username: String, role: Role, expiresAt: Date?, description: String, email: String?) async throws(StoreError) -> IssuedToken
    /// Lists tokens (admins: all, or one user's).
    func tokens(username: String?) async throws(StoreError) -> [TokenInfo]
    /// Revokes a token by id.
    func revokeToken(id: String) async throws(StoreError)
    /// The audit log, newest first.
    func auditLog(_ query: AuditQuery) async throws(StoreError) -> Page<AuditEvent>

    // MARK: SSH keys

    /// Registers an OpenSSH public key line for `username` (`nil`: the caller; another account:
    /// admins only), so it logs in to the SSH console as that account.
    /// - Throws: `.invalidInput` for a line that is not a supported key, `.conflict` when some
    ///   account already has the key, `.notFound` for an unknown account.
    func addSSHKey(_ publicKey: String, for username: String?) async throws(StoreError) -> SSHKeyInfo
    /// Lists SSH keys: admins everyone's (or one user's), others only their own.
    func sshKeys(username: String?) async throws(StoreError) -> [SSHKeyInfo]
    /// Removes an SSH key by id (admins any, others their own); it stops logging in at once.
    func removeSSHKey(id: String) async throws(StoreError)
}

/// A store that vends services per caller: what the server and the composition root hold.
public protocol StoreBackend: Sendable {
    /// A human-readable description: the database path or URL (never a password).
    var location: String { get }
    /// A service acting as `identity`.
    func service(for identity: Identity) -> any StoreService
    /// The identity a bearer token belongs to.
    /// - Throws: `.unauthenticated` when the token is unknown, expired or revoked.
    func authenticate(token: String) async throws(StoreError) -> Identity
    /// The identity of an existing account, for `--as USER` in embedded mode.
    func identity(username: String) async throws(StoreError) -> Identity
}

extension StoreService {
    /// Issues a token without changing the account's email.
    public func issueToken(username: String, role: Role, expiresAt: Date?, description: String) async throws(StoreError) -> IssuedToken {
        try await issueToken(username: username, role: role, expiresAt: expiresAt, description: description, email: nil)
    }
}

import Foundation
import StoreModels
import StoreService

/// Switches tests flip to make the backend slow or failing.
///
/// `search` reacts to its text: `slow` waits ``slowDelay`` (announcing itself on ``slowStarted``),
/// `unavailable` throws `.unavailable`, `bug` throws `.server`. Registering `slow-name` waits ``slowDelay`` first. `categories` fails with `.unavailable`
/// as many times as ``failingCategories`` says, then works.
final class Hooks: @unchecked Sendable {
    // @unchecked: mutable state is only touched under `lock`.
    private let lock = NSLock()
    private var remainingCategoryFailures = 0
    private var categoryCalls = 0
    let slowDelay: Duration
    let slowStarted: AsyncStream<Void>
    private let slowContinuation: AsyncStream<Void>.Continuation

    init(slowDelay: Duration = .seconds(2)) {
        self.slowDelay = slowDelay
        (slowStarted, slowContinuation) = AsyncStream<Void>.makeStream()
    }

    func failCategories(times: Int) { lock.withLock { remainingCategoryFailures = times } }
    var categoriesCalls: Int { lock.withLock { categoryCalls } }

    fileprivate func categoriesShouldFail() -> Bool {
        lock.withLock {
            categoryCalls += 1
            guard remainingCategoryFailures > 0 else { return false }
            remainingCategoryFailures -= 1
            return true
        }
    }

    fileprivate func announceSlow() { slowContinuation.yield() }

    private var readCounts: [String: Int] = [:]
    /// How many times each catalogue read was called (`package`, `channelMap`, `revisions`, `refreshCatalogue`).
    var reads: [String: Int] { lock.withLock { readCounts } }
    func resetReads() { lock.withLock { readCounts = [:] } }
    fileprivate func count(_ read: String) { lock.withLock { readCounts[read, default: 0] += 1 } }
}

/// A backend that forwards to another, with ``Hooks``.
struct HookedBackend: StoreBackend {
    let base: any StoreBackend
    let hooks: Hooks

    var location: String { base.location }
    func service(for identity: Identity) -> any StoreService { HookedService(base: base.service(for: identity), hooks: hooks) }
    func authenticate(token: String) async throws(StoreError) -> Identity { try await base.authenticate(token: token) }
    func identity(username: String) async throws(StoreError) -> Identity { try await base.identity(username: username) }
}

private struct HookedService: StoreService {
    let base: any StoreService
    let hooks: Hooks

    var identity: Identity { base.identity }

    func search(_ query: SearchQuery) async throws(StoreError) -> Page<PackageSummary> {
        switch query.text {
        case "slow":
            hooks.announceSlow()
            try? await Task.sleep(for: hooks.slowDelay)
        case "unavailable": throw .unavailable("database is locked by another writer")
        case "bug": throw .server(status: 500, message: "a bug", requestID: nil)
        default: break
        }
        return try await base.search(query)
    }

    func categories() async throws(StoreError) -> [String] {
        if hooks.categoriesShouldFail() { throw .unavailable("database is locked by another writer") }
        return try await base.categories()
    }

    func package(named name: PackageName) async throws(StoreError) -> PackageDetail {
        hooks.count("package")
        return try await base.package(named: name)
    }
    func revisions(of name: PackageName, query: RevisionQuery) async throws(StoreError) -> Page<Revision> {
        hooks.count("revisions")
        return try await base.revisions(of: name, query: query)
    }
    func channelMap(of name: PackageName) async throws(StoreError) -> ChannelMap {
        hooks.count("channelMap")
        return try await base.channelMap(of: name)
    }
    func myPackages(includeCollaborations: Bool) async throws(StoreError) -> [PackageSummary] {
        try await base.myPackages(includeCollaborations: includeCollaborations)
    }
    func packages(ofPublisher username: String) async throws(StoreError) -> [PackageSummary] { try await base.packages(ofPublisher: username) }
    func registerName(_ name: PackageName, type: PackageType, isPrivate: Bool) async throws(StoreError) -> Package {
        if name.rawValue == "slow-name" { try? await Task.sleep(for: hooks.slowDelay) }
        return try await base.registerName(name, type: type, isPrivate: isPrivate)
    }
    func upload(_ upload: RevisionUpload, to name: PackageName) async throws(StoreError) -> Revision { try await base.upload(upload, to: name) }
    func apply(_ plan: ReleasePlan, to name: PackageName, expecting version: Int?) async throws(StoreError) -> PlanOutcome {
        try await base.apply(plan, to: name, expecting: version)
    }
    func unregisterName(_ name: PackageName) async throws(StoreError) -> Package { try await base.unregisterName(name) }
    func registerLibrary(named library: String, in charm: PackageName) async throws(StoreError) -> String {
        try await base.registerLibrary(named: library, in: charm)
    }
    func publishLibrary(_ publication: LibraryPublication, in charm: PackageName) async throws(StoreError) -> Library {
        try await base.publishLibrary(publication, in: charm)
    }
    func libraries(_ queries: [LibraryQuery]) async throws(StoreError) -> [Library] { try await base.libraries(queries) }
    func packageNames(ids: [String]) async throws(StoreError) -> [String: PackageName] { try await base.packageNames(ids: ids) }
    func refreshCatalogue(_ lookup: RefreshLookup) async throws(StoreError) -> RefreshCatalogue {
        hooks.count("refreshCatalogue")
        return try await base.refreshCatalogue(lookup)
    }
    func download(of name: PackageName, revision: Int) async throws(StoreError) -> RevisionDownload {
        try await base.download(of: name, revision: revision)
    }
    func resources(of charm: PackageName) async throws(StoreError) -> [DeclaredResource] { try await base.resources(of: charm) }
    func uploadResource(_ upload: ResourceUpload, named resource: String, to charm: PackageName) async throws(StoreError) -> ResourceRevision {
        try await base.uploadResource(upload, named: resource, to: charm)
    }
    func resourceRevisions(of charm: PackageName, named resource: String) async throws(StoreError) -> [ResourceRevision] {
        try await base.resourceRevisions(of: charm, named: resource)
    }
    func updateResourceRevisions(
        _ updates: [ResourceRevisionUpdate], of charm: PackageName, named resource: String
    ) async throws(StoreError) -> [ResourceRevision] {
        try await base.updateResourceRevisions(updates, of: charm, named: resource)
    }
    func library(id: String, in charm: PackageName, api: Int?, patch: Int?) async throws(StoreError) -> Library {
        try await base.library(id: id, in: charm, api: api, patch: patch)
    }
    func updateTracks(of name: PackageName, opening tracks: [String], defaultTrack: String?) async throws(StoreError) -> Package {
        try await base.updateTracks(of: name, opening: tracks, defaultTrack: defaultTrack)
    }
    func addCollaborator(_ username: String, to name: PackageName) async throws(StoreError) {
        try await base.addCollaborator(username, to: name)
    }
    func packageMetrics(name: String, range: MetricsRange, breakdown: MetricsBreakdown) async throws(StoreError) -> PackageMetrics {
        try await base.packageMetrics(name: name, range: range, breakdown: breakdown)
    }
    func reviewQueue(cursor: String?, limit: Int) async throws(StoreError) -> Page<ReviewItem> {
        try await base.reviewQueue(cursor: cursor, limit: limit)
    }
    func review(_ name: PackageName, revision: Int, decision: ReviewDecision) async throws(StoreError) -> Revision {
        try await base.review(name, revision: revision, decision: decision)
    }
    func publisher(username: String) async throws(StoreError) -> Publisher { try await base.publisher(username: username) }
    func publishers(matching text: String, cursor: String?, limit: Int) async throws(StoreError) -> Page<Publisher> {
        try await base.publishers(matching: text, cursor: cursor, limit: limit)
    }
    func setValidation(_ validation: Publisher.Validation, of username: String, reason: String?) async throws(StoreError) -> Publisher {
        try await base.setValidation(validation, of: username, reason: reason)
    }
    func suspend(_ username: String, reason: String) async throws(StoreError) -> Publisher { try await base.suspend(username, reason: reason) }
    func unsuspend(_ username: String, reason: String) async throws(StoreError) -> Publisher {
        try await base.unsuspend(username, reason: reason)
    }
    func issueToken(username: String, role: Role, expiresAt: Date?, description: String, email: String?) async throws(StoreError) -> IssuedToken {
        try await base.issueToken(username: username, role: role, expiresAt: expiresAt, description: description, email: email)
    }
    func tokens(username: String?) async throws(StoreError) -> [TokenInfo] { try await base.tokens(username: username) }
    func revokeToken(id: String) async throws(StoreError) { try await base.revokeToken(id: id) }
    func auditLog(_ query: AuditQuery) async throws(StoreError) -> Page<AuditEvent> { try await base.auditLog(query) }
    func addSSHKey(_ publicKey: String, for username: String?) async throws(StoreError) -> SSHKeyInfo {
        try await base.addSSHKey(publicKey, for: username)
    }
    func sshKeys(username: String?) async throws(StoreError) -> [SSHKeyInfo] { try await base.sshKeys(username: username) }
    func removeSSHKey(id: String) async throws(StoreError) { try await base.removeSSHKey(id: id) }
}

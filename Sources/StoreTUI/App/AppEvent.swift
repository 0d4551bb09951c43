import Foundation
import StoreModels
import StoreService

/// Everything that can happen to the console: input, time, and store answers (each with the
/// ticket the reducer issued for it).
public enum AppEvent: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// Time passes (only while something is loading or a retry is scheduled).
    case tick(Date)
    case searchLoaded(Ticket, Result<Page<PackageSummary>, StoreError>)
    case categoriesLoaded(Result<[String], StoreError>)
    case packageLoaded(Ticket, Result<PackageDetail, StoreError>)
    case channelMapLoaded(Ticket, Result<ChannelMap, StoreError>)
    case revisionsLoaded(Ticket, Result<Page<Revision>, StoreError>)
    case metricsLoaded(Ticket, Result<PackageMetrics, StoreError>)
    /// The devices on each release of a package (``MetricsBreakdown/release``), for the channel map.
    case releaseDevicesLoaded(Ticket, Result<PackageMetrics, StoreError>)
    /// A scheduled retry is due.
    case retryDue
    /// The answer to applying a release plan.
    case planApplied(Ticket, Result<PlanOutcome, StoreError>)
    case reviewQueueLoaded(Ticket, Result<Page<ReviewItem>, StoreError>)
    /// The answers to a (bulk) review decision, one per revision, in order.
    case reviewed(Ticket, [ReviewOutcome])
    case publishersLoaded(Ticket, Result<Page<Publisher>, StoreError>)
    case publisherLoaded(Ticket, Result<Publisher, StoreError>)
    case publisherPackagesLoaded(Ticket, Result<Page<PackageSummary>, StoreError>)
    case publisherAuditLoaded(Ticket, Result<Page<AuditEvent>, StoreError>)
    /// The answer to a validation change, suspension or unsuspension.
    case moderated(Ticket, Result<Publisher, StoreError>)
    case auditLoaded(Ticket, Result<Page<AuditEvent>, StoreError>)
    /// The SSH keys listed (one page: an account has few).
    case sshKeysLoaded(Ticket, Result<Page<SSHKeyInfo>, StoreError>)
    /// The answer to adding an SSH key.
    case sshKeyAdded(Ticket, Result<SSHKeyInfo, StoreError>)
    /// The answer to removing an SSH key: its id.
    case sshKeyRemoved(Ticket, Result<String, StoreError>)
    /// Package names the store has for what `:open` has typed so far.
    case namesCompleted(Ticket, Result<Page<PackageSummary>, StoreError>)
}

/// Work the reducer asks the runtime to do. Values, so reducer tests assert them directly.
public enum AppEffect: Hashable, Sendable {
    /// Search after `debounceMilliseconds`; starting it cancels the previous search.
    case search(SearchQuery, Ticket, debounceMilliseconds: Int)
    /// Package names for the palette's `open NAME` (its own slot: the results list is untouched).
    case completeNames(SearchQuery, Ticket, debounceMilliseconds: Int)
    case loadCategories
    case loadPackage(PackageName, Ticket)
    case loadChannelMap(PackageName, Ticket)
    case loadRevisions(PackageName, RevisionQuery, Ticket)
    /// A package's adoption figures (owners, collaborators and admins).
    case loadMetrics(PackageName, MetricsRange, MetricsBreakdown, Ticket)
    /// The devices on each release, for the channel map's cells (its own slot beside the chart's).
    case loadReleaseDevices(PackageName, MetricsRange, Ticket)
    /// Apply a release plan, refused by the store if the map is no longer `expectingVersion`.
    case applyPlan(PackageName, ReleasePlan, expectingVersion: Int?, Ticket)
    /// A page of the review queue (oldest first).
    case loadReviewQueue(cursor: String?, limit: Int, Ticket)
    /// Approve or reject revisions, one after the other.
    case review([ReviewTarget], ReviewDecision, Ticket)
    /// Publishers matching a text, after `debounceMilliseconds`.
    case searchPublishers(String, cursor: String?, limit: Int, Ticket, debounceMilliseconds: Int)
    case loadPublisher(String, Ticket)
    /// A publisher's packages, listed or not (the page is for moderators).
    case loadPublisherPackages(username: String, Ticket)
    /// A publisher's audit entries.
    case loadPublisherAudit(AuditQuery, Ticket)
    case moderate(ModerationRequest, Ticket)
    /// A page of the audit log, after `debounceMilliseconds`.
    case loadAudit(AuditQuery, Ticket, debounceMilliseconds: Int)
    /// SSH keys: `username`'s, or (`nil`) the caller's own, or every account's for admins.
    case loadSSHKeys(username: String?, Ticket, debounceMilliseconds: Int)
    /// Register a public key line for `username` (`nil`: the caller).
    case addSSHKey(String, username: String?, Ticket)
    case removeSSHKey(id: String, Ticket)
    /// Cancel whatever runs in a slot.
    case cancel(EffectSlot)
    /// Send `.retryDue` after a delay.
    case scheduleRetry(afterMilliseconds: Int)
    case redraw
    case suspend
    case quit
}

/// Effects that supersede each other share a slot: starting one cancels the one in flight.
///
/// Writes (`apply`, `review`, `moderation`) have slots of their own and the reducer never starts
/// a second one while the first is pending, so a write is never cancelled by another.
public enum EffectSlot: Hashable, Sendable {
    case search, categories, package, channelMap, revisions, metrics, releaseDevices, retry
    case apply, reviewQueue, review, publishers, publisher, publisherPackages, publisherAudit, moderation, audit
    case sshKeys, sshKeyChange
    case nameCompletion
}

extension AppEffect {
    /// The slot this effect runs in, if it is cancellable.
    public var slot: EffectSlot? {
        switch self {
        case .search: .search
        case .completeNames: .nameCompletion
        case .loadCategories: .categories
        case .loadPackage: .package
        case .loadChannelMap: .channelMap
        case .loadRevisions: .revisions
        case .loadMetrics: .metrics
        case .loadReleaseDevices: .releaseDevices
        case .scheduleRetry: .retry
        case .applyPlan: .apply
        case .loadReviewQueue: .reviewQueue
        case .review: .review
        case .searchPublishers: .publishers
        case .loadPublisher: .publisher
        case .loadPublisherPackages: .publisherPackages
        case .loadPublisherAudit: .publisherAudit
        case .moderate: .moderation
        case .loadAudit: .audit
        case .loadSSHKeys: .sshKeys
        case .addSSHKey, .removeSSHKey: .sshKeyChange
        case .cancel, .redraw, .suspend, .quit: nil
        }
    }
}

/// One revision a reviewer decides on.
public struct ReviewTarget: Hashable, Sendable, CustomStringConvertible {
    public var package: PackageName
    public var revision: Int

    /// Creates a target.
    public init(package: PackageName, revision: Int) {
        self.package = package
        self.revision = revision
    }

    /// The upload a review queue item stands for.
    public init(_ item: ReviewItem) {
        self.init(package: item.package, revision: item.revision.number)
    }

    /// `hello-world r30`.
    public var description: String { "\(package.rawValue) r\(revision)" }
}

/// The store's answer for one revision of a review decision.
public struct ReviewOutcome: Hashable, Sendable {
    public var target: ReviewTarget
    public var result: Result<Revision, StoreError>

    /// Creates an outcome.
    public init(target: ReviewTarget, result: Result<Revision, StoreError>) {
        self.target = target
        self.result = result
    }
}

/// A moderation change to a publisher.
public enum ModerationRequest: Hashable, Sendable {
    case setValidation(username: String, Publisher.Validation, reason: String?)
    case suspend(username: String, reason: String)
    case unsuspend(username: String, reason: String)

    /// The publisher it concerns.
    public var username: String {
        switch self {
        case .setValidation(let username, _, _), .suspend(let username, _), .unsuspend(let username, _): username
        }
    }
}

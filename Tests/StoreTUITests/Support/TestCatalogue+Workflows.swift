import Foundation
import StoreModels
import StoreService
@testable import StoreTUI

/// Identities, review items, publishers and audit events for the publisher and admin workflows.
extension TestCatalogue {
    // MARK: Identities

    /// Owns hello-world (the package's `publisherID` is `p1`).
    static let owner = Identity(account: .init(id: "p1", username: "canonical", displayName: "Canonical", role: .publisher))
    /// Listed by username in hello-world's collaborators.
    static let collaborator = Identity(account: .init(id: "p2", username: "alice", displayName: "Alice Example", role: .publisher))
    /// A publisher with nothing to do with hello-world.
    static let outsider = Identity(account: .init(id: "p3", username: "stardev", displayName: "Star Dev", role: .publisher))
    static let viewer = Identity(account: .init(id: "v1", username: "val", displayName: "Val", role: .viewer))
    static let reviewer = Identity(account: .init(id: "r1", username: "rita", displayName: "Rita", role: .reviewer))
    /// A reviewer who also publishes hello-world: may not review it.
    static let reviewingOwner = Identity(account: .init(id: "p1", username: "canonical", displayName: "Canonical", role: .reviewer))

    // MARK: Review queue

    static let reviewItems: [ReviewItem] = [
        ReviewItem(
            package: name("hello-world"), packageType: .snap, publisher: canonical,
            revision: Revision(
                number: 30, version: "1.30", architectures: [.amd64, .arm64], base: "core22", size: 80_000_000,
                sha3_384: String(repeating: "b", count: 96), createdAt: now.addingTimeInterval(-5 * 86_400), uploader: "canonical",
                confinement: .classic, grade: .stable, permissions: ["network", "home", "snapd-control"], review: .pending,
                checks: [
                    CheckResult(code: "confinement-change", severity: .needsReview, message: "classic confinement requested"),
                    CheckResult(code: "size-jump", severity: .warning, message: "size grew by 131%"),
                ]),
            previous: Revision(
                number: 28, version: "1.28", architectures: [.amd64, .arm64], base: "core22", size: 34_567_876,
                sha3_384: String(repeating: "a", count: 96), createdAt: now.addingTimeInterval(-7 * 86_400), uploader: "canonical",
                confinement: .strict, grade: .stable, permissions: ["network", "home"])),
        ReviewItem(
            package: name("alice-notes"), packageType: .snap, publisher: alice,
            revision: Revision(
                number: 1, version: "0.1", architectures: [.amd64], base: "core24", size: 2_500_000,
                sha3_384: String(repeating: "c", count: 96), createdAt: now.addingTimeInterval(-2 * 86_400), uploader: "alice",
                confinement: .strict, grade: .devel, permissions: ["home"], review: .pending,
                checks: [CheckResult(code: "first-upload", severity: .needsReview, message: "first upload of a new publisher")]),
            previous: nil),
        ReviewItem(
            package: name("evil-term"), packageType: .snap, publisher: hostile,
            revision: Revision(
                number: 2, version: "2.0\u{1B}[31m", architectures: [.amd64], base: "core22", size: 1_000_000,
                sha3_384: String(repeating: "d", count: 96), createdAt: now.addingTimeInterval(-3600), uploader: "eve",
                confinement: .strict, permissions: ["x11\u{1B}]52;c;SGVsbG8=\u{07}"], review: .pending,
                checks: [CheckResult(code: "interface-added", severity: .needsReview, message: "plugs \u{1B}[2Jsnapd-control\u{202E}")]),
            previous: Revision(
                number: 1, version: "1.0", architectures: [.amd64], base: "core22", size: 900_000,
                sha3_384: String(repeating: "e", count: 96), createdAt: now.addingTimeInterval(-30 * 86_400), uploader: "eve",
                confinement: .strict)),
    ]

    // MARK: Publishers

    static let publishers: [Publisher] = [
        Publisher(id: "p2", username: "alice", displayName: "Alice Example"),
        Publisher(id: "p1", username: "canonical", displayName: "Canonical", validation: .verified),
        Publisher(id: "p4", username: "eve", displayName: hostile.displayName, status: .suspended(reason: "malware \u{1B}[2J in r2")),
        Publisher(id: "p3", username: "stardev", displayName: "Star Dev", validation: .starred),
    ]

    // MARK: Audit

    static func json(_ releases: [ChannelRelease]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return (try? encoder.encode(releases)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static let auditEvents: [AuditEvent] = {
        let amd = Platform(architecture: .amd64)
        let before = [ChannelRelease(channel: channel("beta"), platform: amd, revision: 26, releasedAt: now)]
        let after = [ChannelRelease(channel: channel("beta"), platform: amd, revision: 28, releasedAt: now)]
        return [
            AuditEvent(id: 6, at: now.addingTimeInterval(-600), actor: "admin", actorRole: .admin, action: "publisher.suspend",
                       objectKind: .publisher, objectID: "eve", publisher: "eve",
                       before: #"{"status":"active"}"#, after: #"{"status":"suspended"}"#, reason: "malware \u{1B}[2J in r2"),
            AuditEvent(id: 5, at: now.addingTimeInterval(-3600), actor: "rita", actorRole: .reviewer, action: "review.reject",
                       objectKind: .revision, objectID: "evil-term#1", package: "evil-term", publisher: "eve",
                       before: #"{"review":"pending"}"#, after: #"{"review":"rejected"}"#, reason: "malware"),
            AuditEvent(id: 4, at: now.addingTimeInterval(-2 * 86_400), actor: "canonical", actorRole: .publisher, action: "release",
                       objectKind: .channelMap, objectID: "hello-world", package: "hello-world", publisher: "canonical",
                       before: json(before), after: json(after)),
            AuditEvent(id: 3, at: now.addingTimeInterval(-3 * 86_400), actor: "rita", actorRole: .reviewer, action: "review.approve",
                       objectKind: .revision, objectID: "hello-world#28", package: "hello-world", publisher: "canonical",
                       before: #"{"review":"pending"}"#, after: #"{"review":"approved"}"#),
            AuditEvent(id: 2, at: now.addingTimeInterval(-10 * 86_400), actor: "admin", actorRole: .admin, action: "publisher.verify",
                       objectKind: .publisher, objectID: "canonical", publisher: "canonical",
                       before: #"{"validation":"unproven"}"#, after: #"{"validation":"verified"}"#, reason: "organisation checked"),
            AuditEvent(id: 1, at: now.addingTimeInterval(-30 * 86_400), actor: "admin", actorRole: .admin, action: "token.issue",
                       objectKind: .token, objectID: "tok-1"),
        ]
    }()

    // MARK: States

    /// Search results shown to `identity`.
    static func state(as identity: Identity, readOnly: Bool = false, width: Int = 80, height: Int = 24, useColor: Bool = true) -> AppState {
        var state = searchState(width: width, height: height, useColor: useColor)
        state.settings.identity = identity
        state.settings.readOnly = readOnly
        return state
    }

    /// hello-world opened on `tab` for `identity`.
    static func packageState(tab: PackageTab, as identity: Identity, readOnly: Bool = false, width: Int = 80, height: Int = 24,
                             useColor: Bool = true) -> AppState {
        var state = packageState(tab: tab, width: width, height: height, useColor: useColor)
        state.settings.identity = identity
        state.settings.readOnly = readOnly
        return state
    }

    /// The review queue, loaded.
    static func reviewQueueState(as identity: Identity = TestCatalogue.identity, width: Int = 80, height: Int = 24, useColor: Bool = true) -> AppState {
        var state = state(as: identity, width: width, height: height, useColor: useColor)
        state.screens = [.search(state.search), .reviewQueue]
        state.reviewQueue.list.items = reviewItems
        state.reviewQueue.list.hasLoaded = true
        return state
    }

    /// The publishers list, loaded.
    static func publishersState(width: Int = 80, height: Int = 24, useColor: Bool = true) -> AppState {
        var state = searchState(width: width, height: height, useColor: useColor)
        state.screens = [.search(state.search), .publishers(PublishersState())]
        state.publishers.list.items = publishers
        state.publishers.list.hasLoaded = true
        return state
    }

    /// Canonical's page: account, packages and audit entries loaded.
    static func publisherState(width: Int = 80, height: Int = 24, useColor: Bool = true) -> AppState {
        var state = publishersState(width: width, height: height, useColor: useColor)
        state.publishers.list.highlighted = 1
        var detail = PublisherDetailState(username: "canonical")
        detail.publisher.value = publishers[1]
        detail.packages.value = Page(items: summaries.filter { $0.publisher.username == "canonical" })
        detail.audit.value = Page(items: auditEvents.filter { $0.publisher == "canonical" })
        state.screens.append(.publisher(detail))
        return state
    }

    /// The audit log, loaded.
    static func auditState(width: Int = 80, height: Int = 24, useColor: Bool = true) -> AppState {
        var state = searchState(width: width, height: height, useColor: useColor)
        state.screens = [.search(state.search), .audit(AuditState())]
        state.audit.list.items = auditEvents
        state.audit.list.hasLoaded = true
        return state
    }

    /// The preview of `plan` on hello-world's channel map tab.
    static func previewState(_ plan: ReleasePlan, summary: String = "Release r28 to latest/beta", width: Int = 80, height: Int = 24,
                             useColor: Bool = true) -> AppState {
        var state = packageState(tab: .channels, width: width, height: height, useColor: useColor)
        _ = ReleasePreviewReducer.open(&state, plan: plan, summary: summary, done: "Released r28 to latest/beta")
        return state
    }

    static let releaseR28ToBeta = ReleasePlan([.release(revision: 28, channels: [channel("latest/beta")])])

    /// What someone else changed meanwhile: stable on amd64 moved from r20 to r24.
    static let conflictChanges: [ChannelChange] = {
        let amd = Platform(architecture: .amd64)
        let before = channelMap.serving(channel("stable"), on: amd)
        var after = before
        after.release = ChannelRelease(channel: channel("stable"), platform: amd, revision: 24, releasedAt: now)
        return [ChannelChange(channel: channel("stable"), platform: amd, before: before, after: after)]
    }()

    /// The channel map after the conflicting change (version 8).
    static let changedMap: ChannelMap = {
        var map = channelMap
        map.upsert(ChannelRelease(channel: channel("stable"), platform: Platform(architecture: .amd64), revision: 24, releasedAt: now))
        map.version = 8
        return map
    }()

    /// The conflict view: the store refused the plan because the map changed.
    static func conflictState(width: Int = 80, height: Int = 24, useColor: Bool = true) -> AppState {
        var state = previewState(releaseR28ToBeta, width: width, height: height, useColor: useColor)
        let effects = AppReducer.reduce(&state, .key(.character("y")))
        if case .applyPlan(_, _, _, let ticket)? = effects.first {
            _ = AppReducer.reduce(&state, .planApplied(ticket, .failure(.staleChannelMap(expected: 7, actual: 8, changes: conflictChanges))))
        }
        return state
    }

    /// Index of a channel row of the channel map (for moving the highlight).
    static func channelRow(_ text: String, _ architecture: Architecture = .amd64) -> Int {
        ChannelMapGrid(channelMap).targets.firstIndex { $0.channel == channel(text) && $0.platform.architecture == architecture } ?? 0
    }
}

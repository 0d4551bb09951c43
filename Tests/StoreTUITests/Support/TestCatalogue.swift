import Foundation
import StoreModels
import StoreService
@testable import StoreTUI

/// Hand-built store data for reducer and view tests, including hostile text.
enum TestCatalogue {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func name(_ text: String) -> PackageName {
        do { return try PackageName(text) } catch { fatalError("bad test name \(text)") }
    }

    static let canonical = PublisherSummary(id: "p1", username: "canonical", displayName: "Canonical", validation: .verified)
    static let alice = PublisherSummary(id: "p2", username: "alice", displayName: "Alice Example", validation: .unproven)
    static let star = PublisherSummary(id: "p3", username: "stardev", displayName: "Star Dev", validation: .starred)
    static let hostile = PublisherSummary(id: "p4", username: "eve", displayName: "Eve\u{1B}]0;pwned\u{07}\u{202E}evil", validation: .unproven)

    static let summaries: [PackageSummary] = [
        PackageSummary(id: "1", name: name("hello-world"), type: .snap, title: "Hello World", summary: "The simplest snap: prints a greeting.",
                       publisher: canonical, latestStableVersion: "6.4", categories: ["development"]),
        PackageSummary(id: "2", name: name("postgresql-k8s"), type: .charm, title: "PostgreSQL K8s", summary: "Charmed PostgreSQL operator for Kubernetes",
                       publisher: canonical, latestStableVersion: "14.11", categories: ["databases"]),
        PackageSummary(id: "3", name: name("alice-notes"), type: .snap, title: "Alice's notes", summary: "Take notes — 笔记 — 📝 fast",
                       publisher: alice, latestStableVersion: nil, categories: ["productivity"]),
        PackageSummary(id: "4", name: name("star-tool"), type: .snap, title: "Star tool", summary: "A starred developer's tool",
                       publisher: star, latestStableVersion: "2.0.1", categories: ["utilities"]),
        PackageSummary(id: "5", name: name("evil-term"), type: .snap, title: "\u{1B}[2JEvil", summary: "Clears \u{1B}[2J your \u{9B}31m screen\r overwritten \u{1B}]52;c;SGVsbG8=\u{07}",
                       publisher: hostile, latestStableVersion: "1.0\u{1B}[31m", categories: ["utilities"]),
    ]

    static let publisher = Publisher(id: "p1", username: "canonical", displayName: "Canonical", validation: .verified)

    static let package = Package(
        id: "1", name: name("hello-world"), type: .snap, title: "Hello World", summary: "The simplest snap: prints a greeting.",
        description: "A tiny program that says hello.\n\nIt is used to test stores, \u{1B}[31mterminals\u{1B}[0m and 世界 wide text that wraps across lines when the pane is narrow enough to need it.",
        publisherID: "p1", categories: ["development", "utilities"], license: "MIT",
        links: [Package.Link(kind: "website", url: "https://example.com/hello")],
        status: .published, tracks: ["latest", "2.0"], createdAt: now)

    static let detail = PackageDetail(package: package, publisher: publisher, collaborators: ["alice"])

    static let revisions: [Revision] = (1...30).map { n in
        Revision(number: n, version: "1.\(n)", architectures: n % 3 == 0 ? [.arm64] : [.amd64, .arm64], base: "core22",
                 size: Int64(n) * 1_234_567, sha3_384: String(repeating: "a", count: 96),
                 createdAt: now.addingTimeInterval(Double(n - 31) * 86_400), uploader: "canonical",
                 confinement: .strict, grade: .stable,
                 review: n == 30 ? .pending : (n == 29 ? .rejected(reason: "uses snapd-control") : .approved(notes: nil)))
    }

    static func channel(_ text: String) -> Channel {
        do { return try Channel(parsing: text) } catch { fatalError("bad channel \(text)") }
    }

    static let channelMap: ChannelMap = {
        let amd = Platform(architecture: .amd64), arm = Platform(architecture: .arm64)
        return ChannelMap(releases: [
            ChannelRelease(channel: channel("stable"), platform: amd, revision: 20, releasedAt: now),
            ChannelRelease(channel: channel("stable"), platform: amd, revision: 25, releasedAt: now, progressivePercentage: 20),
            ChannelRelease(channel: channel("beta"), platform: amd, revision: 26, releasedAt: now),
            ChannelRelease(channel: channel("edge/fix-1"), platform: amd, revision: 28, releasedAt: now, expiresAt: now.addingTimeInterval(12 * 86_400)),
            ChannelRelease(channel: channel("stable"), platform: arm, revision: 21, releasedAt: now),
            ChannelRelease(channel: channel("2.0/edge"), platform: arm, revision: 27, releasedAt: now),
        ], tracks: ["latest", "2.0"], version: 7)
    }()

    static let identity = Identity(account: .init(id: "a1", username: "admin", displayName: "Admin", role: .admin))

    /// A state showing search results.
    static func searchState(width: Int = 80, height: Int = 24, useColor: Bool = true) -> AppState {
        var state = AppState(settings: AppSettings(storeLocation: "/data/store-tui/store.sqlite", isRemote: false, identity: identity, useColor: useColor),
                             width: width, height: height, now: now)
        state.search.list.items = summaries
        state.search.list.hasLoaded = true
        state.search.query = "hel"
        state.search.list.total = summaries.count
        return state
    }

    /// A state with hello-world opened on `tab`, everything loaded.
    static func packageState(tab: PackageTab, width: Int = 80, height: Int = 24, useColor: Bool = true) -> AppState {
        var state = searchState(width: width, height: height, useColor: useColor)
        var package = PackageState(name: name("hello-world"))
        package.tab = tab
        package.detail.value = detail
        package.channelMap.value = channelMap
        package.revisions.list.items = revisions
        package.revisions.list.hasLoaded = true
        state.screens = [.search(state.search), .package(package)]
        return state
    }
}

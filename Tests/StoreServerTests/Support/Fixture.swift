import Foundation
import StoreModels
import StoreService

/// The small hand-built catalogue every server test starts from.
///
/// People: `admin`, `reviewer`, `alice` (verified publisher), `bob` (publisher, collaborator on
/// `hello`), `eve` (publisher), `mallory` (suspended). Packages:
/// - `hello` (alice): revisions 1 (amd64), 2 (amd64+arm64) approved, 3 pending. Map version 3:
///   latest/stable amd64 → 1, latest/edge amd64 + arm64 → 2, a live branch latest/beta/hotfix amd64 → 2,
///   2.0/stable amd64 → 1; tracks `latest`, `2.0`.
/// - `hello-world` (eve) and `world-clock` (alice): one revision on latest/stable.
/// - hidden: `secret-tool` (alice, private), `spam-hello` (mallory), `quarantined-hello` (eve).
/// - `postgresql-k8s` (eve): a charm released per base.
enum Fixture {
    static let users = ["admin", "reviewer", "alice", "bob", "eve", "mallory"]
    static let past = Date(timeIntervalSince1970: 1_720_000_000)
    static let future = Date(timeIntervalSince1970: 4_000_000_000)

    static func id(_ username: String) -> String { "acc-\(username)" }

    static let accounts: [CatalogueAccount] = [
        account("admin", role: .admin),
        account("reviewer", role: .reviewer),
        account("alice", role: .publisher, validation: .verified),
        account("bob", role: .publisher),
        account("eve", role: .publisher),
        account("mallory", role: .publisher, status: .suspended(reason: "spam")),
    ]

    static let publicSnaps = ["hello", "hello-world", "world-clock"]
    static let hiddenNames = ["secret-tool", "spam-hello", "quarantined-hello"]

    static var entries: [CatalogueEntry] {
        let hello = ChannelMap(releases: [
            release("latest/stable", .amd64, 1),
            release("latest/edge", .amd64, 2),
            release("latest/edge", .arm64, 2),
            ChannelRelease(channel: channel("latest/beta/hotfix"), platform: Platform(architecture: .amd64), revision: 2,
                           releasedAt: past, expiresAt: future),
            release("2.0/stable", .amd64, 1),
        ], tracks: ["latest", "2.0"], version: 3)
        let charmMap = ChannelMap(releases: [
            release("latest/stable", .amd64, 1, base: "ubuntu@22.04"),
            release("latest/edge", .amd64, 2, base: "ubuntu@24.04"),
        ], version: 2)
        return [
            entry("hello", owner: "alice", title: "Hello", summary: "Says hello to the world", categories: ["utilities"],
                  collaborators: [id("bob")],
                  revisions: [revision(1, "1.0", [.amd64]), revision(2, "1.1", [.amd64, .arm64]),
                              revision(3, "1.2", [.amd64], review: .pending)],
                  map: hello),
            entry("hello-world", owner: "eve", title: "Hello World", summary: "Another greeting program",
                  categories: ["utilities", "education"], revisions: [revision(1, "2.0", [.amd64])], map: stable(1)),
            entry("world-clock", owner: "alice", title: "World Clock", summary: "Shows the time around the world",
                  categories: ["utilities"], revisions: [revision(1, "3.1", [.amd64, .arm64])], map: stable(1)),
            entry("secret-tool", owner: "alice", title: "Secret Tool", summary: "Hello from a private tool",
                  categories: ["utilities"], isPrivate: true, revisions: [revision(1, "1.0", [.amd64])], map: stable(1)),
            entry("spam-hello", owner: "mallory", title: "Spam Hello", summary: "Hello hello hello",
                  categories: ["utilities"], revisions: [revision(1, "1.0", [.amd64])], map: stable(1)),
            entry("quarantined-hello", owner: "eve", title: "Quarantined Hello", summary: "Hello from quarantine",
                  categories: ["utilities"], status: .quarantined, revisions: [revision(1, "1.0", [.amd64])], map: stable(1)),
            entry("postgresql-k8s", type: .charm, owner: "eve", title: "PostgreSQL", summary: "Charmed PostgreSQL for Kubernetes",
                  categories: ["databases"],
                  revisions: [revision(1, "14.9", [.amd64], base: "ubuntu@22.04"), revision(2, "16.2", [.amd64], base: "ubuntu@24.04")],
                  map: charmMap),
        ]
    }

    // MARK: Builders

    static func account(_ username: String, role: Role, validation: Publisher.Validation = .unproven,
                        status: Publisher.AccountStatus = .active) -> CatalogueAccount {
        CatalogueAccount(
            publisher: Publisher(id: id(username), username: username, displayName: username.capitalized, validation: validation, status: status),
            role: role)
    }

    static func entry(
        _ name: String, type: PackageType = .snap, owner: String, title: String, summary: String, categories: [String],
        isPrivate: Bool = false, status: Package.Status = .published, collaborators: [String] = [], revisions: [Revision], map: ChannelMap
    ) -> CatalogueEntry {
        let package = Package(
            id: "pkg-\(name)", name: PackageName(trusted: name), type: type, title: title, summary: summary,
            description: "\(title): \(summary).", publisherID: id(owner), categories: categories, license: "MIT",
            links: [Package.Link(kind: "website", url: "https://example.com/\(name)")], status: status, isPrivate: isPrivate,
            tracks: map.tracks, createdAt: past)
        return CatalogueEntry(
            package: package, collaboratorIDs: collaborators,
            revisions: revisions.map { var revision = $0; revision.uploader = owner; return revision }, channelMap: map)
    }

    static func revision(_ number: Int, _ version: String, _ architectures: [Architecture], base: String? = nil,
                         review: ReviewStatus = .approved(notes: nil)) -> Revision {
        Revision(
            number: number, version: version, architectures: architectures, base: base, size: 1_000_000, sha3_384: digest(number),
            createdAt: past.addingTimeInterval(Double(number) * 3600), uploader: "", confinement: base == nil ? .strict : nil,
            grade: base == nil ? .stable : nil, permissions: base == nil ? ["network", "home"] : [], review: review)
    }

    static func release(_ channel: String, _ architecture: Architecture, _ revision: Int, base: String? = nil) -> ChannelRelease {
        ChannelRelease(channel: Fixture.channel(channel), platform: Platform(architecture: architecture, base: base), revision: revision,
                       releasedAt: past)
    }

    static func stable(_ revision: Int) -> ChannelMap {
        ChannelMap(releases: [release("latest/stable", .amd64, revision)], version: 1)
    }

    static func channel(_ text: String) -> Channel { (try? Channel(parsing: text)) ?? Channel(risk: .edge) }

    static func digest(_ seed: Int) -> String {
        let hex = String(seed, radix: 16)
        return String(repeating: "0", count: 96 - hex.count) + hex
    }

    /// An upload that passes the automated checks.
    static func cleanUpload(version: String = "9.0") -> RevisionUpload {
        RevisionUpload(version: version, architectures: [.amd64], size: 1_100_000, sha3_384: digest(0xabc), confinement: .strict,
                       grade: .stable, permissions: ["network", "home"])
    }
}

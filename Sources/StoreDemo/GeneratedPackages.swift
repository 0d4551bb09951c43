import Foundation
import StoreModels

/// Fills a ``PackageSpec`` for a generated package from its seeded generator.
enum GeneratedPackages {
    private static let day = 86_400.0
    private static let year = 365.25 * 86_400.0

    /// Whether generated package `ordinal` (0 = the first after the named ones) carries hostile text:
    /// the odd ordinals below 10, then one in fifty.
    static func isHostile(ordinal: Int) -> Bool {
        ordinal < 10 ? ordinal % 2 == 1 : ordinal % 50 == 25
    }

    /// The spec of the package at catalogue `index`.
    static func spec(at index: Int, context: DemoContext, rng: inout SplitMix64) -> PackageSpec {
        let ordinal = index - context.fixedCount
        let now = context.now
        let type: PackageType = rng.chance(3, in: 10) ? .charm : .snap
        let isCharm = type == .charm
        let isK8s = isCharm && rng.chance(6, in: 10)
        let generated = context.packageNames.name(at: ordinal, decoration: isK8s ? "-k8s" : "")
        let name = generated.name

        // Owner and collaborators
        let publisherCount = context.publishers.count
        let owner = ownerIndex(publisherCount: publisherCount, rng: &rng)
        var collaborators: [Int] = []
        if owner == DemoPublishers.aliceIndex, rng.chance(1, in: 2) { collaborators.append(DemoPublishers.bobIndex) }
        if rng.chance(12, in: 100) {
            for _ in 0..<(1 + rng.below(2)) {
                let candidate = DemoPublishers.fixedCount + rng.below(publisherCount - DemoPublishers.fixedCount)
                if candidate != owner, !collaborators.contains(candidate) { collaborators.append(candidate) }
            }
        }
        let ownerName = context.publishers[owner].username

        // Metadata
        var categories = [isCharm ? rng.pick(Prose.charmCategories) : rng.pick(Prose.primaryCategories)]
        if rng.chance(1, in: 4) {
            let second = rng.pick(Prose.primaryCategories)
            if second != categories[0] { categories.append(second) }
        }
        if !isCharm, rng.chance(2, in: 100) { categories.append("featured") }
        let license = rng.pick(Prose.licenses)
        let title = DemoText.title(words: generated.words, type: type, isK8s: isK8s, charmed: isCharm && rng.chance(1, in: 4))
        let summary = DemoText.summary(title: title, category: categories[0], type: type, isK8s: isK8s, rng: &rng)
        let links = DemoText.links(name: name, owner: ownerName, rng: &rng)
        let issues = links.first { $0.kind == "issues" }?.url ?? ""

        // Snap or charm specifics
        let confinement: Revision.Confinement?
        if isCharm {
            confinement = nil
        } else {
            let roll = rng.below(100)
            confinement = roll < 88 ? .strict : roll < 96 ? .classic : .devmode
        }
        let description = DemoText.description(
            name: name, title: title, summary: summary, type: type, isK8s: isK8s, classic: confinement == .classic,
            license: license, issues: issues, rng: &rng)
        let architectures = architectures(charm: isCharm, rng: &rng)
        let bases = isCharm ? charmBases(rng: &rng) : []
        let permissions: [String] = isCharm
            ? rng.sample(Prose.relations, count: 1 + rng.below(4))
            : confinement == .classic ? [] : rng.sample(Prose.interfaces, count: 2 + rng.below(5))
        let baseSize = isCharm ? 50_000 * pow400(rng.unit()) : 5_000_000 * pow60(rng.unit())

        // Time line
        let createdAt = now - 2 * day - rng.unit() * (3 * year - 2 * day)
        var lastActivity: Double
        switch rng.below(100) {
        case ..<45: lastActivity = now - 3600 - rng.unit() * 21 * day
        case ..<70: lastActivity = now - 21 * day - rng.unit() * 159 * day
        default: lastActivity = createdAt + rng.unit() * (now - createdAt)
        }
        lastActivity = min(max(lastActivity, createdAt + 3600), now - 3600)

        // Revisions and builds
        let isNewcomer = rng.chance(2, in: 100)
        var revisionCount: Int
        if isNewcomer {
            revisionCount = 1 + rng.below(2)
        } else if rng.chance(1, in: 700) {
            revisionCount = 150 + rng.below(451)
        } else {
            let u = rng.unit()
            revisionCount = 1 + Int(39 * u * u * u)
        }
        var spec = PackageSpec(
            index: index, name: name, type: type, ownerIndex: owner, collaboratorIndices: collaborators, title: title,
            summary: summary, description: description, categories: categories, license: license, links: links,
            isPrivate: rng.chance(2, in: 100), createdAt: createdAt, architectures: architectures, bases: bases,
            perArchitecture: architectures.count > 1 && rng.chance(isCharm ? 4 : 7, in: 10),
            confinement: confinement, grade: isCharm ? nil : confinement == .devmode ? .devel : .stable,
            permissions: permissions, baseSize: baseSize, revisionCount: revisionCount, builds: [])
        let buildCount = (revisionCount + spec.revisionsPerBuild - 1) / spec.revisionsPerBuild
        let eraTracks = makeBuilds(&spec, count: buildCount, lastActivity: lastActivity, rng: &rng)
        applyReviews(&spec, newcomer: isNewcomer, rng: &rng)
        planChannels(&spec, eraTracks: eraTracks, rng: &rng)
        if isHostile(ordinal: ordinal) {
            HostileDecoration.decorate(&spec, ordinal: ordinal, seed: context.seed)
        }
        return spec
    }

    // MARK: Parts

    private static func pow60(_ u: Double) -> Double { exp(u * 4.094_344_562) }  // 60^u
    private static func pow400(_ u: Double) -> Double { exp(u * 5.991_464_547) }  // 400^u

    private static func ownerIndex(publisherCount: Int, rng: inout SplitMix64) -> Int {
        let roll = rng.below(100)
        if roll < 6 { return DemoPublishers.canonicalIndex }
        if roll < 7 { return DemoPublishers.aliceIndex }
        if roll < 8 { return DemoPublishers.bobIndex }
        let u = rng.unit()
        let generated = publisherCount - DemoPublishers.fixedCount
        return DemoPublishers.fixedCount + min(generated - 1, Int(Double(generated) * u * u))
    }

    private static func architectures(charm: Bool, rng: inout SplitMix64) -> [Architecture] {
        var result: [Architecture] = [.amd64]
        if charm {
            if rng.chance(35, in: 100) { result.append(.arm64) }
            if rng.chance(3, in: 100) { result.append(.ppc64el) }
            if rng.chance(4, in: 100) { result.append(.s390x) }
        } else {
            if rng.chance(55, in: 100) { result.append(.arm64) }
            if rng.chance(25, in: 100) { result.append(.armhf) }
            if rng.chance(6, in: 100) { result.append(.ppc64el) }
            if rng.chance(5, in: 100) { result.append(.s390x) }
            if rng.chance(5, in: 100) { result.append(.riscv64) }
        }
        return result
    }

    private static func charmBases(rng: inout SplitMix64) -> [String] {
        switch rng.below(100) {
        case ..<30: ["ubuntu@22.04"]
        case ..<50: ["ubuntu@24.04"]
        case ..<60: ["ubuntu@20.04"]
        case ..<80: ["ubuntu@20.04", "ubuntu@22.04"]
        default: ["ubuntu@22.04", "ubuntu@24.04"]
        }
    }

    private static func snapBaseSeries(createdAt: Double, now: Double, rng: inout SplitMix64) -> [String] {
        if now - createdAt > 2 * year {
            return rng.pick([["core20"], ["core20", "core22"], ["core20", "core22", "core24"]])
        }
        return rng.pick([["core22"], ["core22", "core24"], ["core24"], ["core22"]])
    }

    /// Fills `spec.builds` and the extra tracks; returns the era tracks, oldest first (empty for one track).
    private static func makeBuilds(_ spec: inout PackageSpec, count: Int, lastActivity: Double, rng: inout SplitMix64) -> [String] {
        let isCharm = spec.type == .charm
        let series = isCharm ? [] : snapBaseSeries(createdAt: spec.createdAt, now: lastActivity, rng: &rng)
        let multiTrack = count >= 2 && rng.chance(count > 100 ? 60 : 12, in: 100)
        let eraCount = multiTrack ? min(count, 2 + rng.below(2)) : 1
        let shortTracks = isCharm ? rng.chance(7, in: 10) : rng.chance(2, in: 10)
        var major = multiTrack ? 1 + rng.below(8) : rng.below(4)
        var minor = multiTrack && !shortTracks ? rng.below(4) : rng.below(10)
        var patch = 0
        var eraTracks: [String] = []
        var era = -1
        let span = lastActivity - spec.createdAt
        spec.builds.reserveCapacity(count)
        for build in 0..<count {
            let buildEra = build * eraCount / count
            if buildEra != era {
                if era >= 0 {
                    major += 1
                    minor = shortTracks ? 0 : rng.below(4)
                    patch = 0
                }
                era = buildEra
                if multiTrack { eraTracks.append(shortTracks ? String(major) : String(major) + "." + String(minor)) }
            } else if !multiTrack && rng.chance(3, in: 100) {
                major += 1
                minor = 0
                patch = 0
            } else if (!multiTrack || shortTracks) && rng.chance(15, in: 100) {
                minor += 1
                patch = 0
            } else {
                patch += 1
            }
            let slot = (Double(build) + 1 - 0.3 * rng.unit()) / Double(count)
            var tracks = [Channel.latestTrack]
            if multiTrack {
                let eraTrack = eraTracks[eraTracks.count - 1]
                tracks = buildEra == eraCount - 1 ? [eraTrack, Channel.latestTrack] : [eraTrack]
            }
            spec.builds.append(PackageSpec.Build(
                version: String(major) + "." + String(minor) + "." + String(patch),
                time: spec.createdAt + span * slot, tracks: tracks,
                snapBase: series.isEmpty ? nil : series[build * series.count / count]))
        }
        spec.extraTracks = eraTracks
        if multiTrack {
            if rng.chance(1, in: 4) {
                spec.extraTracks.append(shortTracks ? String(major + 1) : String(major + 1) + ".0")
            }
            if rng.chance(3, in: 10), let newest = eraTracks.last { spec.defaultTrack = newest }
        }
        return eraTracks
    }

    private static func applyReviews(_ spec: inout PackageSpec, newcomer: Bool, rng: inout SplitMix64) {
        if spec.confinement == .classic, !spec.builds.isEmpty {
            spec.builds[0].review = .approvedWithNote(Prose.approvalNotes[0])
        }
        if newcomer {
            for index in spec.builds.indices {
                spec.builds[index].review = .pending(pendingChecks(&spec, build: index, rng: &rng))
            }
            return
        }
        let count = spec.builds.count
        if count >= 2, rng.chance(4, in: 100) {
            spec.builds[1 + rng.below(count - 1)].review = .rejected(rng.pick(Prose.rejectionReasons))
        }
        if count >= 2, rng.chance(7, in: 100) {
            spec.builds[count - 1].review = .pending(pendingChecks(&spec, build: count - 1, rng: &rng))
        }
        if count >= 3, rng.chance(1, in: 100) {
            let index = rng.below(count - 1)
            if case .approved = spec.builds[index].review {
                spec.builds[index].review = .approvedWithNote(rng.pick(Prose.approvalNotes))
            }
        }
    }

    /// One or two findings for a pending build, adjusting the build to match them.
    private static func pendingChecks(_ spec: inout PackageSpec, build index: Int, rng: inout SplitMix64) -> [CheckResult] {
        var checks: [CheckResult] = []
        let isCharm = spec.type == .charm
        let kinds = 1 + (rng.chance(1, in: 4) ? 1 : 0)
        var choices = [0, 1, 2]
        for _ in 0..<kinds where !choices.isEmpty {
            let choice = choices.remove(at: rng.below(choices.count))
            switch choice {
            case 0:
                let factor = 2.5 + rng.unit() * 4
                spec.builds[index].sizeFactor = factor
                checks.append(DemoReview.sizeJump(from: spec.baseSize, factor: factor))
            case 1 where !isCharm && spec.confinement == .strict:
                spec.builds[index].confinement = .classic
                checks.append(DemoReview.confinementChange(from: .strict, to: .classic))
            default:
                let pool = isCharm ? Prose.relations : Prose.sensitiveInterfaces
                let fresh = pool.filter { !spec.permissions.contains($0) }
                let added = fresh.isEmpty ? "system-files" : rng.pick(fresh)
                spec.builds[index].addedPermission = added
                checks.append(DemoReview.newInterface(added, charm: isCharm))
            }
        }
        if checks.isEmpty {
            spec.builds[index].addedPermission = "system-files"
            checks.append(DemoReview.newInterface("system-files", charm: isCharm))
        }
        return checks
    }

    private static func planChannels(_ spec: inout PackageSpec, eraTracks: [String], rng: inout SplitMix64) {
        guard !spec.builds.isEmpty, rng.chance(98, in: 100) else { return }
        let develOnly = spec.grade == .devel
        func step() -> Int { rng.chance(35, in: 100) ? 0 : 1 + rng.below(3) }
        func pattern(full: Bool) -> [(risk: Risk, offset: Int)] {
            var risks: [Risk]
            if develOnly {
                risks = rng.chance(1, in: 2) ? [.edge] : [.edge, .beta]
            } else if !full {
                risks = rng.chance(1, in: 2) ? [.stable] : [.candidate, .stable]
            } else {
                switch rng.below(100) {
                case ..<30: risks = [.edge, .beta, .candidate, .stable]
                case ..<55: risks = [.edge, .stable]
                case ..<75: risks = [.stable]
                case ..<85: risks = [.candidate, .stable]
                case ..<93: risks = [.edge, .beta]
                case ..<97: risks = [.edge]
                default: risks = [.candidate]
                }
            }
            var offset = 0
            var result: [(risk: Risk, offset: Int)] = []
            for (position, risk) in risks.enumerated() {
                if position > 0 { offset += step() }
                result.append((risk, offset))
            }
            return result
        }
        if eraTracks.isEmpty {
            spec.plans = [PackageSpec.TrackPlan(track: Channel.latestTrack, risks: pattern(full: true))]
        } else {
            spec.plans = [PackageSpec.TrackPlan(track: Channel.latestTrack, risks: pattern(full: true))]
            for (position, track) in eraTracks.enumerated() {
                let isNewest = position == eraTracks.count - 1
                if !isNewest, rng.chance(1, in: 5) { continue }  // an old track closed: nothing released
                spec.plans.append(PackageSpec.TrackPlan(track: track, risks: pattern(full: isNewest)))
            }
        }
        let latestPlan = spec.plans[0].risks
        if spec.builds.count >= 3, rng.chance(5, in: 100),
            let stable = latestPlan.firstIndex(where: { $0.risk == .stable })
        {
            spec.plans[0].risks[stable].offset = max(spec.plans[0].risks[stable].offset, 1 + rng.below(2))
            let percentages = [5, 10, 20, 25, 30, 50, 75, 90]
            spec.progressive = PackageSpec.Progressive(track: Channel.latestTrack, risk: .stable, percentage: rng.pick(percentages))
        }
        if rng.chance(6, in: 100) {
            let risk: Risk = develOnly ? .edge : rng.pick([.edge, .edge, .beta, .candidate, .stable])
            let prefix = rng.pick(["fix-", "hotfix-", "pr-", "test-"])
            spec.branches = [PackageSpec.Branch(
                track: eraTracks.last ?? Channel.latestTrack, risk: risk,
                name: prefix + String(100 + rng.below(9900)), age: nil)]
        }
    }
}

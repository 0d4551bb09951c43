import Foundation
import StoreModels
import StoreService

/// Adoption history for the demo's popular snaps, made at seed time as daily figures (not as events),
/// so a first run shows charts at once.
///
/// Each package gets a fleet of a few hundred to a few thousand devices that grows over ``days`` days;
/// each device follows one released channel and architecture (stable most, then candidate, beta, edge;
/// amd64 most, then arm64), is active on about three days in four, and refreshes two to five times a
/// day. On stable, devices move from the previous revision to the released one over the last two weeks,
/// as a progressive release would. Distinct devices are real sketches of the fleet's (made-up) device
/// hashes at ``DistinctSketch/compactPrecision``, so days and channels merge as recorded ones do.
public enum DemoHistory {
    /// Days of history per package, ending on the seed's day.
    public static let days = 90
    /// How many of the catalogue's first entries get history (the snaps among them).
    public static let packages = 12

    /// The history of the first ``packages`` entries of `catalogue`, ending on the day of its `now`.
    public static func figures(of catalogue: DemoCatalogue) -> [MetricsSlice: MetricsFigures] {
        let lastDay = MetricsDays.day(of: catalogue.now)
        var all: [MetricsSlice: MetricsFigures] = [:]
        for entry in catalogue.entries().prefix(packages) {
            all.merge(figures(of: entry, seed: catalogue.seed, lastDay: lastDay)) { first, _ in first }
        }
        return all
    }

    /// One slot of a fleet: a released channel and architecture, and the revision before the current one
    /// (stable's devices move from it during the last two weeks).
    private struct Slot {
        var channel: String
        var architecture: String
        var revision: Int
        var previous: Int?
        var weight: Int
    }

    /// The history of one entry: nothing for a charm, a hidden package or one with nothing released.
    static func figures(of entry: CatalogueEntry, seed: UInt64, lastDay: String) -> [MetricsSlice: MetricsFigures] {
        let package = entry.package
        guard package.type == .snap, !package.isPrivate, package.status == .published else { return [:] }
        let slots = slots(of: entry)
        guard !slots.isEmpty else { return [:] }
        let packageSeed = SplitMix64.mix(seed ^ DistinctSketch.hash(package.id))
        var rng = SplitMix64(seed: packageSeed)
        let fleet = rng.int(in: 300...3000)
        let hashes = (0..<fleet).map { SplitMix64.mix(packageSeed ^ (UInt64($0) << 20)) }
        let totalWeight = slots.reduce(0) { $0 + $1.weight }
        // Each device's slot, and the day it moves to the current revision (stable only).
        var slotOf = [Int](repeating: 0, count: fleet)
        var movesOn = [Int](repeating: 0, count: fleet)
        for device in 0..<fleet {
            var pick = Int(SplitMix64.mix(packageSeed &+ UInt64(device)) % UInt64(totalWeight))
            var index = 0
            while pick >= slots[index].weight {
                pick -= slots[index].weight
                index += 1
            }
            slotOf[device] = index
            movesOn[device] = days - 14 + Int(SplitMix64.mix(packageSeed ^ UInt64(device) &* 31) % 14)
        }
        var result: [MetricsSlice: MetricsFigures] = [:]
        for day in 0..<days {
            guard let date = MetricsDays.day(lastDay, offset: day - days + 1) else { continue }
            let population = fleet * (60 + 40 * day / (days - 1)) / 100
            let joined = day == 0 ? 0 : fleet * (60 + 40 * (day - 1) / (days - 1)) / 100
            var today = [MetricsFigures?](repeating: nil, count: slots.count * 2)
            for device in 0..<population {
                let roll = SplitMix64.mix(packageSeed &+ UInt64(device) &* 0x1_0000 &+ UInt64(day))
                guard roll % 4 != 0 else { continue }
                let slot = slots[slotOf[device]]
                let onPrevious = slot.previous != nil && day < movesOn[device]
                let key = slotOf[device] * 2 + (onPrevious ? 1 : 0)
                // Mutated in place: a copy would copy the sketch's registers on every device.
                if today[key] == nil { today[key] = MetricsFigures(devices: DistinctSketch(precision: DistinctSketch.compactPrecision)) }
                today[key]!.requests += 2 + Int(roll >> 60) % 4
                if device >= joined || (slot.previous != nil && day == movesOn[device]) { today[key]!.downloads += 1 }
                today[key]!.devices.add(hash: hashes[device])
            }
            for (key, figures) in today.enumerated() {
                guard let figures else { continue }
                let slot = slots[key / 2]
                let revision = key % 2 == 1 ? slot.previous ?? slot.revision : slot.revision
                result[MetricsSlice(day: date, packageID: package.id, channel: slot.channel, revision: revision,
                                    architecture: slot.architecture)] = figures
            }
        }
        return result
    }

    /// The entry's released channels (no branches), weighted by how many devices follow them.
    private static func slots(of entry: CatalogueEntry) -> [Slot] {
        let riskWeight: [Risk: Int] = [.stable: 80, .candidate: 10, .beta: 6, .edge: 4]
        return entry.channelMap.releases.compactMap { release -> Slot? in
            guard release.channel.branch == nil else { return nil }
            let architecture = release.platform.architecture
            let weight = (riskWeight[release.channel.risk] ?? 1) * (architecture == .amd64 ? 8 : architecture == .arm64 ? 2 : 1)
            let previous = release.channel.risk == .stable
                ? entry.revisions.filter { $0.number < release.revision && $0.architectures.contains(architecture) }.map(\.number).max()
                : nil
            return Slot(channel: release.channel.fullName, architecture: architecture.rawValue, revision: release.revision,
                        previous: previous, weight: weight)
        }
    }
}

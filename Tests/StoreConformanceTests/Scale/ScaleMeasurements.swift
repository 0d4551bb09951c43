import Foundation
import StoreModels
import StoreService

/// Lookup latency, release-plan throughput and their report, measured the same way on every engine.
enum ScaleMeasurements {
    /// Packages looked up per benchmark run.
    static let lookupCount = 2000
    /// Release plans applied per benchmark run.
    static let planCount = 2000

    /// `count` distinct names drawn from `names` with a seeded generator (all of them when fewer).
    static func sample(_ names: [String], count: Int, seed: UInt64) -> [String] {
        var random = SplitMix(seed: seed)
        var pool = names
        var chosen: [String] = []
        while chosen.count < count, !pool.isEmpty {
            let index = Int(random.next() % UInt64(pool.count))
            pool.swapAt(index, pool.count - 1)
            chosen.append(pool.removeLast())
        }
        return chosen
    }

    /// Latencies of opening a package as the console does: `package(named:)`, then `channelMap(of:)`.
    static func lookups(_ service: any StoreService, names: [String]) async throws -> (both: [Duration], package: [Duration], map: [Duration]) {
        let clock = ContinuousClock()
        for name in names.prefix(50) { _ = try await service.channelMap(of: PackageName(trusted: name)) }  // warm up
        var both: [Duration] = [], package: [Duration] = [], map: [Duration] = []
        for name in names {
            let packageName = PackageName(trusted: name)
            let start = clock.now
            _ = try await service.package(named: packageName)
            let middle = clock.now
            _ = try await service.channelMap(of: packageName)
            let end = clock.now
            both.append(end - start)
            package.append(middle - start)
            map.append(end - middle)
        }
        return (both, package, map)
    }

    /// Applies one real release plan to each package in turn, sequentially, expecting the channel
    /// map version read beforehand (as the console's preview does): alternately "release the edge
    /// revision to candidate and beta" and "promote edge to beta".
    /// - Returns: the time for all the plans (reads excluded), each plan's latency, and how many applied.
    static func releasePlans(_ service: any StoreService, names: [String]) async throws -> (total: Duration, each: [Duration], applied: Int) {
        var plans: [(PackageName, ReleasePlan, Int)] = []
        for (index, name) in names.enumerated() {
            let packageName = PackageName(trusted: name)
            let map = try await service.channelMap(of: packageName)
            guard let edge = map.releases.first(where: { $0.channel == Channel(risk: .edge) && !$0.isProgressive }) else { continue }
            let plan = index % 2 == 0
                ? ReleasePlan([.release(revision: edge.revision, channels: [Channel(risk: .candidate), Channel(risk: .beta)])])
                : ReleasePlan([.promote(from: Channel(risk: .edge), to: Channel(risk: .beta))])
            plans.append((packageName, plan, map.version))
        }
        let clock = ContinuousClock()
        var each: [Duration] = []
        let total = try await clock.measure {
            for (name, plan, version) in plans {
                let start = clock.now
                _ = try await service.apply(plan, to: name, expecting: version)
                each.append(clock.now - start)
            }
        }
        return (total, each, plans.count)
    }

    /// The Markdown lines reporting lookups, plans and the database size.
    static func report(
        lookups: (both: [Duration], package: [Duration], map: [Duration]),
        plans: (total: Duration, each: [Duration], applied: Int), databaseBytes: Int64
    ) -> [String] {
        func row(_ title: String, _ values: [Duration]) -> String {
            let sorted = values.sorted()
            return "| \(title) | \(sorted.count) | \(SQLiteScaleBenchmark.format(SQLiteScaleBenchmark.percentile(sorted, 0.5))) | "
                + "\(SQLiteScaleBenchmark.format(SQLiteScaleBenchmark.percentile(sorted, 0.99))) | "
                + "\(SQLiteScaleBenchmark.format(sorted.last ?? .zero)) |"
        }
        let seconds = Double(plans.total.components.seconds) + Double(plans.total.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(plans.applied) / seconds : 0
        return [
            "Package lookups (random names, as the console opens a package; the local admin sees every package):", "",
            "| call | count | p50 | p99 | max |", "|---|---:|---:|---:|---:|",
            row("`package(named:)` then `channelMap(of:)`", lookups.both),
            row("`package(named:)`", lookups.package),
            row("`channelMap(of:)`", lookups.map),
            "",
            "Release plans applied one after another as the admin (half \"release the edge revision to candidate and beta\", "
                + "half \"promote edge to beta\", each on a different random package, expecting the version read before): "
                + "\(plans.applied) plans in \(SQLiteScaleBenchmark.format(plans.total)), "
                + String(format: "**%.0f plans/s**", rate) + ".", "",
            "| call | count | p50 | p99 | max |", "|---|---:|---:|---:|---:|",
            row("`apply(_:to:expecting:)`", plans.each),
            "",
            "Database size after the import, the audit events and the plans: "
                + String(format: "%.0f MB", Double(databaseBytes) / 1_000_000) + ".",
        ]
    }
}

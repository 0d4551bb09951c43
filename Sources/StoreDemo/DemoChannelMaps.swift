import Foundation
import StoreModels

/// Builds a package's channel map with the stores' semantics from its builds and a plan.
///
/// Only approved revisions are released, each only on platforms it supports. Risks a plan leaves
/// out stay empty, so they follow the next safer risk; a track with no builds stays closed.
enum DemoChannelMaps {
    private static let hour = 3600.0
    private static let day = 86_400.0
    /// How far back (in builds) a release looks for an approved revision supporting a platform.
    private static let searchDepth = 16

    /// The channel map for `spec`.
    static func make(
        for spec: PackageSpec, revisions: [Revision], builds: [Range<Int>], now: Double, rng: inout SplitMix64
    ) -> ChannelMap {
        let tracks = [Channel.latestTrack] + spec.extraTracks
        let platforms = spec.platforms
        var releases: [ChannelRelease] = []
        let latestRelease = now - 60

        func pool(_ track: String) -> [Int] {
            spec.builds.indices.filter { spec.builds[$0].tracks.contains(track) }
        }

        /// The newest approved revision supporting `platform` in `pool[...position]`, created no later than `notAfter`.
        func newest(_ pool: [Int], from position: Int, on platform: Platform, notAfter: Double = .infinity) -> Revision? {
            guard !pool.isEmpty else { return nil }
            var current = min(position, pool.count - 1)
            let lowest = max(0, current - searchDepth)
            while current >= lowest {
                for index in builds[pool[current]].reversed() {
                    let revision = revisions[index]
                    if revision.review.isApproved, revision.supports(platform),
                        revision.createdAt.timeIntervalSince1970 <= notAfter
                    {
                        return revision
                    }
                }
                current -= 1
            }
            return nil
        }

        func releaseTime(of revision: Revision, risk: Risk) -> Date {
            let created = revision.createdAt.timeIntervalSince1970
            let delay: Double = switch risk {
            case .edge: 600 + Double(rng.below(6600))
            case .beta: hour + Double(rng.below(23)) * hour
            case .candidate: day + Double(rng.below(72)) * hour
            case .stable: 3 * day + Double(rng.below(168)) * hour
            }
            return Date(timeIntervalSince1970: max(created, min(created + delay, latestRelease)))
        }

        for plan in spec.plans {
            let buildPool = pool(plan.track)
            for (risk, offset) in plan.risks {
                let position = buildPool.count - 1 - offset
                let channel = Channel(track: plan.track, risk: risk)
                for platform in platforms {
                    guard let revision = newest(buildPool, from: max(position, 0), on: platform) else { continue }
                    releases.append(ChannelRelease(
                        channel: channel, platform: platform, revision: revision.number,
                        releasedAt: releaseTime(of: revision, risk: risk)))
                }
            }
        }

        if let progressive = spec.progressive {
            let buildPool = pool(progressive.track)
            let channel = Channel(track: progressive.track, risk: progressive.risk)
            let plains = releases.filter { $0.channel == channel }
            for plain in plains {
                guard let newer = newest(buildPool, from: buildPool.count - 1, on: plain.platform),
                    newer.number > plain.revision
                else { continue }
                let start = max(plain.releasedAt.timeIntervalSince1970, newer.createdAt.timeIntervalSince1970)
                releases.append(ChannelRelease(
                    channel: channel, platform: plain.platform, revision: newer.number,
                    releasedAt: Date(timeIntervalSince1970: max(start, min(start + day, latestRelease))),
                    progressivePercentage: progressive.percentage))
            }
        }

        for branch in spec.branches {
            let buildPool = pool(branch.track)
            let channel = Channel(track: branch.track, risk: branch.risk, branch: branch.name)
            let fixedTime = branch.age.map { now - $0 }
            for platform in platforms {
                guard let revision = newest(buildPool, from: buildPool.count - 1, on: platform, notAfter: fixedTime ?? .infinity)
                else { continue }
                let created = revision.createdAt.timeIntervalSince1970
                let released = fixedTime ?? max(created, min(created + 2 * hour, latestRelease))
                releases.append(ChannelRelease(
                    channel: channel, platform: platform, revision: revision.number,
                    releasedAt: Date(timeIntervalSince1970: released),
                    expiresAt: Date(timeIntervalSince1970: released + ChannelMap.branchLifetime)))
            }
        }
        return ChannelMap(releases: releases, tracks: tracks, version: releases.isEmpty ? 0 : 1 + releases.count / 4)
    }
}

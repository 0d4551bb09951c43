import Foundation

extension ChannelMap {
    /// How long a branch lives after the last release into it.
    public static let branchLifetime: TimeInterval = 30 * 24 * 3600

    /// Applies `plan` and returns the new map with the before/after difference of every channel.
    ///
    /// Pure: storage applies the same function inside its transaction and the console uses it to
    /// preview. The version is bumped once.
    /// - Parameters:
    ///   - revisions: the package's revisions by number.
    ///   - type: the package type (decides whether platforms carry a base).
    ///   - now: the release time (branches expire 30 days later).
    /// - Throws: `PlanError` for the first invalid operation; nothing is applied.
    public func applying(
        _ plan: ReleasePlan, revisions: [Int: Revision], type: PackageType, now: Date
    ) throws(PlanError) -> PlanOutcome {
        if plan.isEmpty { throw .emptyPlan }
        var map = self
        var released: [ChannelRelease] = []
        var closed: [Channel] = []
        for operation in plan.operations {
            switch operation {
            case .release(let number, let channels, let progressive, let platforms, let resources):
                guard let revision = revisions[number] else { throw .unknownRevision(number) }
                let entries = try map.release(
                    revision, to: channels, progressive: progressive, platforms: platforms, resources: resources ?? [], type: type, now: now)
                released.append(contentsOf: entries)
            case .promote(let from, let to, let platforms):
                if from == to { throw .promoteToSameChannel(from) }
                try map.checkTrack(of: to)
                var any = false
                for platform in platforms ?? map.platforms {
                    guard let source = map.serving(from, on: platform).release else { continue }
                    guard let revision = revisions[source.revision] else { throw .unknownRevision(source.revision) }
                    released += try map.release(
                        revision, to: [to], progressive: nil, platforms: [platform], resources: source.resources, type: type, now: now)
                    any = true
                }
                if !any { throw .nothingToPromote(from: from) }
            case .close(let channels, let platforms):
                if channels.isEmpty { throw .noChannels }
                for channel in channels {
                    try map.checkTrack(of: channel)
                    map.remove { $0.channel == channel && (platforms?.contains($0.platform) ?? true) }
                    closed.append(channel)
                }
            case .setProgress(let channel, let percentage, let platforms):
                guard (0...100).contains(percentage) else { throw .invalidPercentage(percentage) }
                let targets = map.releases.filter {
                    $0.channel == channel && $0.isProgressive && (platforms?.contains($0.platform) ?? true)
                }
                if targets.isEmpty { throw .noProgressiveRelease(channel) }
                for target in targets {
                    map.remove { $0 == target }
                    if percentage == 0 { continue }
                    var updated = target
                    updated.releasedAt = now
                    updated.progressivePercentage = percentage == 100 ? nil : percentage
                    map.upsert(updated)
                    released.append(updated)
                }
            }
        }
        map.version = version + 1
        map.closedSlots = map.closing(from: self)
        return PlanOutcome(map: map, changes: differences(to: map), released: released, closed: closed)
    }

    /// Every channel and platform whose serving differs between this map and `other`.
    public func differences(to other: ChannelMap) -> [ChannelChange] {
        let platforms = Array(Set(self.platforms + other.platforms)).sorted()
        var channels = self.channels
        for channel in other.channels where !channels.contains(channel) { channels.append(channel) }
        channels.sort()
        var changes: [ChannelChange] = []
        for channel in channels {
            for platform in platforms {
                let before = serving(channel, on: platform)
                let after = other.serving(channel, on: platform)
                if !before.isSame(as: after) {
                    changes.append(ChannelChange(channel: channel, platform: platform, before: before, after: after))
                }
            }
        }
        return changes
    }

    private func checkTrack(of channel: Channel) throws(PlanError) {
        guard tracks.contains(channel.track) else { throw .unknownTrack(channel.track, known: tracks) }
    }

    private mutating func release(
        _ revision: Revision, to channels: [Channel], progressive: Int?, platforms: [Platform]?, resources: [ResourceAttachment],
        type: PackageType, now: Date
    ) throws(PlanError) -> [ChannelRelease] {
        if channels.isEmpty { throw .noChannels }
        guard revision.review.isApproved else {
            throw .revisionNotApproved(revision.number, status: revision.review.word, note: revision.review.note)
        }
        if let progressive, !(1...99).contains(progressive) { throw .invalidPercentage(progressive) }
        let targets: [Platform]
        if let platforms {
            for platform in platforms where !revision.supports(platform) {
                throw .wrongArchitecture(revision: revision.number, platform: platform)
            }
            targets = platforms
        } else {
            targets = revision.platforms(for: type)
        }
        var written: [ChannelRelease] = []
        for channel in channels {
            try checkTrack(of: channel)
            for platform in targets {
                let entry = ChannelRelease(
                    channel: channel, platform: platform, revision: revision.number, releasedAt: now,
                    expiresAt: channel.isBranch ? now.addingTimeInterval(ChannelMap.branchLifetime) : nil,
                    progressivePercentage: progressive, resources: resources)
                if progressive == nil {
                    // A plain release replaces any progressive one in flight.
                    remove { $0.channel == channel && $0.platform == platform && $0.isProgressive }
                }
                upsert(entry)
                written.append(entry)
            }
        }
        return written
    }
}

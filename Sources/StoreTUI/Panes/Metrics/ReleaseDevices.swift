import StoreModels

/// How many devices each release reaches: figures by ``MetricsBreakdown/release`` read back per
/// channel, architecture and revision, for the channel map's cells, a progressive release's reach
/// and the release preview. A day's figure is the larger of yesterday's and today's so far.
struct ReleaseDevices: Hashable {
    /// How many days the figures cover: yesterday and today.
    static let days = 2

    private var counts: [Key: Int] = [:]

    private struct Key: Hashable {
        var channel: String
        var architecture: String
        var revision: Int
    }

    /// The devices in `metrics`; series whose label is not `CHANNEL ARCH rN` are ignored (labels
    /// come from the store).
    init(_ metrics: PackageMetrics) {
        guard metrics.breakdown == .release else { return }
        for series in metrics.series {
            let parts = series.label.split(separator: " ")
            guard parts.count == 3, parts[2].hasPrefix("r"), let revision = Int(parts[2].dropFirst()) else { continue }
            let key = Key(channel: String(parts[0]), architecture: String(parts[1]), revision: revision)
            counts[key, default: 0] += max(0, series.activeDevices.suffix(Self.days).max() ?? 0)
        }
    }

    /// Whether any figure was read.
    var isEmpty: Bool { counts.isEmpty }

    /// Devices following `channel` on `platform` (every revision), or on one `revision` of it.
    func devices(_ channel: Channel, on platform: Platform, revision: Int? = nil) -> Int {
        counts.reduce(0) { sum, entry in
            let (key, count) = entry
            guard key.channel == channel.fullName, key.architecture == platform.architecture.rawValue,
                  revision.map({ $0 == key.revision }) ?? true else { return sum }
            return MetricsChart.adding(sum, count)
        }
    }

    /// About how many devices `changes` move: every device of a cell whose revision changes, and
    /// the share a progressive release gains or gives back of the others.
    func moved(by changes: [ChannelChange]) -> Int {
        changes.reduce(0) { sum, change in
            let onCell = devices(change.channel, on: change.platform)
            if change.before.revision != change.after.revision { return MetricsChart.adding(sum, onCell) }
            let before = change.before.progressive, after = change.after.progressive
            let share: Int
            switch (before, after) {
            case let (old?, new?) where old.revision == new.revision:
                share = abs((new.progressivePercentage ?? 100) - (old.progressivePercentage ?? 100))
            case (_, let new?): share = new.progressivePercentage ?? 100
            case (let old?, nil): share = old.progressivePercentage ?? 100
            case (nil, nil): share = 0
            }
            return MetricsChart.adding(sum, Int(Double(onCell) * Double(share) / 100))
        }
    }
}

extension PackageState {
    /// The channel map's device figures, once loaded.
    var devicesOnCells: ReleaseDevices? {
        releaseDevices.value.map(ReleaseDevices.init).flatMap { $0.isEmpty ? nil : $0 }
    }
}

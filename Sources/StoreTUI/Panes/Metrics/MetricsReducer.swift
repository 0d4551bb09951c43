import StoreModels
import StoreService

/// The Metrics tab's keys: `d` steps the range (7, 30, 90 days), `b` the breakdown (channel,
/// version, architecture), each loading the figures again; ←/→ move the day shown in full.
enum MetricsReducer {
    static func run(_ command: Command, _ package: inout PackageState, _ step: inout PaneStep) {
        switch command {
        case .cycleRange:
            let ranges = MetricsState.ranges
            let index = ranges.firstIndex(of: package.metrics.days) ?? 0
            package.metrics.days = ranges[(index + 1) % ranges.count]
            package.metrics.cursor = nil
            load(&package, &step)
        case .cycleBreakdown:
            let all = MetricsBreakdown.allCases
            let index = all.firstIndex(of: package.metrics.breakdown) ?? 0
            package.metrics.breakdown = all[(index + 1) % all.count]
            load(&package, &step)
        case .moveLeft, .moveRight:
            guard let days = package.metrics.figures.value?.range.days, days > 0 else { return }
            let current = package.metrics.cursorDay(of: days)
            let next = min(max(0, current + (command == .moveLeft ? -1 : 1)), days - 1)
            package.metrics.cursor = next == days - 1 ? nil : next
        default:
            break
        }
    }

    /// Asks once for the devices on each release (yesterday and today), for the channel map, when
    /// the package has loaded and the identity may see its metrics.
    static func loadReleaseDevices(_ package: inout PackageState, _ step: inout PaneStep) {
        guard package.releaseDevices.value == nil, !package.releaseDevices.isLoading, package.releaseDevices.error == nil,
              let detail = package.detail.value, mayView(detail, step.identity) else { return }
        let ticket = step.ticket()
        package.releaseDevices.start(ticket)
        step.run(.loadReleaseDevices(package.name, MetricsRange(lastDay: CivilDay(step.now).iso, days: ReleaseDevices.days), ticket))
    }

    /// Whether `identity` may read the package's figures (the store decides again).
    static func mayView(_ detail: PackageDetail, _ identity: Identity) -> Bool {
        Permissions.may(identity, .viewMetrics, on: Availability.access(detail, for: identity)).isAllowed
    }

    /// Asks for the figures of the tab's range (ending today) and breakdown; the answer replaces
    /// what is shown, a stale one is dropped.
    static func load(_ package: inout PackageState, _ step: inout PaneStep) {
        let ticket = step.ticket()
        package.metrics.figures.start(ticket)
        step.run(.loadMetrics(package.name, package.metrics.range(endingAt: step.now), package.metrics.breakdown, ticket))
    }
}

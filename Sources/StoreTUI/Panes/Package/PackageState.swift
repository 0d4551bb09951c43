import StoreModels
import StoreService

/// The tabs of a package.
public enum PackageTab: Int, Hashable, Sendable, CaseIterable {
    case detail, revisions, channels, metrics

    public var title: String {
        switch self {
        case .detail: "Detail"
        case .revisions: "Revisions"
        case .channels: "Channel map"
        case .metrics: "Metrics"
        }
    }
}

/// One opened package: its detail, channel map and revisions, loaded independently.
public struct PackageState: Hashable, Sendable {
    public var name: PackageName
    public var tab: PackageTab = .detail
    public var detail = Loadable<PackageDetail>()
    public var channelMap = Loadable<ChannelMap>()
    public var revisions = RevisionsState()
    /// Scroll offset of the detail text and the channel map.
    public var detailScroll = 0
    public var channelScroll = 0
    /// The highlighted cell of the channel map (an index into ``channelGrid``'s cells).
    public var channelSelection = 0
    /// Revisions picked for a release (Space), at most one per architecture, in picking order.
    public var selectedRevisions: [Int] = []
    /// `*` was pressed: the next promote, close or progressive change on the channel map acts on
    /// every platform rather than the highlighted cell's.
    public var actsOnAllPlatforms = false
    /// The Metrics tab: adoption figures, loaded when the tab is first shown.
    public var metrics = MetricsState()
    /// The devices on each cell of the channel map (``ReleaseDevices``), loaded with the map's tab
    /// for those who may see metrics.
    public var releaseDevices = Loadable<PackageMetrics>()

    public init(name: PackageName) { self.name = name }

    /// Versions by revision number: those of released revisions (public, in the detail) and of the
    /// loaded revisions (for callers who may list them).
    public var versions: [Int: String] {
        var result = detail.value?.releasedVersions ?? [:]
        for revision in revisions.items { result[revision.number] = revision.version }
        return result
    }
}

/// The revisions table: all pages loaded in the background into one ``PagedList``, sorted and
/// filtered locally. The list's highlighted row and scroll count rows of ``visible``.
public struct RevisionsState: Hashable, Sendable {
    /// Sort orders, cycled with `s`.
    public enum Sort: String, Hashable, Sendable, CaseIterable {
        case newest = "revision ↓"
        case oldest = "revision ↑"
        case version = "version"
        case size = "size ↓"
    }

    /// Every revision loaded so far, in the store's order.
    public var list = PagedList<Revision>()
    public var sort: Sort = .newest
    public var architecture: Architecture?
    public var reviewStatus: String?

    /// The revisions loaded so far.
    public var items: [Revision] { list.items }

    public init() {}

    /// The rows shown, in order.
    public var visible: [Revision] {
        let filtered = items.filter { revision in
            (architecture.map { revision.architectures.contains($0) } ?? true)
                && (reviewStatus.map { revision.review.word == $0 } ?? true)
        }
        switch sort {
        case .newest: return filtered.sorted { $0.number > $1.number }
        case .oldest: return filtered.sorted { $0.number < $1.number }
        case .version: return filtered.sorted { VersionOrder.precedes($1.version, $0.version) }
        case .size: return filtered.sorted { $0.size > $1.size }
        }
    }

    /// The revisions by number.
    public var byNumber: [Int: Revision] {
        var result: [Int: Revision] = [:]
        for revision in items { result[revision.number] = revision }
        return result
    }

    /// The highlighted row's revision.
    public var highlighted: Revision? {
        let rows = visible
        return rows.indices.contains(list.highlighted) ? rows[list.highlighted] : nil
    }

    /// The architectures present, for the filter cycle.
    public var architectures: [Architecture] { Array(Set(items.flatMap(\.architectures))).sorted() }
}

/// Compares version strings segment by segment, numerically where both segments are numbers.
public enum VersionOrder {
    /// Whether `lhs` sorts before `rhs`.
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let left = segments(lhs), right = segments(rhs)
        for (a, b) in zip(left, right) where a != b {
            if let x = Int(a), let y = Int(b) { return x < y }
            return a < b
        }
        return left.count < right.count
    }

    private static func segments(_ text: String) -> [Substring] {
        text.split(whereSeparator: { ".-+~:_".contains($0) })
    }
}
